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
  /** Who wrote an insertion: ids of `people` (a page names each person once, not on every span). */
  authors: string[];
}

export interface DiffBlockData {
  type: string;
  level: number | null;
  context: "bullet" | "ordered" | "quote" | null;
  spans: DiffSpanData[];
}

/**
 * What an insertion by one set of authors says, worked out once per set for the whole
 * diff: a large diff has thousands of insertions by a handful of people, and formatting
 * the same sentences again for each was most of the compare page's render time.
 */
interface Voice {
  /** The authors in words: "Dana Drafter (Government), …", or "an earlier edit". */
  who: string;
  /** Their names for the visible label; `who` when nobody is known. */
  names: string;
  colour: string | undefined;
  title: string;
  added: string;
}

interface Voices {
  of(span: DiffSpanData): Voice;
  removed: string;
}

function useVoices(people: DiffPerson[]): Voices {
  const { t } = useT();
  const byId = new Map(people.map((p) => [p.id, p]));
  const known = new Map<string, Voice>();
  return {
    removed: t("diff.removed"),
    of(span) {
      const key = span.authors.join();
      let voice = known.get(key);
      if (!voice) {
        const authors = span.authors.map((id) => byId.get(id) ?? { id, name: id, group: null, colour: undefined });
        const who =
          authors.length === 0
            ? t("diff.earlierEdit")
            : authors.map((a) => `${a.name}${a.group ? t("history.group", { group: labelIn(t, "group", a.group) }) : ""}`).join(", ");
        voice = {
          who,
          names: authors.length > 0 ? authors.map((a) => a.name).join(", ") : who,
          colour: authors[0]?.colour,
          title: t("diff.writtenBy", { who }),
          added: t("diff.added", { who }),
        };
        known.set(key, voice);
      }
      return voice;
    },
  };
}

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
    const key = s.authors.join();
    const words = /[\p{L}\p{N}]/u.test(s.text);
    const starts = words && s.authors.length > 0 && key !== runKey;
    if (words) runKey = key;
    return starts;
  });
}

function Span({ span, voices, label }: { span: DiffSpanData; voices: Voices; label: boolean }) {
  if (span.type === "equal") return <>{span.text}</>;
  if (span.type === "delete") {
    return (
      <del className="diff-del">
        <span className="visually-hidden">{voices.removed}</span>
        {span.text}
        <span className="visually-hidden">]</span>
      </del>
    );
  }
  const voice = voices.of(span);
  const colour = voice.colour;
  // Focusable, so a keyboard user can reach each insertion and see its author (the label below shows on focus).
  return (
    <ins className="diff-ins" tabIndex={0} title={voice.title} style={colour ? { borderBottomColor: colour } : undefined}>
      <span className={label ? "diff-who" : "diff-who diff-who--on-focus"} aria-hidden="true" style={colour ? { background: colour } : undefined}>
        {voice.names}
      </span>
      <span className="visually-hidden">{voice.added}</span>
      {span.text}
      <span className="visually-hidden">]</span>
    </ins>
  );
}

function BlockBody({ block, voices, showAuthors }: { block: DiffBlockData; voices: Voices; showAuthors: boolean }) {
  const labelled = showAuthors ? labelledSpans(block.spans) : block.spans.map(() => false);
  const spans = block.spans.map((s, i) => <Span key={i} span={s} voices={voices} label={labelled[i]!} />);
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
  unchanged = 0,
  label,
  lang,
}: {
  blocks: DiffBlockData[];
  people: DiffPerson[];
  showAuthors?: boolean;
  /** Leave out paragraphs without changes (with a note saying how many). */
  onlyChanged?: boolean;
  /** Paragraphs without changes the server already left out (counted in the same note). */
  unchanged?: number;
  label: string;
  /** The language the text is written in (the consultation's content language). */
  lang?: string;
}) {
  const { t } = useT();
  const voices = useVoices(people);
  const changed = (b: DiffBlockData) => b.spans.some((s) => s.type !== "equal");
  const blocks = onlyChanged ? all.filter(changed) : all;
  const hidden = unchanged + all.length - blocks.length;
  const out: ReactNode[] = [];
  for (let i = 0; i < blocks.length; ) {
    const b = blocks[i]!;
    if (b.context === "bullet" || b.context === "ordered" || b.context === "quote") {
      const group: DiffBlockData[] = [];
      while (i < blocks.length && blocks[i]!.context === b.context) group.push(blocks[i++]!);
      const items = group.map((g, k) =>
        b.context === "quote" ? <BlockBody key={k} block={g} voices={voices} showAuthors={showAuthors} /> : (
          <li key={k}>
            <BlockBody block={g} voices={voices} showAuthors={showAuthors} />
          </li>
        ),
      );
      out.push(b.context === "bullet" ? <ul key={i}>{items}</ul> : b.context === "ordered" ? <ol key={i}>{items}</ol> : <blockquote key={i}>{items}</blockquote>);
      continue;
    }
    out.push(<BlockBody key={i} block={b} voices={voices} showAuthors={showAuthors} />);
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
