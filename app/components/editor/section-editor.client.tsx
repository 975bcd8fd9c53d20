import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { FOOTNOTE, FOOTNOTE_TEXT_MAX } from "../../../common/editor-schema.js";
import { useCollabDoc, type CollabDoc, type LinkStatus } from "../../collab/use-collab-doc.client.js";
import { CommentHighlights, highlightKey, type HighlightAnchor } from "./comment-highlights.js";
import { CaretHintExtension } from "./cursor-hint.js";
import { EDITOR_EXTENSIONS } from "./extensions.js";
import { useT, type MessageId } from "../../i18n/index.js";
import { quoteFrom, type SelectedQuote } from "../reader/quote.js";

export interface SectionEditorProps {
  sectionId: string;
  /** The collaboration document: the section id, or its team-only working copy's name (ADR 026). */
  docName: string;
  title: string;
  /** The consultation's language, which the text is written in (independent of the interface's). */
  contentLanguage: string;
  editable: boolean;
  /** The server-rendered text, shown until the live document has synced. */
  initialHtml: string;
  me: { name: string; color: string } | null;
  /** The socket was closed because what the user may do changed; `closeCode` says how (common/close-codes.ts). */
  onAccessChange: (closeCode: number) => void;
  /** Commented passages to highlight, and the one whose thread is open. */
  anchors: HighlightAnchor[];
  activeId: string | null;
  onActivate: (id: string) => void;
  /** The selected passage as a W3C-style quote, or null when nothing is selected. */
  onSelect: (quote: SelectedQuote | null) => void;
}

export type { SelectedQuote };

function statusText(status: LinkStatus, synced: boolean, editable: boolean, hadSync: boolean, working: boolean): { label: MessageId; tone: string } {
  // Lost after having synced: still "offline" while reconnect attempts come and go.
  if (status === "disconnected" || (hadSync && !synced)) {
    return editable ? { label: "editor.status.offlineEditable", tone: "offline" } : { label: "editor.status.offline", tone: "offline" };
  }
  if (status === "connecting" || !synced) return { label: "editor.status.connecting", tone: "connecting" };
  if (!editable) return { label: "editor.status.readOnly", tone: "readonly" };
  return { label: working ? "working.status.live" : "editor.status.live", tone: "live" };
}

interface Person {
  key: string;
  name: string;
  color: string;
  readOnly: boolean;
}

function usePresence(collab: CollabDoc | null): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!collab) return;
    const awareness = collab.provider.awareness;
    const update = () => {
      const seen = new Map<string, Person>();
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const user = (state as { user?: { id?: string; name?: string; color?: string }; readOnly?: boolean }).user;
        if (!user?.id || !user.name) return;
        seen.set(user.id, { key: user.id, name: user.name, color: user.color ?? "#56606b", readOnly: Boolean((state as { readOnly?: boolean }).readOnly) });
      });
      setPeople([...seen.values()].sort((a, b) => a.name.localeCompare(b.name)));
    };
    awareness.on("change", update);
    update();
    return () => awareness.off("change", update);
  }, [collab]);
  return people;
}

export function SectionEditor(props: SectionEditorProps) {
  const { collab, status, synced, hadSync } = useCollabDoc(props.docName, props.onAccessChange, { keepLocalCopy: props.editable });
  const people = usePresence(collab);
  const state = statusText(status, synced, props.editable, hadSync, props.docName !== props.sectionId);
  const { t } = useT();
  const showEditor = synced || hadSync || status === "disconnected";
  return (
    <div className="editor-shell">
      <div className="editor-bar">
        <p className={`conn conn--${state.tone}`} role="status" aria-live="polite" data-testid="connection-status">
          <span className="conn__dot" aria-hidden="true" />
          {t(state.label)}
        </p>
        <PresenceList people={people} />
      </div>
      <article aria-labelledby="section-title" lang={props.contentLanguage}>
        {collab ? <LiveEditor key={props.docName} {...props} collab={collab} visible={showEditor} /> : null}
        {!collab || !showEditor ? (
          props.initialHtml ? (
            <div className="prose" aria-busy="true" dangerouslySetInnerHTML={{ __html: props.initialHtml }} />
          ) : (
            <div className="prose" aria-busy="true">
              <p className="empty">{t("section.empty")}</p>
            </div>
          )
        ) : null}
      </article>
    </div>
  );
}

