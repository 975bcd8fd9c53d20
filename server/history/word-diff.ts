import { diffArrays } from "diff";
import type { AttributedBlock } from "./attributed.js";

/**
 * Word-level diff of two attributed texts. Words come from Intl.Segmenter, so
 * languages written without spaces (Japanese, Chinese, Thai) split into words
 * too. Block boundaries are tokens of their own, which keeps headings, list
 * items and paragraphs in the rendering.
 */

export type SpanType = "equal" | "insert" | "delete";

export interface DiffSpan {
  type: SpanType;
  text: string;
  /** Change set indices that wrote an inserted span (empty otherwise). */
  writers: number[];
}

export interface DiffBlock {
  type: string;
  level: number | null;
  context: AttributedBlock["context"];
  spans: DiffSpan[];
}

export interface WordDiff {
  /** One stream of spans; block breaks are "\n\n" inside them. */
  spans: DiffSpan[];
  /** The same, shaped into the new text's blocks, deletions inline. */
  inline: DiffBlock[];
  /** The old text's blocks with deletions marked. */
  before: DiffBlock[];
  /** The new text's blocks with insertions marked. */
  after: DiffBlock[];
  inserted: number;
  deleted: number;
}

const BREAK = "\u0000\n\n";

interface Token {
  text: string;
  block: number;
  /** Writers of the token's characters, sorted, as a key. */
  writers: number[];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

function tokenize(blocks: AttributedBlock[]): Token[] {
  const tokens: Token[] = [];
  blocks.forEach((b, block) => {
    if (block > 0) tokens.push({ text: BREAK, block, writers: [] });
    for (const seg of segmenter.segment(b.text)) {
      const writers = new Set<number>();
      for (let i = seg.index; i < seg.index + seg.segment.length; i++) {
        const w = b.writtenBy[i] ?? -1;
        if (w >= 0) writers.add(w);
      }
      tokens.push({ text: seg.segment, block, writers: [...writers].sort((x, y) => x - y) });
    }
  });
  return tokens;
}

function shape(b: AttributedBlock | undefined): Omit<DiffBlock, "spans"> {
  return { type: b?.type ?? "paragraph", level: b?.level ?? null, context: b?.context ?? null };
}

function push(spans: DiffSpan[], type: SpanType, text: string, writers: number[]): void {
  const last = spans[spans.length - 1];
  // Spaces and punctuation inside an insertion belong to it, whoever typed them first.
  const sameWriters = type !== "insert" || last?.writers.join() === writers.join() || !/[\p{L}\p{N}]/u.test(text);
  if (last && last.type === type && sameWriters) last.text += text;
  else spans.push({ type, text, writers: type === "insert" ? writers : [] });
}

type Part = { value: string[]; added?: boolean; removed?: boolean; count?: number };

/**
 * A single space or punctuation mark left "equal" between two changes splits
 * one edit into fragments ("systems[,] [using … A,] by"). Treat it as part of
 * the change instead: removed and re-added, which reads as one edit.
 */
function absorbLoneSeparators(parts: Part[]): { parts: Part[]; absorbed: number } {
  const out: Part[] = [];
  let absorbed = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const changedBefore = i > 0 && (parts[i - 1]!.added || parts[i - 1]!.removed);
    const changedAfter = i + 1 < parts.length && (parts[i + 1]!.added || parts[i + 1]!.removed);
    if (!p.added && !p.removed && p.value.length === 1 && p.value[0] !== BREAK && !/[\p{L}\p{N}]/u.test(p.value[0]!) && changedBefore && changedAfter) {
      out.push({ value: p.value, removed: true }, { value: p.value, added: true });
      absorbed += p.value[0]!.length;
    } else out.push(p);
  }
  // Regroup so all removals of a changed run come before its additions.
  const grouped: Part[] = [];
  for (let i = 0; i < out.length; ) {
    if (!out[i]!.added && !out[i]!.removed) {
      grouped.push(out[i++]!);
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    while (i < out.length && (out[i]!.added || out[i]!.removed)) {
      (out[i]!.added ? added : removed).push(...out[i]!.value);
      i++;
    }
    if (removed.length) grouped.push({ value: removed, removed: true });
    if (added.length) grouped.push({ value: added, added: true });
  }
  return { parts: grouped, absorbed };
}

function equalBlock(b: AttributedBlock): DiffBlock {
  return { ...shape(b), spans: [{ type: "equal", text: b.text, writers: [] }] };
}

function sameBlock(a: AttributedBlock, b: AttributedBlock): boolean {
  return a.text === b.text && a.type === b.type && a.level === b.level && a.context === b.context;
}

/**
 * Word diff of two texts. Unchanged blocks at the start and end are set aside
 * first (a change usually touches one paragraph of many), and only the blocks
 * between are split into words and compared.
 */
export function wordDiff(from: AttributedBlock[], to: AttributedBlock[]): WordDiff {
  let head = 0;
  while (head < from.length && head < to.length && sameBlock(from[head]!, to[head]!)) head++;
  let tail = 0;
  while (tail < from.length - head && tail < to.length - head && sameBlock(from[from.length - 1 - tail]!, to[to.length - 1 - tail]!)) tail++;
  const fromMid = from.slice(head, from.length - tail);
  const toMid = to.slice(head, to.length - tail);
  const mid = fromMid.length + toMid.length > 0 ? diffBlocks(fromMid, toMid) : null;
  const headBlocks = to.slice(0, head).map(equalBlock);
  const tailBlocks = to.slice(to.length - tail).map(equalBlock);

  const spans: DiffSpan[] = [];
  const text = (blocks: AttributedBlock[]) => blocks.map((b) => b.text).join("\n\n");
  if (head > 0) push(spans, "equal", text(to.slice(0, head)), []);
  // The break between the unchanged start and the middle, on each side.
  if (head > 0 && mid) {
    const inFrom = fromMid.length > 0 || tail > 0;
    const inTo = toMid.length > 0 || tail > 0;
    if (inFrom && inTo) push(spans, "equal", "\n\n", []);
    else if (inTo) push(spans, "insert", "\n\n", []);
    else if (inFrom) push(spans, "delete", "\n\n", []);
  }
  if (mid) for (const s of mid.spans) push(spans, s.type, s.text, s.writers);
  if (tail > 0) {
    if (mid) {
      const inFrom = fromMid.length > 0;
      const inTo = toMid.length > 0;
      if (inFrom && inTo) push(spans, "equal", "\n\n", []);
      else if (inTo) push(spans, "insert", "\n\n", []);
      else if (inFrom) push(spans, "delete", "\n\n", []);
    } else if (head > 0) push(spans, "equal", "\n\n", []);
    push(spans, "equal", text(to.slice(to.length - tail)), []);
  }
  return {
    spans,
    inline: [...headBlocks, ...(mid?.inline ?? []), ...tailBlocks],
    before: [...from.slice(0, head).map(equalBlock), ...(mid?.before ?? []), ...from.slice(from.length - tail).map(equalBlock)],
    after: [...headBlocks, ...(mid?.after ?? []), ...tailBlocks],
    inserted: mid?.inserted ?? 0,
    deleted: mid?.deleted ?? 0,
  };
}

function diffBlocks(from: AttributedBlock[], to: AttributedBlock[]): WordDiff {
  const a = tokenize(from);
  const b = tokenize(to);
  const { parts, absorbed } = absorbLoneSeparators(
    diffArrays(
      a.map((t) => t.text),
      b.map((t) => t.text),
    ),
  );
  const spans: DiffSpan[] = [];
  const inline: DiffBlock[] = to.length > 0 || from.length > 0 ? [{ ...shape(to[0] ?? from[0]), spans: [] }] : [];
  const before: DiffBlock[] = from.length > 0 ? [{ ...shape(from[0]), spans: [] }] : [];
  const after: DiffBlock[] = to.length > 0 ? [{ ...shape(to[0]), spans: [] }] : [];
  let i = 0;
  let j = 0;
  let inserted = 0;
  let deleted = 0;
  for (const part of parts) {
    for (let k = 0; k < part.value.length; k++) {
      if (part.removed) {
        const t = a[i++]!;
        if (t.text === BREAK) {
          before.push({ ...shape(from[t.block]), spans: [] });
          push(spans, "delete", "\n\n", []);
          continue;
        }
        deleted += t.text.length;
        push(spans, "delete", t.text, []);
        push(before[before.length - 1]!.spans, "delete", t.text, []);
        push(inline[inline.length - 1]!.spans, "delete", t.text, []);
      } else if (part.added) {
        const t = b[j++]!;
        if (t.text === BREAK) {
          after.push({ ...shape(to[t.block]), spans: [] });
          inline.push({ ...shape(to[t.block]), spans: [] });
          push(spans, "insert", "\n\n", []);
          continue;
        }
        inserted += t.text.length;
        push(spans, "insert", t.text, t.writers);
        push(after[after.length - 1]!.spans, "insert", t.text, t.writers);
        push(inline[inline.length - 1]!.spans, "insert", t.text, t.writers);
      } else {
        const ta = a[i++]!;
        const tb = b[j++]!;
        if (tb.text === BREAK) {
          before.push({ ...shape(from[ta.block]), spans: [] });
          after.push({ ...shape(to[tb.block]), spans: [] });
          inline.push({ ...shape(to[tb.block]), spans: [] });
          push(spans, "equal", "\n\n", []);
          continue;
        }
        push(spans, "equal", tb.text, []);
        push(before[before.length - 1]!.spans, "equal", ta.text, []);
        push(after[after.length - 1]!.spans, "equal", tb.text, []);
        push(inline[inline.length - 1]!.spans, "equal", tb.text, []);
      }
    }
  }
  // A separator shown as removed and re-added is not a change in the counts.
  return { spans, inline, before, after, inserted: inserted - absorbed, deleted: deleted - absorbed };
}
