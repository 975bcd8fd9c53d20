import type { ReactNode } from "react";
import { useT } from "../../i18n/index.js";
import { labelIn } from "./labels.js";

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

/** A span's authors in words: "Dana Drafter (Government), …", or "an earlier edit". */
function whoWrote(t: ReturnType<typeof useT>["t"], span: DiffSpanData): string {
  if (span.authors.length === 0) return t("diff.earlierEdit");
  return span.authors.map((a) => `${a.name}${a.group ? t("history.group", { group: labelIn(t, "group", a.group) }) : ""}`).join(", ");
}

const authorKey = (span: DiffSpanData) => span.authors.map((a) => a.id).join();

/**
 * Which insertions carry a visible author label: the first of each run by the
 * same authors. A run goes on across spaces and punctuation and removals, and
 * ends at unchanged words or another author's insertion.
 */
export function labelledSpans(spans: DiffSpanData[]): boolean[] {
  let runKey: string | null = null;
  return spans.map((s) => {
    if (s.type === "equal") {
      if (/[\p{L}\p{N}]/u.test(s.text)) runKey = null;
      return false;
    }
    if (s.type === "delete") return false;
    const key = authorKey(s);
    const words = /[\p{L}\p{N}]/u.test(s.text);
    const starts = words && s.authors.length > 0 && key !== runKey;
    if (words) runKey = key;
    return starts;
  });
}

function Span({ span, colours, label }: { span: DiffSpanData; colours: Map<string, string>; label: boolean }) {
  const { t } = useT();
  if (span.type === "equal") return <>{span.text}</>;
  if (span.type === "delete") {
    return (
      <del className="diff-del">
        <span className="visually-hidden">{t("diff.removed")}</span>
        {span.text}
        <span className="visually-hidden">]</span>
      </del>
    );
  }
  const who = whoWrote(t, span);
  const colour = span.authors[0] ? colours.get(span.authors[0].id) : undefined;
  // Focusable, so a keyboard user can reach each insertion and see its author (the label below shows on focus).
  return (
    <ins className="diff-ins" tabIndex={0} title={t("diff.writtenBy", { who })} style={colour ? { borderBottomColor: colour } : undefined}>
      {label ? (
        <span className="diff-who" aria-hidden="true" style={colour ? { background: colour } : undefined}>
          {span.authors.map((a) => a.name).join(", ")}
        </span>
      ) : (
        <span className="diff-who diff-who--on-focus" aria-hidden="true" style={colour ? { background: colour } : undefined}>
          {span.authors.length > 0 ? span.authors.map((a) => a.name).join(", ") : who}
        </span>
      )}
      <span className="visually-hidden">{t("diff.added", { who })}</span>
      {span.text}
      <span className="visually-hidden">]</span>
    </ins>
  );
}

function BlockBody({ block, colours, showAuthors }: { block: DiffBlockData; colours: Map<string, string>; showAuthors: boolean }) {
  const labelled = showAuthors ? labelledSpans(block.spans) : block.spans.map(() => false);
  const spans = block.spans.map((s, i) => <Span key={i} span={s} colours={colours} label={labelled[i]!} />);
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
 * list items stay in lists. Each run of one author's insertions names the
 * author once, before it; every insertion names its authors on hover and on
 * keyboard focus, and in words for screen readers; deletions are struck through.
 */
export function DiffView({
  blocks: all,
  people,
  showAuthors = true,
  onlyChanged = false,
  label,
  lang,
}: {
  blocks: DiffBlockData[];
  people: DiffPerson[];
  showAuthors?: boolean;
  /** Leave out paragraphs without changes (with a note saying how many). */
  onlyChanged?: boolean;
  label: string;
  /** The language the text is written in (the consultation's content language). */
  lang?: string;
}) {
  const { t } = useT();
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
      {out.length > 0 ? <div lang={lang}>{out}</div> : <p className="empty">{onlyChanged ? t("diff.formattingOnly") : t("diff.noText")}</p>}
      {hidden > 0 ? <p className="muted diff-hidden">{t("diff.hidden", { count: hidden })}</p> : null}
    </div>
  );
}

export function AuthorLegend({ people }: { people: DiffPerson[] }) {
  const { t } = useT();
  if (people.length === 0) return null;
  return (
    <p className="diff-legend">
      <span className="muted">{t("diff.legend")}</span>
      {people.map((p) => (
        <span key={p.id} className="diff-legend__item">
          <span className="swatch" style={{ background: p.colour }} aria-hidden="true" /> {p.name}
          {p.group ? <span className="muted">{t("history.group", { group: labelIn(t, "group", p.group) })}</span> : null}
        </span>
      ))}
    </p>
  );
}
