const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The longest start of `text` of at most `max` UTF-16 units that ends between
 * characters (graphemes): never inside an emoji, never before its combining
 * marks. A cut inside a surrogate pair would be stored as U+FFFD.
 */
export function headByGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const g of GRAPHEMES.segment(text)) {
    const next = g.index + g.segment.length;
    if (next > max) break;
    end = next;
  }
  return text.slice(0, end);
}

/** The longest end of `text` of at most `max` UTF-16 units that starts where a character (grapheme) begins. */
export function tailByGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  const from = text.length - max;
  for (const g of GRAPHEMES.segment(text)) {
    if (g.index >= from) return text.slice(g.index);
  }
  return "";
}

/** The text shortened to at most `max` UTF-16 units with an ellipsis, cut between characters. */
export function ellipsize(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${headByGraphemes(text, max - 1)}…`;
}
