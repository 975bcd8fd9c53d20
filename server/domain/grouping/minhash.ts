/**
 * Near-duplicate text signatures (ADR 030): text normalised, cut into character
 * shingles (no word segmentation, so Japanese works as English does), and a
 * MinHash signature whose agreement estimates the Jaccard similarity of two
 * texts' shingle sets. LSH bands of the signature find candidates by bucket.
 * Pure and deterministic: the same text gives the same signature on every node.
 */

/** Characters per shingle: long enough that shared shingles mean shared phrasing, short enough for Japanese. */
export const SHINGLE_CHARS = 5;
/** Hash functions in a signature (4 bytes each, 512 bytes stored per comment). */
export const MINHASH_SIZE = 128;

/** NFKC, lower case, letters and digits only: spacing, punctuation and full/half width do not make texts differ. */
export function normaliseText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** FNV-1a over UTF-16 code units, then murmur3's finaliser: a well-mixed 32-bit hash of a string. */
function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The distinct shingle hashes of a text (normalised first); a text shorter than a shingle has none. */
export function shingleHashes(text: string, k = SHINGLE_CHARS): Uint32Array {
  const chars = [...normaliseText(text)];
  const seen = new Set<number>();
  for (let i = 0; i + k <= chars.length; i++) seen.add(hashString(chars.slice(i, i + k).join("")));
  return Uint32Array.from(seen);
}

/** The seeds of the hash family, fixed forever: changing them would make stored signatures incomparable. */
const SEEDS: Uint32Array = (() => {
  const out = new Uint32Array(MINHASH_SIZE);
  let s = 0x9e3779b9;
  for (let i = 0; i < MINHASH_SIZE; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    out[i] = fmix32(s);
  }
  return out;
})();

/** The MinHash signature of a set of shingle hashes: per hash function, the smallest value over the set. */
export function minhash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (let j = 0; j < shingles.length; j++) {
    const x = shingles[j]!;
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const h = fmix32(x ^ SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** The share of hash functions on which two signatures agree: an unbiased estimate of the texts' Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/** The exact Jaccard similarity of two shingle sets (the brute-force baseline and the tests' reference). */
export function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  const set = new Set(a);
  let both = 0;
  for (const x of b) if (set.has(x)) both++;
  return both / (a.length + b.length - both);
}

/**
 * The LSH bucket keys of a signature: `bands` bands of `MINHASH_SIZE / bands` rows, each band's
 * rows hashed to 64 bits. Two texts share a bucket with probability 1 - (1 - J^rows)^bands.
 */
export function lshBuckets(sig: Uint32Array, bands: number): string[] {
  const rows = Math.floor(sig.length / bands);
  const out: string[] = [];
  for (let b = 0; b < bands; b++) {
    let h1 = 0x811c9dc5 ^ b;
    let h2 = 0x01000193 ^ Math.imul(b + 1, 0x9e3779b9);
    for (let r = 0; r < rows; r++) {
      const v = sig[b * rows + r]!;
      h1 = fmix32(h1 ^ v);
      h2 = fmix32(Math.imul(h2, 31) ^ v ^ 0x5bd1e995);
    }
    out.push(`${b.toString(36)}:${h1.toString(16).padStart(8, "0")}${h2.toString(16).padStart(8, "0")}`);
  }
  return out;
}

/** A signature as stored (little-endian uint32 per hash), and back; a blob of the wrong size reads as empty. */
export function signatureBytes(sig: Uint32Array): Uint8Array {
  const out = new Uint8Array(sig.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < sig.length; i++) view.setUint32(i * 4, sig[i]!, true);
  return out;
}

export function signatureOf(bytes: Uint8Array): Uint32Array {
  if (bytes.length !== MINHASH_SIZE * 4) return new Uint32Array(0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(MINHASH_SIZE);
  for (let i = 0; i < MINHASH_SIZE; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}
