import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { useCollabDoc, type CollabDoc, type LinkStatus } from "../../collab/use-collab-doc.client.js";
import { CommentHighlights, highlightKey, type HighlightAnchor } from "./comment-highlights.js";
import { EDITOR_EXTENSIONS } from "./extensions.js";

export interface SectionEditorProps {
  sectionId: string;
  title: string;
  editable: boolean;
  /** The server-rendered text, shown until the live document has synced. */
  initialHtml: string;
  me: { name: string; color: string } | null;
  onAccessChange: () => void;
  /** Commented passages to highlight, and the one whose thread is open. */
  anchors: HighlightAnchor[];
  activeId: string | null;
  onActivate: (id: string) => void;
  /** The selected passage as a W3C-style quote, or null when nothing is selected. */
  onSelect: (quote: SelectedQuote | null) => void;
}

export interface SelectedQuote {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
}

export const QUOTE_CONTEXT_CHARS = 32;

function statusText(status: LinkStatus, synced: boolean, editable: boolean, hadSync: boolean): { label: string; tone: string } {
  // Lost after having synced: still "offline" while reconnect attempts come and go.
  if (status === "disconnected" || (hadSync && !synced)) {
    return editable
      ? { label: "Offline — your edits are kept on this device and sent when the connection returns", tone: "offline" }
      : { label: "Offline — reconnecting", tone: "offline" };
  }
  if (status === "connecting" || !synced) return { label: "Connecting…", tone: "connecting" };
  return editable ? { label: "Live — changes are saved as you type", tone: "live" } : { label: "Read-only — updates appear live", tone: "readonly" };
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
  const { collab, status, synced, hadSync } = useCollabDoc(props.sectionId, props.onAccessChange, { keepLocalCopy: props.editable });
  const people = usePresence(collab);
  const state = statusText(status, synced, props.editable, hadSync);
  const showEditor = synced || hadSync || status === "disconnected";
  return (
    <div className="editor-shell">
      <div className="editor-bar">
        <p className={`conn conn--${state.tone}`} role="status" aria-live="polite" data-testid="connection-status">
          <span className="conn__dot" aria-hidden="true" />
          {state.label}
        </p>
        <PresenceList people={people} />
      </div>
      <article aria-labelledby="section-title">
        {collab ? <LiveEditor key={props.sectionId} {...props} collab={collab} visible={showEditor} /> : null}
        {!collab || !showEditor ? (
          <div className="prose" aria-busy="true" dangerouslySetInnerHTML={{ __html: props.initialHtml || '<p class="empty">This section has no text yet.</p>' }} />
        ) : null}
      </article>
    </div>
  );
}

function PresenceList({ people }: { people: Person[] }) {
  if (people.length === 0) return <p className="presence muted">No one else is here.</p>;
  return (
    <div className="presence">
      <span className="muted">Also here:</span>
      <ul aria-label="People viewing this section">
        {people.map((p) => (
          <li key={p.key}>
            <span className="presence__dot" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
            {p.readOnly ? <span className="muted"> (reading)</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function LiveEditor({ collab, editable, title, me, visible, anchors, activeId, onActivate, onSelect }: SectionEditorProps & { collab: CollabDoc; visible: boolean }) {
  const editor = useEditor(
    {
      extensions: [
        ...EDITOR_EXTENSIONS,
        Collaboration.configure({ document: collab.doc }),
        CollaborationCaret.configure({ provider: collab.provider, user: me ?? { name: "Reader", color: "#56606b" } }),
        CommentHighlights.configure({ doc: collab.doc, onActivate }),
      ],
      onSelectionUpdate: ({ editor: e }) => {
        const { from, to, empty } = e.state.selection;
        if (empty) return onSelect(null);
        const doc = e.state.doc;
        const exact = doc.textBetween(from, to, "\n\n");
        if (!exact.trim()) return onSelect(null);
        const before = doc.textBetween(0, from, "\n\n");
        const after = doc.textBetween(to, doc.content.size, "\n\n");
        // Whole characters only: half an emoji is not text the server can match.
        onSelect({ exact, prefix: Array.from(before).slice(-QUOTE_CONTEXT_CHARS).join(""), suffix: Array.from(after).slice(0, QUOTE_CONTEXT_CHARS).join(""), start: before.length });
      },
      editable,
      immediatelyRender: false,
      editorProps: {
        attributes: {
          class: editable ? "prose editor editor--editable" : "prose editor",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": `Text of “${title}”`,
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
    editor.view.dispatch(editor.state.tr.setMeta(highlightKey, true));
  }, [editor, anchors, activeId]);
  return (
    <div hidden={!visible}>
      {editor && editable ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
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
    }),
  });
  const chain = () => editor.chain().focus();
  const setLink = () => {
    const previous = (editor.getAttributes("link").href as string | undefined) ?? "https://";
    const href = window.prompt("Link address (leave empty to remove the link)", previous);
    if (href === null) return;
    if (href.trim() === "") chain().extendMarkRange("link").unsetLink().run();
    else chain().extendMarkRange("link").setLink({ href: href.trim() }).run();
  };
  // The accessible name starts with what the button shows, so voice-control users can say what they see.
  const button = (label: string, pressed: boolean, run: () => void, text: string) => (
    <button type="button" className="tool" aria-label={label.toLowerCase().startsWith(text.toLowerCase()) ? label : `${text}: ${label}`} aria-pressed={pressed} title={label} onClick={run}>
      {text}
    </button>
  );
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {button("Heading", active.h2, () => chain().toggleHeading({ level: 2 }).run(), "H2")}
      {button("Subheading", active.h3, () => chain().toggleHeading({ level: 3 }).run(), "H3")}
      {button("Bold", active.bold, () => chain().toggleBold().run(), "B")}
      {button("Italic", active.italic, () => chain().toggleItalic().run(), "I")}
      {button("Bulleted list", active.bullet, () => chain().toggleBulletList().run(), "• List")}
      {button("Numbered list", active.ordered, () => chain().toggleOrderedList().run(), "1. List")}
      {button("Quote", active.quote, () => chain().toggleBlockquote().run(), "❝")}
      {button("Link", active.link, setLink, "Link")}
      <button type="button" className="tool" onClick={() => chain().undo().run()} aria-label="Undo" title="Undo">
        ↶
      </button>
      <button type="button" className="tool" onClick={() => chain().redo().run()} aria-label="Redo" title="Redo">
        ↷
      </button>
    </div>
  );
}
