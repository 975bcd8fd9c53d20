import type { Db } from "../../db/client.js";
import * as Y from "yjs";
import { listSectionUpdatesAfter, sectionLastSeq } from "../../db/queries/collab.js";
import { loadSectionState } from "./persistence.js";

/** What the read cache holds and how often it spared a load (for tests and benchmarks). */
export interface ReadCacheStats {
  docs: number;
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

interface Entry {
  doc: Y.Doc;
  seq: number;
  bytes: number;
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
 * At most `maxBytes` of stored state are kept (the checkpoint and tail
 * bytes each copy was loaded from), the least recently read going first; a
 * section larger than that is loaded, read and dropped as before. 0 keeps none.
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
    bytes -= e.bytes;
    e.doc.destroy();
  }

  return {
    async read(sectionId, read) {
      const current = maxBytes > 0 ? await sectionLastSeq(db.kysely, sectionId) : null;
      const kept = entries.get(sectionId);
      if (kept && kept.seq === current) {
        hits++;
        entries.delete(sectionId);
        entries.set(sectionId, kept);
        return read(kept.doc, kept.seq);
      }
      if (kept && current !== null && current > kept.seq && current - kept.seq <= catchUpMax) {
        const tail = await listSectionUpdatesAfter(db.kysely, sectionId, kept.seq);
        // Still the copy this read found (not dropped or replaced while the tail was read)?
        if (entries.get(sectionId) === kept && tail.length > 0) {
          catchUps++;
          try {
            kept.doc.transact(() => {
              // Updates another read already applied are skipped; Yjs would ignore them anyway.
              for (const u of tail) if (u.seq > kept.seq) Y.applyUpdate(kept.doc, u.data);
            });
          } catch (e) {
            drop(sectionId);
            throw e;
          }
          const added = tail.reduce((n, u) => (u.seq > kept.seq ? n + u.data.byteLength : n), 0);
          kept.seq = Math.max(kept.seq, tail[tail.length - 1]!.seq);
          kept.bytes += added;
          bytes += added;
          entries.delete(sectionId);
          entries.set(sectionId, kept);
          const result = read(kept.doc, kept.seq);
          while (bytes > maxBytes) drop(entries.keys().next().value!);
          return result;
        }
      }
      loads++;
      const state = await loadSectionState(db, sectionId);
      // Another read of this section may have kept a copy while this one loaded; the newer of the two stays.
      const other = entries.get(sectionId);
      if (current === null || state.bytes > maxBytes || (other && other.seq >= state.seq)) {
        try {
          return read(state.doc, state.seq);
        } finally {
          state.doc.destroy();
        }
      }
      drop(sectionId);
      entries.set(sectionId, { doc: state.doc, seq: state.seq, bytes: state.bytes });
      bytes += state.bytes;
      while (bytes > maxBytes) drop(entries.keys().next().value!);
      return read(state.doc, state.seq);
    },
    stats: () => ({ docs: entries.size, bytes, hits, catchUps, loads }),
    clear() {
      for (const id of [...entries.keys()]) drop(id);
    },
  };
}
