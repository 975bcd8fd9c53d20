import type { ReactNode } from "react";
import { STAKEHOLDER_LABEL, labelOf } from "../../../common/labels.js";

/** The shapes the history loaders send (see server/history/history.ts). */
export interface DiffPerson {
  id: string;
  name: string;
  group: string | null;
  colour: string;
}

export interface DiffSpanData {
  type: "equal" | "insert" | "delete";
  text: string;
  authors: { id: string; name: string; group: string | null }[];
}

export interface DiffBlockData {
  type: string;
  level: number | null;
  context: "bullet" | "ordered" | "quote" | null;
  spans: DiffSpanData[];
}

function who(authors: DiffSpanData["authors"]): string {
  return authors.map((a) => `${a.name}${a.group ? ` (${labelOf(STAKEHOLDER_LABEL, a.group)})` : ""}`).join(", ");
}

function Span({ span, colours, showAuthors }: { span: DiffSpanData; colours: Map<string, string>; showAuthors: boolean }) {
  if (span.type === "equal") return <>{span.text}</>;
  if (span.type === "delete") {
    return (
      <del className="diff-del">
        <span className="visually-hidden">[removed: </span>
        {span.text}
        <span className="visually-hidden">]</span>
      </del>
    );
  }
  const label = span.authors.length > 0 ? who(span.authors) : "an earlier edit";
  const colour = span.authors[0] ? colours.get(span.authors[0].id) : undefined;
  return (
    <ins className="diff-ins" title={`Written by ${label}`} style={colour ? { borderBottomColor: colour } : undefined}>
      <span className="visually-hidden">{`[added by ${label}: `}</span>
      {span.text}
      <span className="visually-hidden">]</span>
      {showAuthors && /[\p{L}\p{N}]/u.test(span.text) && span.authors.length > 0 ? (
        <span className="diff-who" aria-hidden="true" style={colour ? { background: colour } : undefined}>
          {span.authors.map((a) => a.name).join(", ")}
        </span>
      ) : null}
    </ins>
  );
}

function BlockBody({ block, colours, showAuthors }: { block: DiffBlockData; colours: Map<string, string>; showAuthors: boolean }) {
  const spans = block.spans.map((s, i) => <Span key={i} span={s} colours={colours} showAuthors={showAuthors} />);
  if (block.type === "heading") {
    const level = Math.min(6, Math.max(3, (block.level ?? 2) + 1));
    const Tag = `h${level}` as "h3";
    return <Tag>{spans}</Tag>;
  }
  if (block.type === "codeBlock") return <pre>{spans}</pre>;
  return <p>{spans}</p>;
}

/**
 * A word diff rendered with the text's structure: headings stay headings,
 * list items stay in lists. Insertions name their authors (visibly, and in
 * words for screen readers); deletions are struck through.
 */
export function DiffView({
  blocks: all,
  people,
  showAuthors = true,
  onlyChanged = false,
  label,
}: {
  blocks: DiffBlockData[];
  people: DiffPerson[];
  showAuthors?: boolean;
  /** Leave out paragraphs without changes (with a note saying how many). */
  onlyChanged?: boolean;
  label: string;
}) {
  const colours = new Map(people.map((p) => [p.id, p.colour]));
  const changed = (b: DiffBlockData) => b.spans.some((s) => s.type !== "equal");
  const blocks = onlyChanged ? all.filter(changed) : all;
  const hidden = all.length - blocks.length;
  const out: ReactNode[] = [];
  for (let i = 0; i < blocks.length; ) {
    const b = blocks[i]!;
    if (b.context === "bullet" || b.context === "ordered" || b.context === "quote") {
      const group: DiffBlockData[] = [];
      while (i < blocks.length && blocks[i]!.context === b.context) group.push(blocks[i++]!);
      const items = group.map((g, k) =>
        b.context === "quote" ? <BlockBody key={k} block={g} colours={colours} showAuthors={showAuthors} /> : (
          <li key={k}>
            <BlockBody block={g} colours={colours} showAuthors={showAuthors} />
          </li>
        ),
      );
      out.push(b.context === "bullet" ? <ul key={i}>{items}</ul> : b.context === "ordered" ? <ol key={i}>{items}</ol> : <blockquote key={i}>{items}</blockquote>);
      continue;
    }
    out.push(<BlockBody key={i} block={b} colours={colours} showAuthors={showAuthors} />);
    i++;
  }
  return (
    <div className="prose diff" role="region" aria-label={label}>
      {out.length > 0 ? out : <p className="empty">{onlyChanged ? "No change to the text itself (formatting only)." : "No text."}</p>}
      {hidden > 0 ? <p className="muted diff-hidden">{`${hidden} unchanged paragraph(s) not shown.`}</p> : null}
    </div>
  );
}

export function AuthorLegend({ people }: { people: DiffPerson[] }) {
  if (people.length === 0) return null;
  return (
    <p className="diff-legend">
      <span className="muted">Written by: </span>
      {people.map((p) => (
        <span key={p.id} className="diff-legend__item">
          <span className="swatch" style={{ background: p.colour }} aria-hidden="true" /> {p.name}
          {p.group ? <span className="muted">{` (${labelOf(STAKEHOLDER_LABEL, p.group)})`}</span> : null}
        </span>
      ))}
    </p>
  );
}
