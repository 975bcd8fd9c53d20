import * as Y from "yjs";
import type { Db } from "../../db/client.js";
import { findChangeSetOfSuggestion } from "../../db/queries/collab.js";
import { AppError } from "../errors.js";
import type { ChangeSets } from "./change-sets.js";
import type { GroupCommitter } from "./group-commit.js";
import { SERVER } from "./origins.js";
import type { Sync } from "./sync.js";
import type { ReadCache } from "./read-cache.js";
import type { Registry } from "./registry.js";
import type { Replication } from "./replication.js";

/** An edit made by the server (an accepted suggestion, the demo's history). */
export interface ServerEdit {
  sectionId: string;
  consultationId: string;
  /** Whose update it is in the log. */
  author: string;
  /** Others credited in its change set (a suggestion's proposer). */
  credit: string[];
  /** The suggestion it accepts, if any: the fold records the decision with the change set. */
  suggestionId: string | null;
  /** Changes a copy of the current document; whatever it changes is the edit. */
  edit: (doc: Y.Doc) => void;
}

export interface ServerEditDeps {
  db: Db;
  committer: Pick<GroupCommitter, "append">;
  registry: Pick<Registry, "acquire" | "live" | "scheduleUnload">;
  replication: Pick<Replication, "catchUp">;
  /** Applies a committed update with the rest of its commit batch (sync.ts). */
  applyDurable: Sync["applyDurable"];
  changeSets: Pick<ChangeSets, "foldNow">;
  /** Documents loaded to be read while no socket holds them live. */
  readCache: Pick<ReadCache, "read">;
  isClosing(): boolean;
}

const SHUTTING_DOWN_MESSAGE = "The server is shutting down. Please try again in a moment.";

export function createServerEdits(deps: ServerEditDeps) {
  const { db, committer, registry, replication, changeSets, applyDurable } = deps;

  /**
   * Logs the change `edit` makes to a copy of the current document as
   * `author`'s update, in a change set of its own, then broadcasts it.
   * Returns the update's sequence number.
   */
  async function applyEdit({ sectionId, consultationId, author, credit, suggestionId, edit }: ServerEdit): Promise<number> {
    if (deps.isClosing()) throw new AppError("unavailable", SHUTTING_DOWN_MESSAGE, { retryAfterSeconds: 5 });
    const d = await registry.acquire(sectionId, consultationId);
    try {
      await d.inflight.settled();
      // Everything another node committed must be here before the edit is computed against it.
      await replication.catchUp(d);
      if (d.failed) throw new AppError("unavailable", "The text cannot be changed right now. Please try again shortly.", { retryAfterSeconds: 5 });
      const scratch = new Y.Doc({ gc: false });
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(d.doc));
      const parts: Uint8Array[] = [];
      scratch.on("update", (u: Uint8Array) => parts.push(u));
      try {
        scratch.transact(() => edit(scratch));
      } finally {
        scratch.destroy();
      }
      if (parts.length === 0) throw new AppError("conflict", "The change would leave the text as it is.");
      const update = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
      const seq = await committer.append({
        section_id: sectionId,
        user_id: author,
        created_at: new Date().toISOString(),
        data: update,
        suggestion_id: suggestionId,
        credit: credit.length > 0 ? JSON.stringify(credit) : null,
      });
      // With any client updates committed in the same batch, in log order.
      await applyDurable(d, { seq, update, origin: SERVER });
      // Its own change set (the fold splits on the suggestion), written before this returns.
      await changeSets.foldNow(sectionId);
      if (suggestionId && !(await findChangeSetOfSuggestion(db.kysely, suggestionId))) {
        // The edit is in the log; the next fold records it with its decision.
        throw new AppError("unavailable", "The change was saved but could not be recorded yet. Please try again shortly.", { retryAfterSeconds: 5 });
      }
      return seq;
    } finally {
      if (d.conns.size === 0) registry.scheduleUnload(d);
    }
  }

  /** Runs `read` on the section's current document (live or loaded from storage); it must not modify it. */
  async function withDocument<T>(sectionId: string, read: (doc: Y.Doc, seq: number) => T): Promise<T> {
    const live = registry.live(sectionId);
    if (live) return read(live.doc, live.seq);
    return deps.readCache.read(sectionId, read);
  }

  return { applyEdit, withDocument };
}
