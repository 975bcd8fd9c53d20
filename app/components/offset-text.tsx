import { type ReactNode } from "react";
import { isSafeHref } from "../../common/safe-url.js";
import { FOOTNOTE, footnotesOf } from "../../common/editor-schema.js";
import { BLOCK_JOIN, HARD_BREAK, HARD_BREAK_TEXT, blockText, isContainerBlock } from "../../common/text-blocks.js";

/**
 * Rendering editor JSON while counting plain-text offsets the way
 * common/text-blocks.ts does, so that passages given as offsets (comment
 * highlights) land on the right words. The reader view (components/reader) and
 * a version's frozen text (components/history) both draw their text with it.
 */

/** ProseMirror JSON as the server sends it (see server/collab/content.ts). */
export interface PmNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: PmNode[];
}

/** A text node's inline marks around its rendered children; links only to safe targets. */
export function withMarks(node: PmNode, children: ReactNode, key: string): ReactNode {
  let out = children;
  for (const m of node.marks ?? []) {
    if (m.type === "bold") out = <strong key={key}>{out}</strong>;
    else if (m.type === "italic") out = <em key={key}>{out}</em>;
    else if (m.type === "strike") out = <s key={key}>{out}</s>;
    else if (m.type === "underline") out = <u key={key}>{out}</u>;
    else if (m.type === "code") out = <code key={key}>{out}</code>;
    else if (m.type === "link") {
      const href = String(m.attrs?.href ?? "").trim();
      if (isSafeHref(href)) {
        out = (
          <a key={key} href={href} rel="noopener noreferrer nofollow">
            {out}
          </a>
        );
      }
    }
  }
  return out;
}

/**
 * A text that starts at offset `start`, cut wherever one of `ranges` begins or
 * ends inside it; each piece with its own offsets in the whole text.
 */
export function textPieces(text: string, start: number, ranges: readonly { start: number; end: number }[]): { piece: string; from: number; to: number }[] {
  const cuts = new Set([0, text.length]);
  for (const r of ranges) {
    if (r.end > start && r.start < start + text.length) {
      cuts.add(Math.max(0, r.start - start));
      cuts.add(Math.min(text.length, r.end - start));
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: { piece: string; from: number; to: number }[] = [];
  for (let i = 0; i + 1 < points.length; i++) pieces.push({ piece: text.slice(points[i], points[i + 1]), from: start + points[i]!, to: start + points[i + 1]! });
  return pieces;
}

export interface OffsetRenderers {
  /** A text node that starts at `start` in the plain text. */
  text(node: PmNode, start: number, key: string): ReactNode;
  /** A block with its rendered children; `leaf` is its place in the plain text when it is not a container. */
  block(node: PmNode, key: string, kids: ReactNode[], leaf: { start: number; length: number } | null): ReactNode;
  /** Footnote references link to their notes (FootnoteList, given the same `ids`); they take no room in the text. */
  footnotes?: FootnoteIds;
}

export interface FootnoteIds {
  /** Keeps the ids unique when several texts share a page. */
  prefix: string;
  /** The accessible name of the reference to note `n`. */
  refLabel: (n: number) => string;
}

const noteId = (ids: FootnoteIds, n: number) => `${ids.prefix}fn-${n}`;
const refId = (ids: FootnoteIds, n: number) => `${ids.prefix}fnref-${n}`;

/** The notes of the footnotes in `doc`, numbered as renderWithOffsets numbers their references, each linking back. */
export function FootnoteList({ doc, ids, title, backLabel }: { doc: PmNode; ids: FootnoteIds; title: string; backLabel: (n: number) => string }) {
  const notes = footnotesOf(doc);
  if (notes.length === 0) return null;
  const headingId = `${ids.prefix}footnotes-title`;
  return (
    <section className="footnotes" aria-labelledby={headingId}>
      <h2 id={headingId} className="footnotes__title">
        {title}
      </h2>
      <ol>
        {notes.map((text, i) => (
          <li key={i} id={noteId(ids, i + 1)}>
            {`${text} `}
            <a href={`#${refId(ids, i + 1)}`} className="footnotes__back" aria-label={backLabel(i + 1)}>
              ↩
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Walks the document in reading order, counting offsets as docText does (blank-line joins, hard breaks). */
export function renderWithOffsets(doc: PmNode, renderers: OffsetRenderers): ReactNode {
  let offset = 0;
  let notes = 0;
  const render = (node: PmNode, key: string, root = false): ReactNode => {
    if (node.type === FOOTNOTE) {
      notes += 1;
      const ids = renderers.footnotes;
      if (!ids) return <sup key={key} className="footnote-ref">{notes}</sup>;
      return (
        <sup key={key} className="footnote-ref">
          <a href={`#${noteId(ids, notes)}`} id={refId(ids, notes)} aria-label={ids.refLabel(notes)}>
            {notes}
          </a>
        </sup>
      );
    }
    if (node.type === "text") {
      const start = offset;
      offset += (node.text ?? "").length;
      return renderers.text(node, start, key);
    }
    if (node.type === HARD_BREAK) {
      offset += HARD_BREAK_TEXT.length;
      return <br key={key} />;
    }
    const kids: ReactNode[] = [];
    const container = root || isContainerBlock(node.type);
    let first = true;
    (node.content ?? []).forEach((child, i) => {
      // Only blocks with text are joined by a blank line, as in docText.
      if (container && blockText(child).length > 0) {
        if (!first) offset += BLOCK_JOIN.length;
        first = false;
      }
      kids.push(render(child, `${key}.${i}`));
    });
    if (root) return <>{kids}</>;
    const length = blockText(node).length;
    return renderers.block(node, key, kids, container ? null : { start: offset - length, length });
  };
  return render(doc, "r", true);
}

/** Table nodes as elements (header cells scoped to their column), or null for any other node. */
export function tableElement(node: PmNode, key: string, kids: ReactNode[]): ReactNode | null {
  const span = (name: "colspan" | "rowspan") => {
    const v = Number(node.attrs?.[name] ?? 1);
    return Number.isInteger(v) && v > 1 ? v : undefined;
  };
  switch (node.type) {
    case "table":
      return (
        <div key={key} className="table-scroll">
          <table>
            <tbody>{kids}</tbody>
          </table>
        </div>
      );
    case "tableRow":
      return <tr key={key}>{kids}</tr>;
    case "tableHeader":
      return (
        <th key={key} scope="col" colSpan={span("colspan")} rowSpan={span("rowspan")}>
          {kids}
        </th>
      );
    case "tableCell":
      return (
        <td key={key} colSpan={span("colspan")} rowSpan={span("rowspan")}>
          {kids}
        </td>
      );
    default:
      return null;
  }
}
