import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Db } from "../../db/client.js";
import { listSectionUpdatesAfter } from "../../db/queries/collab.js";
import type { SectionUpdateRow } from "../../db/schema.js";
import type { Bus, BusEvent } from "../bus/bus.js";
import type { Logger } from "../logger.js";
import type { ChangeSets } from "./change-sets.js";
import type { CollabLimits } from "./limits.js";
import { CATCH_UP, REMOTE, routeOf, type UpdateOrigin } from "./origins.js";
import type { Registry } from "./registry.js";
import type { LoadedDoc } from "./state.js";
import type { TextEvents } from "./text-events.js";

export interface ReplicationDeps {
  db: Db;
  bus: Bus;
  /** Tells this node's messages on a shared bus from other nodes'. */
  nodeId: string;
  limits: Pick<CollabLimits, "gapRepairMs">;
  logger: Logger;
  changeSets: Pick<ChangeSets, "noteChange">;
  registry: Pick<Registry, "live" | "liveDocs">;
  /** Set for working copies (ADR 026): their bus events carry it, and they read their own log. */
  copy?: "working";
  /** Reads the log after a position (the public log unless given). */
  listAfter?: (db: Db, sectionId: string, afterSeq: number) => Promise<Pick<SectionUpdateRow, "seq" | "data">[]>;
  /** Readers' notice that the text changed (only the accepting node gives it; the bus carries it to the others). */
  textEvents: Pick<TextEvents, "changed">;
}

export interface Replication {
  /**
   * Applies an update committed at `seq` and does what its origin calls for
   * (see `routeOf`): share it with the other nodes, start the fold timer.
   */
  applyCommitted(d: LoadedDoc, seq: number, update: Uint8Array, origin: UpdateOrigin): void;
  /** Reads every update after the last contiguous position from the database. */
  catchUp(d: LoadedDoc): Promise<void>;
  /** Handles the bus's document events (other nodes' updates and presence, and the bus coming back). */
  onBusEvent(event: BusEvent): boolean;
}

/** How a node's live documents keep up with the log, which every node appends to. */
export function createReplication(deps: ReplicationDeps): Replication {
  const { db, bus, nodeId, limits, logger, changeSets, registry, copy, textEvents } = deps;
  const listAfter = deps.listAfter ?? ((db: Db, sectionId: string, afterSeq: number) => listSectionUpdatesAfter(db.kysely, sectionId, afterSeq));

  /**
   * Applies a committed update at its log position. Updates may arrive out of
   * order from other nodes (Yjs does not mind); a position still missing after
   * `gapRepairMs` is read from the database, which stays the source of truth.
   */
  function integrate(d: LoadedDoc, seq: number, update: Uint8Array, origin: UpdateOrigin): boolean {
    if (seq <= d.seq || d.ahead.has(seq)) return false;
    Y.applyUpdate(d.doc, update, origin);
    if (seq === d.seq + 1) {
      d.seq = seq;
      while (d.ahead.delete(d.seq + 1)) d.seq += 1;
    } else {
      d.ahead.add(seq);
      scheduleGapRepair(d);
    }
    return true;
  }

  function scheduleGapRepair(d: LoadedDoc): void {
    if (d.gapTimer) return;
    d.gapTimer = setTimeout(() => {
      d.gapTimer = null;
      if (d.ahead.size > 0) catchUp(d).catch((e) => logger.warn("could not repair a gap in the log", { sectionId: d.sectionId, error: e }));
    }, limits.gapRepairMs);
    d.gapTimer.unref();
  }

  async function catchUp(d: LoadedDoc): Promise<void> {
    const rows = await listAfter(db, d.sectionId, d.seq);
    for (const r of rows) applyCommitted(d, r.seq, r.data, CATCH_UP);
    if (d.ahead.size > 0) scheduleGapRepair(d);
  }

  function applyCommitted(d: LoadedDoc, seq: number, update: Uint8Array, origin: UpdateOrigin): void {
    const route = routeOf(origin);
    // A position applied already (a repeat from the bus) is still noted for the fold, as it always was.
    const fresh = integrate(d, seq, update, origin);
    if (fresh && route.share) textEvents.changed(d.sectionId);
    // Only when the bus crosses processes: with one node there is no one to tell.
    if (route.share && bus.shared) bus.publish({ type: "doc.update", node: nodeId, sectionId: d.sectionId, seq, update: Buffer.from(update).toString("base64"), ...(copy ? { copy } : {}) });
    if (route.fold !== "none") changeSets.noteChange(d.sectionId, route.fold === "local");
  }

  function onBusEvent(event: BusEvent): boolean {
    if (event.type === "doc.update" || event.type === "doc.awareness") {
      // The other copy's replication handles it.
      if (event.copy !== copy) return false;
      if (event.node === nodeId) return true;
      const d = registry.live(event.sectionId);
      if (!d || d.failed) return true;
      const bytes = new Uint8Array(Buffer.from(event.type === "doc.update" ? event.update : event.payload, "base64"));
      if (event.type === "doc.update") applyCommitted(d, event.seq, bytes, REMOTE);
      else awarenessProtocol.applyAwarenessUpdate(d.awareness, bytes, REMOTE);
      return true;
    }
    if (event.type === "bus.resync") {
      // Messages may have been lost while the bus was away: the log has them all.
      for (const d of registry.liveDocs()) catchUp(d).catch((e) => logger.warn("catch-up after the bus came back failed", { error: e }));
      return true;
    }
    return false;
  }

  return { applyCommitted, catchUp, onBusEvent };
}
