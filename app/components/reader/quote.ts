/**
 * A passage chosen in the text, as the comment form sends it: the words, some
 * context on each side, and where it starts in the section's plain text
 * (common/text-blocks.ts) as a hint. The editor and the reader view both make it.
 */
export interface SelectedQuote {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
}

/** Characters (code points) of context kept on each side; the server trims its own copy by graphemes. */
export const QUOTE_CONTEXT_CHARS = 32;

/**
 * The quote of `exact`, with the text before and after it (only their ends
 * near the passage matter), or null when it holds no visible text. Context is
 * cut at whole characters: half an emoji is not text the server can match.
 */
export function quoteFrom(before: string, exact: string, after: string, start: number): SelectedQuote | null {
  if (!exact.trim()) return null;
  return { exact, prefix: Array.from(before).slice(-QUOTE_CONTEXT_CHARS).join(""), suffix: Array.from(after).slice(0, QUOTE_CONTEXT_CHARS).join(""), start };
}

/** The quote of [start, end) in the plain text, or null when that holds no visible text. */
export function quoteOf(text: string, start: number, end: number): SelectedQuote | null {
  if (!(start >= 0 && end > start && end <= text.length)) return null;
  // Twice the units of the characters kept: enough for whole characters, never the whole section.
  return quoteFrom(text.slice(Math.max(0, start - 2 * QUOTE_CONTEXT_CHARS), start), text.slice(start, end), text.slice(end, end + 2 * QUOTE_CONTEXT_CHARS), start);
}
