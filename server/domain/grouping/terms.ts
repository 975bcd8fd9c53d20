/**
 * Words of a comment for topic grouping (ADR 031): Intl.Segmenter's word boundaries
 * (ICU's dictionary for Japanese, so no model and no download), normalised with NFKC and
 * lower case, without stop words, short tokens and numbers; then TF-IDF vectors and cosine.
 * Pure functions: the database side is in topics.ts.
 */

/** A sparse vector: term → weight. */
export type TermVector = Map<string, number>;

/** At most this many distinct terms are kept of one comment (its most frequent): bounds the signature and the df updates. */
export const MAX_TERMS_PER_COMMENT = 64;
/** Latin-script tokens shorter than this are dropped ("of", "to", "ai" stays via the exceptions below). */
const MIN_LATIN_LENGTH = 3;
/** Short words that still say what a comment is about. */
const SHORT_KEEP = new Set(["ai", "ip", "id", "eu", "uk", "us", "sme", "gdp", "cv"]);

const EN_STOP = new Set(
  (
    "about above after again against all also although always among and any are aren't around because been before being below between both but can cannot could " +
    "did does doing done down during each either else enough even ever every few for from further had has have having her here hers herself him himself his how however " +
    "into its itself just least less let like made make many may might more most much must need needs neither never nor not now off often once one only onto other others " +
    "ought our ours ourselves out over own per please rather really same she should since some such than that the their theirs them themselves then there these they this " +
    "those though through thus too under until upon very was were what whatever when where whether which while who whom whose why will with within without would yes yet " +
    "you your yours yourself yourselves comment comments section draft text think believe would like regards sincerely dear thank thanks hello madam sir concern"
  ).split(" "),
);

/** Japanese function words and formulaic phrases the segmenter returns as words. */
const JA_STOP = new Set(
  (
    "する します した して される され せる られる ある あり あります いる います いう 言う なる なり なります できる でき できます ない なく なけれ べき べきです " +
    "です ます でし ませ こと もの ため よう それ これ あれ この その あの ここ そこ 場合 について による により に関する として おり ください 思い 思います 考え 考えます " +
    "お願い 申し上げ いただき いただき 以上 敬具 拝啓 担当 担当者 各位 関係者 様 本節 意見 草案 一点 簡潔 実務 経験 私 当社 約 人 か月 必要 など また さらに"
  ).split(" "),
);

const HIRAGANA_ONLY = /^[\u3040-\u309f\u30fc]+$/u;
const DIGITS = /^[\p{N}.,:/-]+$/u;
const LATIN = /^[\p{Script=Latin}\p{N}'’_-]+$/u;

// Intl.Segmenter is stateless once made: one for the process is no shared mutable state.
const segmenter = new Intl.Segmenter("ja", { granularity: "word" });

/** Whether a normalised token says something about the topic. */
function keep(token: string): boolean {
  if (DIGITS.test(token)) return false;
  if (LATIN.test(token)) return (token.length >= MIN_LATIN_LENGTH || SHORT_KEEP.has(token)) && !EN_STOP.has(token);
  if (JA_STOP.has(token)) return false;
  // Hiragana-only words are particles, endings and auxiliaries; single kana or symbols say nothing.
  if (HIRAGANA_ONLY.test(token)) return false;
  return [...token].length >= 2;
}

const HAN_OR_KATAKANA = /^[\p{Script=Han}\p{Script=Katakana}\u30fc]+$/u;

/** The words of a text, normalised, in order (stop words and short tokens dropped). */
export function words(text: string, compounds = true): string[] {
  const out: string[] = [];
  // A run of adjacent kanji/katakana words (事業|者, 個人|情報) is also kept whole: the
  // segmenter cuts compounds finer than they are meant (measured in bench/topics.ts).
  let run = "";
  let runParts = 0;
  let runEnd = -1;
  const flush = () => {
    if (compounds && runParts > 1 && [...run].length <= 12) out.push(run);
    run = "";
    runParts = 0;
  };
  for (const s of segmenter.segment(text.normalize("NFKC").toLowerCase())) {
    if (!s.isWordLike) {
      flush();
      continue;
    }
    const token = s.segment.replace(/^['’_-]+|['’_-]+$/gu, "");
    if (HAN_OR_KATAKANA.test(token) && s.index === runEnd) {
      run += token;
      runParts++;
    } else {
      flush();
      if (HAN_OR_KATAKANA.test(token)) {
        run = token;
        runParts = 1;
      }
    }
    runEnd = s.index + s.segment.length;
    if (token && keep(token)) out.push(token);
  }
  flush();
  return out;
}

/** Term counts of a text, its MAX_TERMS_PER_COMMENT most frequent terms (ties: first seen). */
export function termCounts(text: string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const w of words(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_TERMS_PER_COMMENT);
  return Object.fromEntries(top);
}

/** Smoothed inverse document frequency: terms in every document weigh little, never zero. */
export function idf(df: number, documents: number): number {
  return Math.log((documents + 1) / (df + 1)) + 1;
}

/** A comment's TF-IDF vector (sublinear term frequency), L2-normalised. */
export function tfidf(counts: Record<string, number>, dfOf: (term: string) => number, documents: number): TermVector {
  const v: TermVector = new Map();
  for (const [term, n] of Object.entries(counts)) v.set(term, (1 + Math.log(n)) * idf(dfOf(term), documents));
  return normalise(v);
}

export function normalise(v: TermVector): TermVector {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  const norm = Math.sqrt(sum);
  if (norm === 0) return v;
  const out: TermVector = new Map();
  for (const [t, w] of v) out.set(t, w / norm);
  return out;
}

/** Cosine of two vectors (each normalised here, so stored centroids need not be). */
export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) dot += w * o;
  }
  if (dot === 0) return 0;
  for (const w of a.values()) na += w * w;
  for (const w of b.values()) nb += w * w;
  return dot / Math.sqrt(na * nb);
}

/** a + sign·b, keeping the `keep` heaviest terms (weights ≤ 0 dropped). */
export function addVectors(a: TermVector, b: TermVector, keep: number, sign: 1 | -1 = 1): TermVector {
  const sum: TermVector = new Map(a);
  for (const [t, w] of b) sum.set(t, (sum.get(t) ?? 0) + sign * w);
  return topTerms(sum, keep);
}

export function topTerms(v: TermVector, keep: number): TermVector {
  return new Map([...v].filter(([, w]) => w > 1e-9).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, keep));
}

export function vectorToJson(v: TermVector): string {
  const o: Record<string, number> = {};
  for (const [t, w] of v) o[t] = Math.round(w * 1e5) / 1e5;
  return JSON.stringify(o);
}

export function vectorFromJson(json: string | null): TermVector {
  if (!json) return new Map();
  try {
    const o = JSON.parse(json) as Record<string, unknown>;
    return new Map(Object.entries(o).filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1])));
  } catch {
    return new Map();
  }
}
