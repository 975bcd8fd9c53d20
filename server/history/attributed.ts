import * as Y from "yjs";
import { BLOCK_JOIN, HARD_BREAK, HARD_BREAK_TEXT, isContainerBlock } from "../../common/text-blocks.js";
import type { CreditedRange } from "../collab/authorship.js";
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

/** Which writer (an index into WriterIndex.writers) created a given Yjs id, or -1. */
export type WriterOf = (client: number, clock: number) => number;

/** Who created some characters: an author, within one change set. */
export interface Writer {
  /** The change set's index in the replay. */
  changeSet: number;
  /** The user id of the one author of these characters. */
  author: string;
}

/** The authors of a client's ids [from, to) that a change set created: consecutive ranges covering them. */
export type CreditsOf = (client: number, from: number, to: number) => CreditedRange[];

interface ClockRange {
  from: number;
  to: number;
  writer: number;
}

/**
 * Maps the Yjs ids each change set created to their writer; grows as a replay
 * goes on. A change set is credited only with the ids that were new when it
 * was applied (the state vector before and after), never with ids its update
 * merely carries again: a client that re-sends what it got from others (a
 * resync, a local copy) is not their author.
 */
export class WriterIndex {
  readonly writers: Writer[] = [];
  private readonly byClient = new Map<number, ClockRange[]>();
  private readonly writerIds = new Map<string, number>();

  /**
   * Records that change set `changeSet` grew the state vector from `before` to
   * `after`; `creditsOf` names the authors of a client's new ids [from, to), by range.
   */
  add(changeSet: number, before: Map<number, number>, after: Map<number, number>, creditsOf: CreditsOf): void {
    for (const [client, to] of after) {
      const from = before.get(client) ?? 0;
      if (to <= from) continue;
      let list = this.byClient.get(client);
      if (!list) this.byClient.set(client, (list = []));
      // A client's clock only grows, so its ranges arrive in order and never overlap.
      for (const part of creditsOf(client, from, to)) list.push({ from: part.from, to: part.to, writer: this.writer(changeSet, part.author) });
    }
  }

  private writer(changeSet: number, author: string): number {
    const key = `${changeSet}|${author}`;
    let writer = this.writerIds.get(key);
    if (writer === undefined) {
      writer = this.writers.push({ changeSet, author }) - 1;
      this.writerIds.set(key, writer);
    }
    return writer;
  }

  readonly writerOf: WriterOf = (client, clock) => {
    const list = this.byClient.get(client);
    if (!list || list.length === 0) return -1;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid]!.from <= clock) lo = mid;
      else hi = mid - 1;
    }
    const r = list[lo]!;
    return r.from <= clock && clock < r.to ? r.writer : -1;
  };
}

/** Applies change sets to a document in order, recording who created which ids. */
export class AttributedReplay {
  readonly doc = new Y.Doc();
  readonly index = new WriterIndex();
  private count = 0;

  /** Applies the next change set's update; `creditsOf` names the authors of the ids it creates. */
  apply(update: Uint8Array, creditsOf: CreditsOf): void {
    const before = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    Y.applyUpdate(this.doc, update);
    this.index.add(this.count++, before, Y.decodeStateVector(Y.encodeStateVector(this.doc)), creditsOf);
  }

  /** The state vector now (what the next change set is compared with). */
  stateVector(): Map<number, number> {
    return Y.decodeStateVector(Y.encodeStateVector(this.doc));
  }

  destroy(): void {
    this.doc.destroy();
  }
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
