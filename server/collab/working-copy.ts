import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Db, Executor } from "../../db/client.js";
import { insertSectionUpdates, reserveSeqs } from "../../db/queries/collab.js";
import { closedWorkingSections, deleteWorkingUpdatesUpTo, findWorkingSeq, insertWorkingUpdates, listWorkingUpdatesAfter, reserveWorkingSeqs } from "../../db/queries/working-copy.js";
import type { NewSectionUpdateRow } from "../../db/schema.js";
import type { ChangeSets } from "./change-sets.js";
import type { GroupCommitter, LogStore } from "./group-commit.js";
import { InFlight } from "./in-flight.js";
import { PUBLIC, SERVER } from "./origins.js";
import { appendLedger, chainFor } from "../ledger/append.js";
import { loadSectionState } from "./persistence.js";
import type { Registry } from "./registry.js";
import type { Replication } from "./replication.js";
import type { LoadedDoc } from "./state.js";

/*
 * A section's team-only working copy (ADR 026). Its state is always the public
 * document's plus the working log's unpublished updates: both share one Yjs
 * history, so publishing moves those updates, unchanged and with their
 * authors, into the public log, and every public update (an accepted
 * suggestion, a publication) is mirrored into the working copy.
 */

/** The working log: the same rows as the public log, without a suggestion or credits (only drafters write here). */
export const WORKING_LOG: LogStore = {
  reserve: reserveWorkingSeqs,
  insert: (tx: Executor, rows: NewSectionUpdateRow[]) =>
    insertWorkingUpdates(
      tx,
      rows.map((r) => ({ section_id: r.section_id, seq: r.seq, user_id: r.user_id ?? null, created_at: r.created_at, data: r.data })),
    ),
  // Typing that reaches the log after "back to live" or "final" would be stranded or revived later: refused (ADR 026).
  closed: closedWorkingSections,
};

/** Reads the working log after a position, for the working copy's replication. */
export function listWorkingAfter(db: Db, sectionId: string, afterSeq: number) {
  return listWorkingUpdatesAfter(db.kysely, sectionId, afterSeq);
}

/**
 * Loads a working copy: the public document, then the unpublished working
 * updates. The working log is read first: an update published meanwhile is
 * then found in both (Yjs applies it once) rather than in neither.
 */
export async function loadWorkingDocument(db: Db, sectionId: string, consultationId: string): Promise<LoadedDoc> {
  const handedOut = await findWorkingSeq(db.kysely, sectionId);
  const rows = await listWorkingUpdatesAfter(db.kysely, sectionId, 0);
  const state = await loadSectionState(db, sectionId);
  state.doc.transact(() => {
    for (const r of rows) Y.applyUpdate(state.doc, r.data);
  }, PUBLIC);
  const awareness = new awarenessProtocol.Awareness(state.doc);
  awareness.setLocalState(null);
  return {
    sectionId,
    consultationId,
    doc: state.doc,
    awareness,
    conns: new Set(),
    seq: Math.max(handedOut, rows.at(-1)?.seq ?? 0),
    ahead: new Set(),
    gapTimer: null,
    inflight: new InFlight(),
    failed: false,
    guard: null,
  };
}

/** Working copies write no change sets: their updates are folded once published. */
export const NO_CHANGE_SETS: ChangeSets = {
  foldNow: async () => undefined,
  noteChange: () => undefined,
  idle: async () => undefined,
};

export interface PublishDeps {
  db: Db;
  public: {
    registry: Pick<Registry, "acquire" | "scheduleUnload">;
    replication: Pick<Replication, "applyCommitted">;
    changeSets: Pick<ChangeSets, "foldNow">;
  };
  working: {
    committer: Pick<GroupCommitter, "flush">;
    registry: Pick<Registry, "loaded">;
  };
}

/**
 * Publishes a section's working copy: every unpublished working update moves,
 * in order and with its author, to the public log in one transaction (taken
 * from the working log in the same one, so two publishers never move an
 * update twice), is applied to the public document and broadcast like a
 * server edit, then folded into a change set (ADR 025: one per fold window,
 * naming everyone who typed) with its ledger entry. The move's transaction
 * also records the publication itself in the ledger: the publisher, and the
 * range of public positions it filled. Returns how many updates it published.
 */
export async function publishWorkingCopy(deps: PublishDeps, sectionId: string, consultationId: string, publisherId: string | null): Promise<number> {
  const { db } = deps;
  // Whatever drafters typed up to now is in the working log first.
  await deps.working.committer.flush();
  await deps.working.registry.loaded(sectionId)?.inflight.settled();
  const d = await deps.public.registry.acquire(sectionId, consultationId);
  try {
    await d.inflight.settled();
    const moved = await db.kysely.transaction().execute(async (tx) => {
      // The consultation's row lock first, then the section's (PostgreSQL), in the order the working log's
      // batches take them (WORKING_LOG.closed, then the positions), so the two never wait on each other in a cycle.
      await chainFor(tx, db.dialect, consultationId);
      await reserveWorkingSeqs(tx, sectionId, 0);
      const rows = await listWorkingUpdatesAfter(tx, sectionId, 0);
      if (rows.length === 0) return [];
      const last = await reserveSeqs(tx, sectionId, rows.length);
      const at = new Date().toISOString();
      // Stamped with the publication's time: the moment they entered the public record.
      const published = rows.map((r, i) => ({ section_id: sectionId, seq: last - rows.length + 1 + i, user_id: r.user_id, created_at: at, data: r.data }));
      await insertSectionUpdates(tx, published);
      await deleteWorkingUpdatesUpTo(tx, sectionId, rows.at(-1)!.seq);
      // Who made these updates public, and which they were: in the record with the move itself.
      await appendLedger(tx, db.dialect, {
        kind: "publication",
        consultationId,
        sectionId,
        createdAt: at,
        payload: { publisherId, seqFrom: published[0]!.seq, seqTo: published.at(-1)!.seq, updates: published.length },
      });
      return published;
    });
    if (moved.length === 0) return 0;
    for (const r of moved) deps.public.replication.applyCommitted(d, r.seq, r.data, SERVER);
    await deps.public.changeSets.foldNow(sectionId);
    return moved.length;
  } finally {
    if (d.conns.size === 0) deps.public.registry.scheduleUnload(d);
  }
}
