/**
 * What a campaign submission adds to the campaign's canonical text (ADR 030): the
 * runs of words in the variant that are not in the canonical, found by a word
 * diff. Words come from Intl.Segmenter, so Japanese (written without spaces) is
 * cut into words too. Kept with the member when it joins, so reading a
 * campaign's variations is a GROUP BY, never a diff per member per request.
 */
import { diffArrays } from "diff";

/** Words compared per text: a longer text is compared on its first this many (the diff is quadratic at worst). */
const VARIATION_MAX_TOKENS = 2_000;
/** A stored variation is cut to this many characters (an added essay is shown by its start). */
export const VARIATION_MAX_CHARS = 1_000;
/** Words the canonical text holds in a row this long, elsewhere, were moved, not added (reordered sentences). */
const MOVED_MIN_WORDS = 4;
/** Between two added runs in a stored variation. */
const GAP = " … ";

const segmenter = new Intl.Segmenter("ja", { granularity: "word" });

interface Token {
  text: string;
  key: string;
  word: boolean;
}

/** Canonical texts' words, by text: a campaign's copies arrive one after another against the same canonical text. */
const canonicalCache = new Map<string, Token[]>();
const CANONICAL_CACHE_MAX = 32;

function canonicalTokens(text: string): Token[] {
  let t = canonicalCache.get(text);
  if (!t) {
    t = tokens(text).filter((x) => x.word);
    if (canonicalCache.size >= CANONICAL_CACHE_MAX) canonicalCache.delete(canonicalCache.keys().next().value!);
    canonicalCache.set(text, t);
  }
  return t;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const s of segmenter.segment(text.normalize("NFKC"))) {
    const key = s.segment.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
    out.push({ text: s.segment, key, word: key !== "" });
    if (out.length >= VARIATION_MAX_TOKENS) break;
  }
  return out;
}

/**
 * The words a variant adds to the canonical text, as runs joined by " … ", or null when it
 * adds none (the same text, or only words taken away). Spacing and punctuation are not
 * differences: only words are compared.
 */
export function variationOf(canonical: string, variant: string): string | null {
  const a = canonicalTokens(canonical);
  const bAll = tokens(variant);
  const b = bAll.filter((t) => t.word);
  const changes = diffArrays(
    a.map((t) => t.key),
    b.map((t) => t.key),
  );
  // Mark which of the variant's words were added, then rebuild runs with the text between them.
  const added = new Array<boolean>(b.length).fill(false);
  let j = 0;
  for (const c of changes) {
    const n = c.count ?? c.value.length;
    if (c.added) for (let k = 0; k < n; k++) added[j + k] = true;
    if (!c.removed) j += n;
  }
  // A word inside a run of MOVED_MIN_WORDS words that the canonical text also has, in that order, was moved, not added.
  const SEP = "\u0001";
  const whole = SEP + a.map((t) => t.key).join(SEP) + SEP;
  const keys = b.map((t) => t.key);
  const moved = new Array<boolean>(b.length).fill(false);
  for (let s = 0; s + MOVED_MIN_WORDS <= b.length; s++) {
    if (whole.includes(SEP + keys.slice(s, s + MOVED_MIN_WORDS).join(SEP) + SEP)) for (let k = s; k < s + MOVED_MIN_WORDS; k++) moved[k] = true;
  }
  const runs: string[] = [];
  let run = "";
  let w = 0;
  for (const t of bAll) {
    if (t.word) {
      if (added[w] && !moved[w]) run += t.text;
      else if (run !== "") {
        runs.push(run.trim());
        run = "";
      }
      w++;
    } else if (run !== "") run += t.text;
  }
  if (run !== "") runs.push(run.trim());
  if (runs.length === 0) return null;
  const text = runs.join(GAP);
  return text.length > VARIATION_MAX_CHARS ? `${text.slice(0, VARIATION_MAX_CHARS - 1)}…` : text;
}
