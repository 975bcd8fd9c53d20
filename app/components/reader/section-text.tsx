import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { docText } from "../../../common/text-blocks.js";
import { useT } from "../../i18n/index.js";
import { FootnoteList, renderWithOffsets, tableElement, textPieces, withMarks, type FootnoteIds, type PmNode } from "../offset-text.js";
import { quoteOf, type SelectedQuote } from "./quote.js";
import { offsetsOfBlock, offsetsOfRange } from "./text-offsets.js";

/** A commented passage, by its offsets in the current plain text (resolved by the server). */
export interface ReaderHighlight {
  id: string;
  start: number;
  end: number;
}

export type PassageKind = "comment" | "suggestion";

export interface SectionTextProps {
  /** The section's content as ProseMirror JSON (server/collab/content.ts docToJson, links already checked). */
  doc: PmNode;
  title: string;
  /** The consultation's language, which the text is written in. */
  contentLanguage: string;
  highlights: ReaderHighlight[];
  activeId: string | null;
  onActivate: (id: string) => void;
  /** Hydrated: the page's scripts run (false in the server render, which must work without them). */
  interactive: boolean;
  /** Whether the viewer may comment, so that passages are offered to be chosen. */
  canChoose: boolean;
  /** The selected passage, or null when the selection inside the text is gone. */
  onSelect: (quote: SelectedQuote | null) => void;
  /** A passage chosen with the actions: the page fills its form with it and moves there. */
  onChoose: (quote: SelectedQuote, kind: PassageKind) => void;
}

interface Control {
  quote: SelectedQuote;
  /** About a whole paragraph (focused with the keyboard), or about a selection. */
  whole: boolean;
  /** The paragraph that had focus, which Escape and Tab go back to from the actions. */
  from: HTMLElement | null;
  top: number;
  left: number;
}

const HINT_ID = "reader-block-hint";
/** Keys that extend a keyboard selection inside a focused paragraph, as Selection.modify understands them. */
const EXTEND: Record<string, [forward: boolean, granularity: string]> = {
  ArrowRight: [true, "character"],
  ArrowLeft: [false, "character"],
  ArrowDown: [true, "line"],
  ArrowUp: [false, "line"],
  End: [true, "lineboundary"],
  Home: [false, "lineboundary"],
};

/**
 * The section's text for those who do not edit it: rendered from the server's
 * JSON (no editor, no Yjs), with commented passages marked. Every text block
 * carries its offset in the plain text (common/text-blocks.ts), so a selection
 * in the DOM becomes the same quote the editor would make. With the keyboard,
 * each paragraph is a tab stop: Enter comments on it, Shift with the arrows
 * selects part of it, and Tab reaches the actions shown beside it.
 */
