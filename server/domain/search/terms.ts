/** At most this many words of a query are searched for; the rest are ignored (and the page says so). */
export const SEARCH_WORDS_MAX = 8;

// A "quoted phrase" (straight or curly quotes, or 「corner brackets」) is one word, spaces and all; anything else splits at spaces (U+3000 too).
const TOKEN = /"([^"]+)"|“([^”]+)”|「([^」]+)」|(\S+)/gu;

/**
 * The words of a query, each to be matched literally as a substring (all of them must
 * match). Nothing in them is an operator: AND, OR, NOT, -, *, ^, :, %, _ and a stray
 * quote are text like any other. Duplicates (ignoring case) are dropped.
 */
export function searchWords(query: string): { words: string[]; dropped: number } {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const m of query.normalize("NFC").matchAll(TOKEN)) {
    const word = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").trim();
    const key = word.toLowerCase();
    if (word.length === 0 || seen.has(key)) continue;
    seen.add(key);
    words.push(word);
  }
  return { words: words.slice(0, SEARCH_WORDS_MAX), dropped: Math.max(0, words.length - SEARCH_WORDS_MAX) };
}

/** Words too short for a trigram index (fewer than three characters): matched by a bounded scan instead. */
export function isShortWord(word: string): boolean {
  return [...word].length < 3;
}
