import { PASSAGE_MIN_CHARS } from "../../../common/limits.js";

/** A letter or digit of a script written with spaces between words (not Chinese or Japanese). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function wordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c) && !UNSPACED.test(c);
}

/** The code point that ends just before `at`, and the one that starts there. */
function around(text: string, at: number): [string | undefined, string | undefined] {
  if (at <= 0) return [undefined, at < text.length ? String.fromCodePoint(text.codePointAt(at)!) : undefined];
  const low = text.charCodeAt(at - 1);
  const from = low >= 0xdc00 && low <= 0xdfff && at > 1 ? at - 2 : at - 1;
  return [String.fromCodePoint(text.codePointAt(from)!), at < text.length ? String.fromCodePoint(text.codePointAt(at)!) : undefined];
}

/** Whether a word starts or ends at `at`: not inside a word of a spaced script. */
function boundary(text: string, at: number): boolean {
  const [before, after] = around(text, at);
  return !(wordChar(before) && wordChar(after));
}

/**
 * Whether [at, at + exact.length) of `text` is a passage worth showing positions by:
 * long enough and made of whole words. The one rule for taking a position and for showing it.
 */
export function isPassage(text: string, at: number, exact: string): boolean {
  if (text.slice(at, at + exact.length) !== exact) return false;
  if ([...exact.trim()].length < PASSAGE_MIN_CHARS) return false;
  return boundary(text, at) && boundary(text, at + exact.length);
}

/**
 * Where a posted passage is in the text: the one occurrence of `exact` whose prefix and
 * suffix (when sent) match, or the one at `start` when several do. Null when none, or
 * when it cannot be told which one was meant, or when it is no passage (see isPassage).
 */
export function locatePassage(text: string, quote: { exact: string; prefix?: string; suffix?: string; start?: number }): number | null {
  const { exact, prefix = "", suffix = "" } = quote;
  if (!exact) return null;
  const found: number[] = [];
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    if (prefix && text.slice(Math.max(0, at - prefix.length), at) !== prefix) continue;
    if (suffix && text.slice(at + exact.length, at + exact.length + suffix.length) !== suffix) continue;
    found.push(at);
  }
  const at = found.length === 1 ? found[0]! : found.find((a) => a === quote.start);
  return at !== undefined && isPassage(text, at, exact) ? at : null;
}

/** Whether a stored passage may be shown against the current text: some occurrence of it passes isPassage. */
export function showsAsPassage(text: string, exact: string): boolean {
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) if (isPassage(text, at, exact)) return true;
  return false;
}
