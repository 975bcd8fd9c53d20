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

/** A WriterIndex as plain data, to keep beside a snapshot of the document it describes. */
export interface WriterIndexState {
  writers: Writer[];
  byClient: [number, ClockRange[]][];
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

  /** A copy of what the index knows (the copy shares nothing with it). */
  state(): WriterIndexState {
    return {
      writers: this.writers.map((w) => ({ ...w })),
      byClient: [...this.byClient].map(([client, list]) => [client, list.map((r) => ({ ...r }))]),
    };
  }

  /** An index that knows what `state` records, and grows on its own from there. */
  static from(state: WriterIndexState): WriterIndex {
    const index = new WriterIndex();
    for (const w of state.writers) index.writer(w.changeSet, w.author);
    for (const [client, list] of state.byClient) index.byClient.set(client, list.map((r) => ({ ...r })));
    return index;
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

  /** The range the last lookup found: the characters of one item are looked up in a row, and mostly share it. */
  private last: { client: number; range: ClockRange } | null = null;

  readonly writerOf: WriterOf = (client, clock) => {
    const last = this.last;
    if (last && last.client === client && last.range.from <= clock && clock < last.range.to) return last.range.writer;
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
    if (r.from <= clock && clock < r.to) {
      this.last = { client, range: r };
      return r.writer;
    }
    return -1;
  };
}

/** Where a replay stood after some change sets: enough to go on from there without replaying them again. */
export interface ReplayPoint {
  /** How many change sets had been applied. */
  count: number;
  /** The document then, as one Yjs update. */
  update: Uint8Array;
  index: WriterIndexState;
}

/** Applies change sets to a document in order, recording who created which ids. */
export class AttributedReplay {
  readonly doc = new Y.Doc();
  readonly index: WriterIndex;
  private count: number;

  private readonly leaves: LeafMemo = { known: new WeakMap(), changed: new Set() };

  constructor(from?: ReplayPoint) {
    this.index = from ? WriterIndex.from(from.index) : new WriterIndex();
    this.count = from?.count ?? 0;
    if (from) Y.applyUpdate(this.doc, from.update);
    // A leaf is changed when its text's items or its own children or attributes are.
    this.doc.on("afterTransaction", (tr: Y.Transaction) => {
      for (const type of tr.changed.keys()) {
        const leaf = type instanceof Y.XmlText ? type.parent : type;
        if (leaf instanceof Y.XmlElement) this.leaves.changed.add(leaf);
      }
    });
  }

  /** The section's blocks now, reading again only the leaves changed since the last call. */
  blocks(): AttributedBlock[] {
    return attributedBlocks(this.doc, this.index.writerOf, this.leaves);
  }

  /** How many change sets this replay has applied (the next one's index). */
  applied(): number {
    return this.count;
  }

  /** Where this replay stands now, as data that outlives it. */
  point(): ReplayPoint {
    return { count: this.count, update: Y.encodeStateAsUpdate(this.doc), index: this.index.state() };
  }

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

/**
 * What a replay remembers of its leaf blocks between two calls of attributedBlocks: the text
 * and writers of each leaf, and the leaves changed since (a character's writer never changes,
 * so a leaf no transaction touched reads the same). One change set touches one or two blocks
 * of many; the history page reads the whole section after each of its twenty.
 */
export interface LeafMemo {
  readonly known: WeakMap<Y.XmlElement, { text: string; writtenBy: Int32Array }>;
  readonly changed: Set<Y.XmlElement>;
}

export function attributedBlocks(doc: Y.Doc, writerOf: WriterOf | null, memo?: LeafMemo): AttributedBlock[] {
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
      let leaf = memo && !memo.changed.has(child) ? memo.known.get(child) : undefined;
      if (!leaf) {
        const read = leafText(child, writerOf);
        leaf = { text: read.text, writtenBy: Int32Array.from(read.writtenBy) };
        memo?.known.set(child, leaf);
      }
      // Empty blocks take no room in the text (as in docToText).
      if (leaf.text.length === 0) continue;
      const level = child.getAttribute("level");
      out.push({ type: name, level: level === undefined ? null : Number(level), context, text: leaf.text, writtenBy: leaf.writtenBy });
    }
  };
  walk(doc.getXmlFragment(FRAGMENT).toArray(), null);
  memo?.changed.clear();
  return out;
}

/** The plain text of attributedBlocks' result (it leaves empty blocks out, so this is the plain join). */
export function blocksText(blocks: AttributedBlock[]): string {
  return blocks.map((b) => b.text).join(BLOCK_JOIN);
}
