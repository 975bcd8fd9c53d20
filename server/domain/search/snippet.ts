import { headByGraphemes, tailByGraphemes } from "../../../common/graphemes.js";
import { escapeHtml } from "../../text/markdown.js";

/** A piece of a snippet: plain text, or a match of one of the words. Rendered as text (React escapes it), matches in <mark>. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** How long a snippet is, in UTF-16 units, and how much of it comes before the first match. */
export const SNIPPET_MAX = 200;
const SNIPPET_LEAD = 60;

function matcher(words: readonly string[]): RegExp | null {
  if (words.length === 0) return null;
  // Longest first, so a word that contains another is marked whole.
  const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(alternatives.join("|"), "giu");
}

/** Splits `text` into parts, marking every (case-insensitive) occurrence of the words. */
export function markWords(text: string, words: readonly string[]): SnippetPart[] {
  const re = matcher(words);
  if (!re || text.length === 0) return text.length === 0 ? [] : [{ text, match: false }];
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) continue;
    if (m.index > at) parts.push({ text: text.slice(at, m.index), match: false });
    parts.push({ text: m[0], match: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/**
 * A passage of `text` around the first match, with white space collapsed, cut between
 * characters (never inside an emoji or a surrogate pair), an ellipsis where it was cut,
 * and the words marked.
 */
export function snippetOf(text: string, words: readonly string[], max = SNIPPET_MAX): SnippetPart[] {
  const flat = text.replace(/\s+/gu, " ").trim();
  const re = matcher(words);
  const first = re ? (re.exec(flat)?.index ?? 0) : 0;
  const before = first > SNIPPET_LEAD ? tailByGraphemes(flat.slice(0, first), SNIPPET_LEAD) : flat.slice(0, first);
  const after = headByGraphemes(flat.slice(first), Math.max(0, max - before.length));
  const cutStart = before.length < first;
  const cutEnd = first + after.length < flat.length;
  return markWords(`${cutStart ? "…" : ""}${before}${after}${cutEnd ? "…" : ""}`, words);
}

/** The snippet as HTML for the API: text escaped, matches in <mark>. */
export function snippetHtml(parts: readonly SnippetPart[]): string {
  return parts.map((p) => (p.match ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join("");
}
