import * as Y from "yjs";
import { BLOCK_JOIN, HARD_BREAK, HARD_BREAK_TEXT, isContainerBlock } from "../../common/text-blocks.js";
import { FRAGMENT } from "../collab/content.js";

/**
 * The section's text as blocks, with the change set that wrote each character.
 * Blocks and their joins follow common/text-blocks.ts, as `flatten` and
 * `docToText` do, so offsets mean the same everywhere (anchors, diffs, frozen versions).
 */

export interface AttributedBlock {
  /** The leaf node: paragraph, heading, codeBlock... */
  type: string;
  /** Heading level, when a heading. */
  level: number | null;
  /** "bullet" or "ordered" when inside a list; "quote" inside a blockquote. */
  context: "bullet" | "ordered" | "quote" | null;
  text: string;
  /** Per character (UTF-16 unit): the index of the change set that wrote it, or -1. */
  writtenBy: Int32Array;
}

/** Which change set wrote a given Yjs id. */
export type WriterOf = (client: number, clock: number) => number;

interface ClockRange {
  from: number;
  to: number;
  changeSet: number;
}

/** Maps the ids each change set's update created to that change set's index; grows as a replay goes on. */
export class WriterIndex {
  private readonly byClient = new Map<number, ClockRange[]>();
  /** Clients whose ranges did not arrive in clock order (searched linearly). */
  private readonly unordered = new Set<number>();
  private count = 0;

  /** Registers the next change set's update (its index is the number added before it). */
  add(update: Uint8Array): void {
    const changeSet = this.count++;
    const meta = Y.parseUpdateMeta(update);
    for (const [client, to] of meta.to) {
      const from = meta.from.get(client) ?? 0;
      if (to <= from) continue;
      let list = this.byClient.get(client);
      if (!list) this.byClient.set(client, (list = []));
      if (list.length > 0 && from < list[list.length - 1]!.from) this.unordered.add(client);
      list.push({ from, to, changeSet });
    }
  }

  readonly writerOf: WriterOf = (client, clock) => {
    const list = this.byClient.get(client);
    if (!list) return -1;
    if (!this.unordered.has(client)) {
      // One client's ranges come in clock order: find the last that starts at or before `clock`.
      let lo = 0;
      let hi = list.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (list[mid]!.from <= clock) lo = mid;
        else hi = mid - 1;
      }
      const r = list[lo]!;
      if (r.from <= clock && clock < r.to) return r.changeSet;
    }
    // Later change sets win: a merged update's range may reach back over ids it only references.
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i]!;
      if (clock >= r.from && clock < r.to) return r.changeSet;
    }
    return -1;
  };
}

export function writerIndex(updates: Uint8Array[]): WriterOf {
  const index = new WriterIndex();
  for (const u of updates) index.add(u);
  return index.writerOf;
}

function leafText(el: Y.XmlElement, writerOf: WriterOf | null): { text: string; writtenBy: number[] } {
  let text = "";
  const writtenBy: number[] = [];
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) {
      for (let item = child._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        const str = item.content.str;
        text += str;
        for (let i = 0; i < str.length; i++) writtenBy.push(writerOf ? writerOf(item.id.client, item.id.clock + i) : -1);
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === HARD_BREAK) {
      text += HARD_BREAK_TEXT;
      writtenBy.push(-1);
    }
  }
  return { text, writtenBy };
}

export function attributedBlocks(doc: Y.Doc, writerOf: WriterOf | null): AttributedBlock[] {
  const out: AttributedBlock[] = [];
  const walk = (children: unknown[], context: AttributedBlock["context"]) => {
    for (const child of children) {
      if (!(child instanceof Y.XmlElement)) continue;
      const name = child.nodeName;
      if (isContainerBlock(name)) {
        const next = name === "bulletList" ? "bullet" : name === "orderedList" ? "ordered" : name === "blockquote" ? "quote" : context;
        walk(child.toArray(), next);
        continue;
      }
      const { text, writtenBy } = leafText(child, writerOf);
      // Empty blocks take no room in the text (as in docToText).
      if (text.length === 0) continue;
      const level = child.getAttribute("level");
      out.push({ type: name, level: level === undefined ? null : Number(level), context, text, writtenBy: Int32Array.from(writtenBy) });
    }
  };
  walk(doc.getXmlFragment(FRAGMENT).toArray(), null);
  return out;
}

/** The plain text of attributedBlocks' result (it leaves empty blocks out, so this is the plain join). */
export function blocksText(blocks: AttributedBlock[]): string {
  return blocks.map((b) => b.text).join(BLOCK_JOIN);
}