export function SectionText(props: SectionTextProps) {
  const { doc, highlights, activeId, onActivate, interactive, canChoose, onSelect, onChoose } = props;
  const { t } = useT();
  const text = useMemo(() => docText(doc), [doc]);
  const wrapper = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const controlRef = useRef<HTMLDivElement>(null);
  const [control, setControl] = useState<Control | null>(null);
  // The paragraph that Escape sent focus back to: its actions stay dismissed until it is focused again.
  const dismissed = useRef<HTMLElement | null>(null);
  const choosing = interactive && canChoose;
  // The latest callbacks, for the document-wide selection listener.
  const latest = useRef({ onSelect, text });
  latest.current = { onSelect, text };

  /** Beside `rect`: above it when there is room (the words stay visible), else below. */
  const place = useCallback((rect: DOMRect, above: boolean): { top: number; left: number } => {
    const box = wrapper.current!.getBoundingClientRect();
    const width = controlRef.current?.offsetWidth ?? 300;
    const height = controlRef.current?.offsetHeight ?? 44;
    const top = above && rect.top - box.top >= height + 6 ? rect.top - box.top - height - 6 : rect.bottom - box.top + 6;
    return { top, left: Math.max(0, Math.min(rect.left - box.left, box.width - width)) };
  }, []);

  // A selection inside the text is a passage: it fills the form (as in the editor) and brings the actions beside it.
  useEffect(() => {
    if (!choosing) return;
    const onChange = () => {
      const el = root.current;
      const sel = document.getSelection();
      if (!el || !sel || sel.rangeCount === 0) return;
      const range = sel.getRangeAt(0);
      if (!el.contains(range.commonAncestorContainer) && !range.intersectsNode(el)) {
        // Elsewhere on the page (the form, say): the chosen passage stays; only the selection's actions go.
        setControl((c) => (c && !c.whole ? null : c));
        return;
      }
      const offsets = offsetsOfRange(el, range);
      const quote = offsets ? quoteOf(latest.current.text, offsets.start, offsets.end) : null;
      latest.current.onSelect(quote);
      if (!quote) return setControl((c) => (c && !c.whole ? null : c));
      const rects = range.getClientRects();
      const first = rects.length > 0 ? rects[0]! : range.getBoundingClientRect();
      const focused = document.activeElement instanceof HTMLElement && el.contains(document.activeElement) ? document.activeElement : null;
      setControl({ quote, whole: false, from: focused, ...place(first, true) });
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [choosing, place]);

  const blockQuote = (block: HTMLElement): SelectedQuote | null => {
    const { start, end } = offsetsOfBlock(block);
    return quoteOf(text, start, end);
  };

  const selectionIn = (block: HTMLElement): SelectedQuote | null => {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !block.contains(sel.anchorNode)) return null;
    const offsets = offsetsOfRange(root.current!, sel.getRangeAt(0));
    return offsets ? quoteOf(text, offsets.start, offsets.end) : null;
  };

  const onBlockKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const block = e.target as HTMLElement;
    if (!choosing || !block.matches("[data-start][tabindex]")) return;
    if (e.key === "Enter") {
      const quote = selectionIn(block) ?? blockQuote(block);
      if (quote) {
        e.preventDefault();
        onChoose(quote, "comment");
      }
    } else if (e.key === "Escape") {
      setControl(null);
    } else if (e.key === "Tab" && !e.shiftKey && control) {
      const first = controlRef.current?.querySelector("button");
      if (first) {
        e.preventDefault();
        first.focus();
      }
    } else if (e.shiftKey && EXTEND[e.key] && !e.altKey && !e.metaKey) {
      // Without caret browsing a focused paragraph has no caret to extend: the selection starts at its edge.
      const [forward, unit] = EXTEND[e.key]!;
      const sel = document.getSelection();
      if (!sel) return;
      e.preventDefault();
      if (sel.rangeCount === 0 || !block.contains(sel.anchorNode)) sel.collapse(block, forward ? 0 : block.childNodes.length);
      sel.modify("extend", forward ? "forward" : "backward", e.ctrlKey && unit === "character" ? "word" : unit);
    }
  };

  const onFocusBlock = (e: FocusEvent<HTMLDivElement>) => {
    const block = e.target as HTMLElement;
    if (!choosing || !block.matches("[data-start][tabindex]") || !block.matches(":focus-visible")) return;
    if (dismissed.current === block) {
      dismissed.current = null;
      return;
    }
    const quote = blockQuote(block);
    if (quote) setControl({ quote, whole: true, from: block, ...place(block.getBoundingClientRect(), false) });
  };

  const onLeave = (e: FocusEvent<HTMLDivElement>) => {
    // Focus moving between the paragraphs and the actions keeps them; anywhere else, a paragraph's actions go.
    if (e.relatedTarget instanceof Node && wrapper.current?.contains(e.relatedTarget)) return;
    setControl((c) => (c?.whole ? null : c));
  };

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    // A click with no pointer behind it (detail 0) is a screen reader's Enter in browse mode, which never reaches onKeyDown.
    const block = (e.target as HTMLElement).closest<HTMLElement>("[data-start][tabindex]");
    if (choosing && e.detail === 0 && block) {
      const quote = selectionIn(block) ?? blockQuote(block);
      if (quote) return onChoose(quote, "comment");
    }
    const id = (e.target as HTMLElement).closest("[data-comment-id]")?.getAttribute("data-comment-id");
    // Not at the end of a drag that selected words: that is choosing a passage.
    if (id && document.getSelection()?.isCollapsed !== false) onActivate(id);
  };

  const onControlKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(controlRef.current?.querySelectorAll("button") ?? [])];
    const back = control?.from ?? null;
    if (e.key === "Escape") {
      e.preventDefault();
      setControl(null);
      dismissed.current = back;
      back?.focus();
    } else if (e.key === "Tab" && back) {
      if (e.shiftKey && e.target === buttons[0]) {
        e.preventDefault();
        back.focus();
      } else if (!e.shiftKey && e.target === buttons[buttons.length - 1]) {
        // On to the paragraph after the one the actions belong to, as if they sat right after it.
        const stops = [...(root.current?.querySelectorAll<HTMLElement>("[data-start][tabindex]") ?? [])];
        const next = stops[stops.indexOf(back) + 1];
        if (next) {
          e.preventDefault();
          next.focus();
        }
      }
    }
  };

  const choose = (kind: PassageKind) => {
    if (!control) return;
    const { quote } = control;
    setControl(null);
    onChoose(quote, kind);
  };

  const footnoteIds = useMemo<FootnoteIds>(() => ({ prefix: "", refLabel: (n) => t("reader.footnote.ref", { n }) }), [t]);
  const rendered = useMemo(() => renderDoc(doc, highlights, activeId, choosing ? HINT_ID : null, footnoteIds), [doc, highlights, activeId, choosing, footnoteIds]);

  return (
    <div className="reader" ref={wrapper} onBlur={onLeave}>
      <article aria-labelledby="section-title" lang={props.contentLanguage}>
        {text ? (
          <div
            ref={root}
            className="prose reader__text"
            data-testid="section-text"
            data-ready={interactive ? "" : undefined}
            onKeyDown={onBlockKey}
            onFocus={onFocusBlock}
            onClick={onClick}
          >
            {rendered}
          </div>
        ) : (
          <div className="prose" data-testid="section-text" data-ready={interactive ? "" : undefined}>
            <p className="empty">{t("section.empty")}</p>
          </div>
        )}
        {/* After the text, not in it: the notes are no passage one could comment on. */}
        <FootnoteList doc={doc} ids={footnoteIds} title={t("reader.footnotes.title")} backLabel={(n) => t("reader.footnote.back", { n })} />
      </article>
      {choosing ? (
        <p id={HINT_ID} hidden>
          {t("reader.block.hint")}
        </p>
      ) : null}
      {control ? (
        <div ref={controlRef} className="passage-actions" role="group" aria-label={t("reader.actions.label")} style={{ top: control.top, left: control.left }}
          onKeyDown={onControlKey}
          // A press must not take the selection away before the click chooses it.
          onMouseDown={(e) => e.preventDefault()}
        >
          <button type="button" className="button button--small" onClick={() => choose("comment")}>
            {control.whole ? t("reader.actions.commentParagraph") : t("reader.actions.comment")}
          </button>
          <button type="button" className="button button--small button--secondary" onClick={() => choose("suggestion")}>
            {t("reader.actions.suggest")}
          </button>
        </div>
      ) : null}
    </div>
  );
}