function PresenceList({ people }: { people: Person[] }) {
  const { t } = useT();
  if (people.length === 0) return <p className="presence muted">{t("editor.presence.alone")}</p>;
  return (
    <div className="presence">
      <span className="muted">{t("editor.presence.also")}</span>
      <ul aria-label={t("editor.presence.label")}>
        {people.map((p) => (
          <li key={p.key}>
            <span className="presence__dot" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
            {p.readOnly ? <span className="muted">{t("editor.presence.reading")}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function LiveEditor({ collab, editable, title, me, visible, anchors, activeId, onActivate, onSelect }: SectionEditorProps & { collab: CollabDoc; visible: boolean }) {
  const { t } = useT();
  const editor = useEditor(
    {
      extensions: [
        ...EDITOR_EXTENSIONS,
        Collaboration.configure({ document: collab.doc }),
        CaretHintExtension,
        CollaborationCaret.configure({ provider: collab.provider, user: me ?? { name: t("editor.reader"), color: "#56606b" } }),
        CommentHighlights.configure({ doc: collab.doc, onActivate }),
      ],
      onSelectionUpdate: ({ editor: e }) => {
        const { from, to, empty } = e.state.selection;
        if (empty) return onSelect(null);
        const doc = e.state.doc;
        const before = doc.textBetween(0, from, "\n\n");
        onSelect(quoteFrom(before, doc.textBetween(from, to, "\n\n"), doc.textBetween(to, doc.content.size, "\n\n"), before.length));
      },
      editable,
      immediatelyRender: false,
      editorProps: {
        attributes: {
          class: editable ? "prose editor editor--editable" : "prose editor",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": t("editor.label", { title }),
          "aria-readonly": String(!editable),
        },
      },
    },
    [collab],
  );
  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);
  useEffect(() => {
    if (!editor) return;
    const storage = editor.storage as unknown as { commentHighlights: { anchors: HighlightAnchor[]; active: string | null } };
    storage.commentHighlights.anchors = anchors;
    storage.commentHighlights.active = activeId;
    // New comments arrive whenever the page re-reads its data; a transaction dispatched in the
    // middle of an IME composition can end it early, so the highlights wait for it to finish.
    const refresh = () => {
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(highlightKey, true));
    };
    if (!editor.view.composing) return refresh();
    const dom = editor.view.dom;
    dom.addEventListener("compositionend", refresh, { once: true });
    return () => dom.removeEventListener("compositionend", refresh);
  }, [editor, anchors, activeId]);
  return (
    <div hidden={!visible}>
      {editor && editable ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useT();
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      quote: e.isActive("blockquote"),
      link: e.isActive("link"),
      table: e.isActive("table"),
      footnote: e.isActive(FOOTNOTE),
    }),
  });
  const chain = () => editor.chain().focus();
  const setLink = () => {
    const previous = (editor.getAttributes("link").href as string | undefined) ?? "https://";
    const href = window.prompt(t("editor.link.prompt"), previous);
    if (href === null) return;
    if (href.trim() === "") chain().extendMarkRange("link").unsetLink().run();
    else chain().extendMarkRange("link").setLink({ href: href.trim() }).run();
  };
  // A selected footnote (a click selects it) is edited, emptied to remove it; otherwise a new one goes at the cursor.
  const editFootnote = () => {
    const previous = active.footnote ? String(editor.getAttributes(FOOTNOTE).text ?? "") : "";
    const text = window.prompt(t("editor.footnote.prompt"), previous);
    if (text === null) return;
    const note = text.replace(/\s+/g, " ").trim().slice(0, FOOTNOTE_TEXT_MAX);
    if (active.footnote) {
      if (note === "") chain().deleteSelection().run();
      else chain().updateAttributes(FOOTNOTE, { text: note }).run();
    } else if (note !== "") {
      chain().insertContent({ type: FOOTNOTE, attrs: { text: note } }).run();
    }
  };
  // The accessible name starts with what the button shows, so voice-control users can say what they see.
  const button = (label: string, pressed: boolean, run: () => void, text: string) => (
    <button type="button" className="tool" aria-label={label.toLowerCase().startsWith(text.toLowerCase()) ? label : t("editor.tool.named", { text, label })} aria-pressed={pressed} title={label} onClick={run}>
      {text}
    </button>
  );
  return (
    <div className="toolbar" role="toolbar" aria-label={t("editor.toolbar")}>
      {button(t("editor.tool.heading"), active.h2, () => chain().toggleHeading({ level: 2 }).run(), "H2")}
      {button(t("editor.tool.subheading"), active.h3, () => chain().toggleHeading({ level: 3 }).run(), "H3")}
      {button(t("editor.tool.bold"), active.bold, () => chain().toggleBold().run(), t("editor.text.bold"))}
      {button(t("editor.tool.italic"), active.italic, () => chain().toggleItalic().run(), t("editor.text.italic"))}
      {button(t("editor.tool.bulletList"), active.bullet, () => chain().toggleBulletList().run(), t("editor.text.bulletList"))}
      {button(t("editor.tool.orderedList"), active.ordered, () => chain().toggleOrderedList().run(), t("editor.text.orderedList"))}
      {button(t("editor.tool.quote"), active.quote, () => chain().toggleBlockquote().run(), "❝")}
      {button(t("editor.tool.link"), active.link, setLink, t("editor.text.link"))}
      {button(t("editor.tool.footnote"), active.footnote, editFootnote, t("editor.text.footnote"))}
      {active.table ? (
        <>
          {button(t("editor.tool.addRow"), false, () => chain().addRowAfter().run(), t("editor.text.addRow"))}
          {button(t("editor.tool.addColumn"), false, () => chain().addColumnAfter().run(), t("editor.text.addColumn"))}
          {button(t("editor.tool.deleteTable"), false, () => chain().deleteTable().run(), t("editor.text.deleteTable"))}
        </>
      ) : (
        button(t("editor.tool.table"), false, () => chain().insertTable({ rows: 3, cols: 2, withHeaderRow: true }).run(), t("editor.text.table"))
      )}
      <button type="button" className="tool" onClick={() => chain().undo().run()} aria-label={t("editor.tool.undo")} title={t("editor.tool.undo")}>
        ↶
      </button>
      <button type="button" className="tool" onClick={() => chain().redo().run()} aria-label={t("editor.tool.redo")} title={t("editor.tool.redo")}>
        ↷
      </button>
    </div>
  );
}
