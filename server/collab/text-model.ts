import * as Y from "yjs";
import { headByGraphemes, tailByGraphemes } from "../../common/graphemes.js";
import { BLOCK_JOIN, HARD_BREAK, HARD_BREAK_TEXT, isContainerBlock } from "../../common/text-blocks.js";
import { FRAGMENT } from "./content.js";

export interface TextRun {
  node: Y.XmlText;
  /** Offset of the run's first character in the plain text. */
  start: number;
  length: number;
}

export interface FlatText {
  text: string;
  runs: TextRun[];
}

/**
 * The section's plain text straight from the Yjs structure, with where each
 * text node sits in it, by the rules of common/text-blocks.ts. Anchors are
 * offsets in this text; `docToText` agrees with it.
 */
export function flatten(doc: Y.Doc): FlatText {
  const runs: TextRun[] = [];
  let text = "";
  const block = (el: Y.XmlElement) => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlText) {
        const s = (child.toDelta() as { insert?: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
        runs.push({ node: child, start: text.length, length: s.length });
        text += s;
      } else if (child instanceof Y.XmlElement && child.nodeName === HARD_BREAK) {
        text += HARD_BREAK_TEXT;
      }
    }
  };
  const blocks = (children: (Y.XmlElement | Y.XmlText | Y.XmlHook)[]) => {
    let first = true;
    for (const child of children) {
      if (!(child instanceof Y.XmlElement)) continue;
      const mark = text.length;
      const runCount = runs.length;
      if (!first) text += BLOCK_JOIN;
      const contentStart = text.length;
      if (isContainerBlock(child.nodeName)) blocks(child.toArray());
      else block(child);
      if (text.length === contentStart) {
        // An empty block adds nothing, not even its separator (as docToText).
        text = text.slice(0, mark);
        runs.length = runCount;
      } else first = false;
    }
  };
  blocks(doc.getXmlFragment(FRAGMENT).toArray());
  return { text, runs };
}

/** The text node and index at a plain-text offset (the end of the previous run at a boundary). */
export function locate(flat: FlatText, offset: number): { node: Y.XmlText; index: number } | null {
  let best: TextRun | null = null;
  for (const run of flat.runs) {
    if (run.start <= offset && offset <= run.start + run.length) {
      best = run;
      if (offset < run.start + run.length) break;
    }
  }
  return best ? { node: best.node, index: offset - best.start } : null;
}

/** The plain-text offset of a resolved Yjs position, or null if it is not inside text. */
export function offsetOf(flat: FlatText, type: Y.AbstractType<unknown>, index: number): number | null {
  for (const run of flat.runs) if (run.node === type) return run.start + Math.min(index, run.length);
  return null;
}

/** How much text (UTF-16 units, at most) a quote keeps on each side as its prefix and suffix. */
export const QUOTE_CONTEXT = 32;

/**
 * Up to QUOTE_CONTEXT units of text before `start`, cut where a character
 * (grapheme) begins: a cut inside an emoji would leave half a surrogate pair,
 * which storage turns into U+FFFD, so prefix + quote would no longer be in the text.
 */
export function contextBefore(text: string, start: number): string {
  if (start <= QUOTE_CONTEXT) return text.slice(0, start);
  // Segment a window, not the whole section; a grapheme longer than QUOTE_CONTEXT is left out.
  return tailByGraphemes(text.slice(Math.max(0, start - 2 * QUOTE_CONTEXT), start), QUOTE_CONTEXT);
}

/** Up to QUOTE_CONTEXT units of text after `end`, cut where a character (grapheme) ends. */
export function contextAfter(text: string, end: number): string {
  return headByGraphemes(text.slice(end, end + 2 * QUOTE_CONTEXT), QUOTE_CONTEXT);
}

/** Whether `at` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

export interface TextAnchor {
  /** Y.encodeRelativePosition of start and end. */
  start: Uint8Array;
  end: Uint8Array;
  exact: string;
  prefix: string;
  suffix: string;
  startOffset: number;
  endOffset: number;
}

/** Anchors a plain-text range [start, end) in the document. */
export function anchorRange(doc: Y.Doc, start: number, end: number): TextAnchor | null {
  const flat = flatten(doc);
  if (!(start >= 0 && end > start && end <= flat.text.length)) return null;
  if (splitsPair(flat.text, start) || splitsPair(flat.text, end)) return null;
  const a = locate(flat, start);
  const b = locate(flat, end);
  if (!a || !b) return null;
  return {
    // Start sticks to the character after it, end to the character before it, so
    // typing at either edge does not widen the passage.
    start: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(a.node, a.index, 0)),
    end: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(b.node, b.index, -1)),
    exact: flat.text.slice(start, end),
    prefix: contextBefore(flat.text, start),
    suffix: contextAfter(flat.text, end),
    startOffset: start,
    endOffset: end,
  };
}

/**
 * Finds a quoted passage (W3C TextQuote) in the text: the occurrence whose
 * prefix and suffix match best, nearest to `hint` when given.
 */
export function findQuote(text: string, exact: string, prefix = "", suffix = "", hint?: number): number | null {
  if (!exact) return null;
  let best: { at: number; score: number } | null = null;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    let score = 0;
    if (prefix && text.slice(Math.max(0, at - prefix.length), at) === prefix) score += 2;
    if (suffix && text.slice(at + exact.length, at + exact.length + suffix.length) === suffix) score += 2;
    if (hint !== undefined) score -= Math.abs(at - hint) / Math.max(1, text.length);
    if (!best || score > best.score) best = { at, score };
  }
  return best?.at ?? null;
}

export type AnchorState = "exact" | "moved" | "changed";

export interface ResolvedAnchor {
  state: AnchorState;
  start: number | null;
  end: number | null;
  /** The passage's text now (null when it is gone). */
  current: string | null;
}

/** Where a stored anchor is now, and whether its passage still reads as quoted. */
export function resolveAnchor(doc: Y.Doc, flat: FlatText, anchor: { start: Uint8Array; end: Uint8Array; exact: string; startOffset: number }): ResolvedAnchor {
  const abs = (bytes: Uint8Array) => {
    try {
      const pos = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(bytes), doc);
      return pos ? offsetOf(flat, pos.type as Y.AbstractType<unknown>, pos.index) : null;
    } catch {
      return null;
    }
  };
  const start = abs(anchor.start);
  const end = abs(anchor.end);
  if (start === null || end === null || end <= start) return { state: "changed", start: null, end: null, current: null };
  const current = flat.text.slice(start, end);
  if (current !== anchor.exact) return { state: "changed", start, end, current };
  return { state: start === anchor.startOffset ? "exact" : "moved", start, end, current };
}