/**
 * The content as elements, counting offsets as common/text-blocks.ts does. A
 * text block gets `data-start`/`data-length` (and, when passages can be
 * chosen, a tab stop described by the hint); a commented passage is a <mark>.
 */
function renderDoc(doc: PmNode, highlights: ReaderHighlight[], activeId: string | null, hintId: string | null, footnotes: FootnoteIds): ReactNode {
  const marked = highlights.filter((h) => h.end > h.start).sort((a, b) => a.end - a.start - (b.end - b.start));
  return renderWithOffsets(doc, {
    footnotes,
    text(node, start, key) {
      const parts = textPieces(node.text ?? "", start, marked).map(({ piece, from, to }, i) => {
        // The narrowest passage covering the piece is the one a click opens; any active one lights it up.
        const covering = marked.filter((x) => x.start <= from && to <= x.end);
        return covering.length > 0 ? (
          <mark key={i} className={covering.some((x) => x.id === activeId) ? "anchor anchor--active" : "anchor"} data-comment-id={covering[0]!.id}>
            {piece}
          </mark>
        ) : (
          piece
        );
      });
      return withMarks(node, <Fragment key={key}>{parts}</Fragment>, key);
    },
    block: (node, key, kids, leaf) => blockElement(node, key, kids, leaf, hintId),
  });
}

function blockElement(node: PmNode, key: string, kids: ReactNode[], leaf: { start: number; length: number } | null, hintId: string | null): ReactNode {
  const table = tableElement(node, key, kids);
  if (table) return table;
  // Only a block with text is a passage one can choose.
  const at =
    leaf && leaf.length > 0
      ? { "data-start": leaf.start, "data-length": leaf.length, ...(hintId ? { tabIndex: 0, "aria-describedby": hintId } : {}) }
      : {};
  switch (node.type) {
    case "paragraph":
      return (
        <p key={key} {...at}>
          {kids}
        </p>
      );
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 2)));
      const Tag = `h${level}` as "h2";
      return (
        <Tag key={key} {...at}>
          {kids}
        </Tag>
      );
    }
    case "codeBlock":
      return (
        <pre key={key} {...at}>
          <code>{kids}</code>
        </pre>
      );
    case "bulletList":
      return <ul key={key}>{kids}</ul>;
    case "orderedList":
      return (
        <ol key={key} start={typeof node.attrs?.start === "number" && node.attrs.start !== 1 ? node.attrs.start : undefined}>
          {kids}
        </ol>
      );
    case "listItem":
      return <li key={key}>{kids}</li>;
    case "blockquote":
      return <blockquote key={key}>{kids}</blockquote>;
    case "horizontalRule":
      return <hr key={key} />;
    default:
      return (
        <div key={key} {...at}>
          {kids}
        </div>
      );
  }
}
