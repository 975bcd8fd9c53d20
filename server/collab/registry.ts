import * as awarenessProtocol from "y-protocols/awareness";
import type { Db } from "../../db/client.js";
import { findLastChangeSet } from "../../db/queries/collab.js";
import type { Logger } from "../logger.js";
import { LogClosedError } from "./group-commit.js";
import { loadSectionState } from "./persistence.js";
import { InFlight } from "./in-flight.js";
import type { LoadedDoc } from "./state.js";

/** Reads a section's document from storage, with whatever a crash left unfolded folded first. */
export async function loadDocument(db: Db, sectionId: string, consultationId: string, foldNow: (sectionId: string) => Promise<void>): Promise<LoadedDoc> {
  const state = await loadSectionState(db, sectionId);
  const awareness = new awarenessProtocol.Awareness(state.doc);
  awareness.setLocalState(null);
  const d: LoadedDoc = {
    sectionId,
    consultationId,
    doc: state.doc,
    awareness,
    conns: new Set(),
    seq: state.seq,
    ahead: new Set(),
    gapTimer: null,
    inflight: new InFlight(),
    failed: false,
    guard: null,
  };
  // Whatever a crash (of this node or another) left unfolded goes into the history before anyone edits.
  const last = await findLastChangeSet(db.kysely, sectionId);
  if (state.seq > (last?.seq_to ?? 0)) await foldNow(sectionId);
  return d;
}

export interface RegistryDeps {
  load(sectionId: string, consultationId: string): Promise<LoadedDoc>;
  /** Writes everything the document still owes storage; the document is dropped only after it. */
  flushBeforeUnload(d: LoadedDoc): Promise<void>;
  /** Closes the document's connections once it can no longer store updates. */
  onFail(d: LoadedDoc, e: unknown): void;
  logger: Logger;
}

interface Entry {
  ready: Promise<LoadedDoc>;
  loaded: LoadedDoc | null;
  unloading: Promise<void> | null;
}

export interface Registry {
  /** The section's live document, loading it once however many ask at the same time. */
  acquire(sectionId: string, consultationId: string): Promise<LoadedDoc>;
  /** The live document if it is loaded and not on its way out; else null. */
  live(sectionId: string): LoadedDoc | null;
  /** Every document loaded and not unloading. */
  liveDocs(): LoadedDoc[];
  /** The loaded document, even one unloading (to wait for its writes); else null. */
  loaded(sectionId: string): LoadedDoc | null;
  /** Every loaded document, unloading ones included. */
  loadedDocs(): LoadedDoc[];
  /** Flushes and drops a document once its last connection has gone. */
  scheduleUnload(d: LoadedDoc): void;
  /** Marks the document failed (it stores nothing more) and closes its connections. */
  fail(d: LoadedDoc, e: unknown): void;
  /** Resolves when every unload under way has finished. */
  unloaded(): Promise<void>;
  size(): number;
}

/** The documents loaded on this node. */
export function createRegistry(deps: RegistryDeps): Registry {
  const { logger } = deps;
  const docs = new Map<string, Entry>();

  async function acquire(sectionId: string, consultationId: string): Promise<LoadedDoc> {
    for (;;) {
      const existing = docs.get(sectionId);
      if (existing?.unloading) {
        // A document on its way out is waited for, then loaded afresh from what it wrote.
        await existing.unloading;
        continue;
      }
      if (existing) return existing.ready;
      const entry: Entry = { ready: deps.load(sectionId, consultationId), loaded: null, unloading: null };
      docs.set(sectionId, entry);
      entry.ready.then(
        (d) => (entry.loaded = d),
        (e) => {
          logger.error("document failed to load", { sectionId, error: e });
          if (docs.get(sectionId) === entry) docs.delete(sectionId);
        },
      );
      return entry.ready;
    }
  }

  function scheduleUnload(d: LoadedDoc): void {
    const entry = docs.get(d.sectionId);
    if (!entry || entry.loaded !== d || entry.unloading || d.conns.size > 0) return;
    entry.unloading = (async () => {
      try {
        await deps.flushBeforeUnload(d);
      } catch (e) {
        logger.error("flush before unload failed", { sectionId: d.sectionId, error: e });
      } finally {
        d.guard?.destroy();
        d.awareness.destroy();
        d.doc.destroy();
        if (docs.get(d.sectionId) === entry) docs.delete(d.sectionId);
      }
    })();
  }

  function fail(d: LoadedDoc, e: unknown): void {
    if (d.failed) return;
    d.failed = true;
    if (e instanceof LogClosedError) logger.info("a working copy closed under its typing; closing its connections", { sectionId: d.sectionId });
    else logger.error("could not store an update; closing the document's connections", { sectionId: d.sectionId, error: e });
    deps.onFail(d, e);
  }

  function live(sectionId: string): LoadedDoc | null {
    const entry = docs.get(sectionId);
    return entry?.loaded && !entry.unloading ? entry.loaded : null;
  }

  return {
    acquire,
    live,
    loaded: (sectionId) => docs.get(sectionId)?.loaded ?? null,
    loadedDocs: () => [...docs.values()].flatMap((e) => (e.loaded ? [e.loaded] : [])),
    liveDocs: () => [...docs.values()].flatMap((e) => (e.loaded && !e.unloading ? [e.loaded] : [])),
    scheduleUnload,
    fail,
    async unloaded() {
      await Promise.all([...docs.values()].map((e) => e.unloading ?? Promise.resolve()));
    },
    size: () => docs.size,
  };
}
