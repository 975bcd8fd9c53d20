import * as Y from "yjs";
import type { Db } from "../../db/client.js";
import { listSectionUpdatesAfter, sectionLastSeq } from "../../db/queries/collab.js";
import { loadSectionState } from "./persistence.js";

/** What the read cache holds and how often it spared a load (for tests and benchmarks). */
export interface ReadCacheStats {
  docs: number;
  /** The kept documents' estimated memory (readCacheCost). */
  bytes: number;
  hits: number;
  /** Reads that brought a kept copy up to date with the updates appended since. */
  catchUps: number;
  loads: number;
}

export interface ReadCache {
  /** Runs `read` on the section's document as its log stands now; `read` must not change it, nor keep it. */
  read<T>(sectionId: string, read: (doc: Y.Doc, seq: number) => T): Promise<T>;
  stats(): ReadCacheStats;
  clear(): void;
}

/**
 * What a kept document is reckoned to cost in memory: a fixed part (the Y.Doc,
 * its types and maps) and a multiple of the stored bytes it was built from. A
 * Yjs document in memory measured 35–47 times its stored (V2 checkpoint and V1
 * update) bytes, and about 6 KB more for a small one.
 */
export const READ_CACHE_ENTRY_BYTES = 8 * 1024;
export const READ_CACHE_BYTES_PER_STORED_BYTE = 48;

export function readCacheCost(storedBytes: number): number {
  return READ_CACHE_ENTRY_BYTES + READ_CACHE_BYTES_PER_STORED_BYTE * storedBytes;
}

interface Entry {
  doc: Y.Doc;
  seq: number;
  stored: number;
  cost: number;
  /** Set while the cache itself applies updates; any other change means a reader broke the contract. */
  catchingUp: boolean;
}

/**
 * Documents loaded to be read while no socket holds them live: a section page,
 * its rail's anchors and the API each read the text, and without this every
 * one of them loaded it again from storage (a checkpoint and its tail). A kept
 * document is used only while the section's `last_seq` still equals the
 * position it was loaded at: every append raises it in its own transaction,
 * whichever node made it, so one indexed read tells a current copy from a stale
 * one. A copy behind by at most `catchUpMax` updates is brought up to date
 * with just those (a page view while the section is being edited); further
 * behind, the checkpoint is the shorter way and the section is loaded again.
 * Copies are kept up to `maxBytes` of estimated memory (readCacheCost), the
 * least recently read going first; a section costing more than that is loaded,
 * read and dropped as before. 0 keeps none.
 */
export function createReadCache(db: Db, maxBytes: number, catchUpMax: number): ReadCache {
  // Map order is read order: the first key is the least recently read.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let hits = 0;
  let catchUps = 0;
  let loads = 0;

  function drop(sectionId: string): void {
    const e = entries.get(sectionId);
    if (!e) return;
    entries.delete(sectionId);
    bytes -= e.cost;
    e.doc.destroy();
  }

  function touch(sectionId: string, e: Entry): void {
    entries.delete(sectionId);
    entries.set(sectionId, e);
  }

  function evict(): void {
    while (bytes > maxBytes && entries.size > 0) drop(entries.keys().next().value!);
  }

  function keep(sectionId: string, doc: Y.Doc, seq: number, stored: number): void {
    const e: Entry = { doc, seq, stored, cost: readCacheCost(stored), catchingUp: false };
    // A reader that changes the document would change it for every later reader: such a copy is let go.
    // It is not destroyed here: the reader is still using it.
    doc.on("update", () => {
      if (e.catchingUp || entries.get(sectionId) !== e) return;
      entries.delete(sectionId);
      bytes -= e.cost;
    });
    entries.set(sectionId, e);
    bytes += e.cost;
  }

  /**
   * Applies the updates after the copy's position, when few. True when the copy is now at `current` or
   * beyond; false when it must be loaded again (dropped or replaced meanwhile, or too far behind).
   */
  async function catchUp(sectionId: string, kept: Entry, current: number): Promise<boolean> {
    const tail = await listSectionUpdatesAfter(db.kysely, sectionId, kept.seq);
    if (entries.get(sectionId) !== kept) return false;
    // Another read may have caught the copy up while this one read the tail: only what is still missing.
    const missing = tail.filter((u) => u.seq > kept.seq);
    if (missing.length > catchUpMax) return false;
    if (missing.length > 0) {
      kept.catchingUp = true;
      try {
        kept.doc.transact(() => {
          for (const u of missing) Y.applyUpdate(kept.doc, u.data);
        });
      } catch (e) {
        drop(sectionId);
        throw e;
      } finally {
        kept.catchingUp = false;
      }
      kept.seq = missing[missing.length - 1]!.seq;
      kept.stored += missing.reduce((n, u) => n + u.data.byteLength, 0);
      const cost = readCacheCost(kept.stored);
      bytes += cost - kept.cost;
      kept.cost = cost;
      catchUps++;
    }
    return kept.seq >= current;
  }

  return {
    async read(sectionId, read) {
      const current = maxBytes > 0 ? await sectionLastSeq(db.kysely, sectionId) : null;
      const kept = entries.get(sectionId);
      // A section that is gone (or a cache that keeps nothing) holds no copy.
      if (kept && current === null) drop(sectionId);
      let usable = false;
      if (kept && current !== null) {
        // At the log's position (or past it: another read moved it on after this one asked), or a little behind.
        if (kept.seq >= current) {
          usable = true;
          hits++;
        } else if (current - kept.seq <= catchUpMax) usable = await catchUp(sectionId, kept, current);
      }
      // Still the kept copy after any wait: one dropped meanwhile is destroyed and must not come back.
      if (kept && usable && entries.get(sectionId) === kept) {
        touch(sectionId, kept);
        try {
          return read(kept.doc, kept.seq);
        } finally {
          evict();
        }
      }
      loads++;
      const state = await loadSectionState(db, sectionId);
      // Another read of this section may have kept a copy while this one loaded; the newer of the two stays.
      const other = entries.get(sectionId);
      if (current === null || readCacheCost(state.bytes) > maxBytes || (other && other.seq >= state.seq)) {
        try {
          return read(state.doc, state.seq);
        } finally {
          state.doc.destroy();
        }
      }
      drop(sectionId);
      keep(sectionId, state.doc, state.seq, state.bytes);
      try {
        return read(state.doc, state.seq);
      } finally {
        evict();
      }
    },
    stats: () => ({ docs: entries.size, bytes, hits, catchUps, loads }),
    clear() {
      for (const id of [...entries.keys()]) drop(id);
    },
  };
}
