import { simpleDiffString } from "lib0/diff";

/**
 * The editor binding (@tiptap/y-tiptap) turns each ProseMirror change into
 * Yjs operations by diffing a paragraph's old and new text with lib0's
 * simpleDiff, which takes the longest common prefix. When the typed character
 * equals the one after the caret ("syste|maintain" + "m"), the new Yjs
 * character lands after the old one: the text reads the same, but the older
 * character moves into the new word and the new one into the old word, so the
 * history credits one person's word to another. Vite points the binding's
 * `lib0/diff` here (vite.config.ts), and this diff puts the change where the
 * caret is whenever the text allows more than one place.
 */

/** Where the caret is in a run of text: the run's text and the caret's offset in it. */
export interface CaretHint {
  text: string;
  caret: number;
}

// One slot, written by the editor's plugin state (cursor-hint.ts) and read by the
// binding's view update in the same synchronous dispatch.
let latest: CaretHint | null = null;

/** Records where the caret is after a change, for the diff that follows it. */
export function noteCaret(hint: CaretHint | null): void {
  latest = hint;
}

const isHighSurrogate = (c: string | undefined) => c !== undefined && c >= "\ud800" && c <= "\udbff";

/**
 * The change from `a` to `b` as one splice, placed at the caret (`caret`: its
 * offset in `b` after the change) when the common prefix and suffix overlap,
 * that is when more than one place gives the same text.
 */
export function diffAtCaret(a: string, b: string, caret: number): { index: number; remove: number; insert: string } {
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  if (prefix + suffix <= shorter) return simpleDiffString(a, b);
  // Any index in [shorter - suffix, prefix] splits the texts the same way.
  const grown = b.length - shorter;
  const index = Math.max(shorter - suffix, Math.min(prefix, caret - grown));
  if (isHighSurrogate(a[index - 1]) || isHighSurrogate(b[index - 1])) return simpleDiffString(a, b);
  return { index, remove: a.length - shorter, insert: b.slice(index, index + grown) };
}

/** lib0's simpleDiff, as the editor binding calls it: at the caret when the caret's text is the one being diffed. */
export function simpleDiff(a: string, b: string): { index: number; remove: number; insert: string } {
  const hint = latest;
  if (hint && hint.text === b) return diffAtCaret(a, b, hint.caret);
  return simpleDiffString(a, b);
}
