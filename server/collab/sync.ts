import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { GroupCommitter } from "./group-commit.js";
import { CLOSE } from "./limits.js";
import { fromClient, type UpdateOrigin } from "./origins.js";
import type { Presence } from "./presence.js";
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  MalformedMessage,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  awarenessMessage,
  checkStateVector,
  checkUpdateV1,
  isLib0DecodeError,
  syncMessage,
} from "./protocol.js";
import type { Registry } from "./registry.js";
import type { Replication } from "./replication.js";
import { SchemaGuard } from "./schema-guard.js";
import type { Conn, LoadedDoc, WritableConn } from "./state.js";

export interface SyncDeps {
  logger: Logger;
  committer: Pick<GroupCommitter, "append">;
  registry: Pick<Registry, "fail">;
  replication: Pick<Replication, "applyCommitted">;
  presence: Presence;
  send(c: Conn, msg: Uint8Array): void;
  close(c: Conn, code: number, reason: string): void;
}

export interface Sync {
  /** Handles one inbound message; throws MalformedMessage when the sender got the protocol wrong. */
  handle(c: Conn, d: LoadedDoc, bytes: Uint8Array): void;
  /** What a connection is sent as it attaches: sync step 1 and everyone's presence. */
  greet(c: Conn, d: LoadedDoc): void;
  /** Sends every change to the document to its connections. */
  relayUpdates(d: LoadedDoc): void;
  /** Applies a committed update with the rest of its commit batch (see below); resolves once it is in the live document. */
  applyDurable(d: LoadedDoc, item: Durable): Promise<void>;
}

/** A committed update on its way into the live document. */
export interface Durable {
  seq: number;
  update: Uint8Array;
  origin: UpdateOrigin;
}

/**
 * The y-websocket protocol: sync steps, updates and presence. Every accepted
 * update is committed to the log before anyone, its sender included, sees it.
 */
export function createSync(deps: SyncDeps): Sync {
  /** Per loaded document: who has written with each Yjs client id since it loaded (ADR 025). */
  const writers = new WeakMap<LoadedDoc, Map<number, string>>();
  const { logger, committer, registry, replication, presence, send, close } = deps;

  function handle(c: Conn, d: LoadedDoc, bytes: Uint8Array): void {
    if (bytes.length === 0) throw new MalformedMessage("empty message");
    try {
      dispatch(c, d, bytes);
    } catch (e) {
      if (isLib0DecodeError(e)) throw new MalformedMessage(e.message);
      throw e;
    }
  }

  function dispatch(c: Conn, d: LoadedDoc, bytes: Uint8Array): void {
    const dec = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(dec);
    switch (type) {
      case MESSAGE_SYNC: {
        const sub = decoding.readVarUint(dec);
        const payload = decoding.readVarUint8Array(dec);
        if (dec.pos !== bytes.length) throw new MalformedMessage("sync message has bytes left over");
        if (sub === SYNC_STEP1) {
          checkStateVector(payload);
          send(c, syncMessage(SYNC_STEP2, Y.encodeStateAsUpdate(d.doc, payload)));
        } else if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) {
          // Read-only connections: their edits are dropped, never applied, stored or relayed.
          if (c.writable) acceptUpdate(c, d, payload);
        } else {
          throw new MalformedMessage(`unknown sync message ${sub}`);
        }
        return;
      }
      case MESSAGE_AWARENESS: {
        const payload = decoding.readVarUint8Array(dec);
        if (dec.pos !== bytes.length) throw new MalformedMessage("awareness message has bytes left over");
        presence.handle(c, d, payload);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        sendPresence(c, d);
        return;
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  }

  function sendPresence(c: Conn, d: LoadedDoc): void {
    const ids = [...d.awareness.getStates().keys()];
    if (ids.length > 0) send(c, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(d.awareness, ids)));
  }

  function acceptUpdate(c: WritableConn, d: LoadedDoc, update: Uint8Array): void {
    if (update.length <= 2 && update.every((b) => b === 0)) return;
    checkUpdateV1(update);
    if (d.failed) return;
    if (!fitsEditor(c, d, update)) return;
    if (!writesOwnClients(c, d, update)) return;
    const committed = committer.append({ section_id: d.sectionId, user_id: c.user.id, created_at: new Date().toISOString(), data: update });
    d.inflight.add(
      committed.then(
        (seq) => {
          d.guard?.applied(update);
          // Durable now: only from here on may anyone else see it.
          return applyDurable(d, { seq, update, origin: fromClient(c) });
        },
        (e) => {
          d.guard?.applied(update);
          registry.fail(d, e);
        },
      ),
    );
  }

  /** Per document, the committed updates waiting to be applied together at the end of this turn's commit callbacks. */
  const durable = new WeakMap<LoadedDoc, { updates: Durable[]; applied: Promise<void> }>();

  /**
   * A group commit resolves its whole batch at once: the batch's updates are
   * applied to the live document in one Yjs transaction, in log order, so the
   * document emits one change (one message per socket, one copy into the
   * schema guard's shadow, no merging) instead of one per keystroke. Server
   * edits committed in the same batch join it, so nothing overtakes an earlier
   * position. Resolves once applied, so that waiting for a document's commits
   * also waits for them to be visible.
   */
  function applyDurable(d: LoadedDoc, item: Durable): Promise<void> {
    let batch = durable.get(d);
    if (!batch) {
      const updates: Durable[] = [];
      // The commit callbacks of one batch run one after another as microtasks; this one runs after them all.
      const applied = Promise.resolve().then(() => {
        durable.delete(d);
        if (d.failed) return;
        let failure: unknown = null;
        try {
          Y.transact(d.doc, () => {
            for (const u of updates) {
              try {
                replication.applyCommitted(d, u.seq, u.update, u.origin);
              } catch (e) {
                // The rest are still shared and counted (they are committed); the document is reloaded below.
                failure ??= e;
              }
            }
          });
        } catch (e) {
          // A listener of the change (the relay, a mirror) failed: the document itself holds what the log does.
          logger.error("a live document's change listener failed", { sectionId: d.sectionId, error: e });
        }
        // The live document no longer matches the log: reload it rather than serve a copy that differs.
        if (failure) registry.fail(d, failure);
      });
      durable.set(d, (batch = { updates, applied }));
    }
    batch.updates.push(item);
    return batch.applied;
  }

  /**
   * A Yjs client id is one person's: an update that creates ids for a client
   * someone else has written with since the document loaded is refused and its
   * socket closed. History credits each id range to whoever sent it first
   * (server/collab/authorship.ts), so a forger is never credited with others'
   * words; this also stops them taking the next clocks of a co-drafter's client,
   * which would make the server drop that person's later text as already known.
   * Only what is new to the document counts: re-sending others' text is fine,
   * and a connection becomes the owner only of its own (presence) client id.
   */
  function writesOwnClients(c: WritableConn, d: LoadedDoc, update: Uint8Array): boolean {
    let owners = writers.get(d);
    if (!owners) writers.set(d, (owners = new Map()));
    const created: number[] = [];
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock <= Y.getState(d.doc.store, client)) continue;
      const owner = owners.get(client);
      if (owner !== undefined && owner !== c.user.id) {
        logger.warn("refused an update writing with another person's Yjs client id", { sectionId: d.sectionId, userId: c.user.id, client });
        close(c, CLOSE.forbidden, "this Yjs client id is another person's");
        return false;
      }
      created.push(client);
    }
    // Only the connection's own client (its presence id) is claimed: someone re-sending another's text on a node
    // that has not yet heard it must not become that client's owner and lock its real writer out.
    for (const client of created) if (client === c.clientId) owners.set(client, c.user.id);
    return true;
  }

  /**
   * A standard Yjs client can write what the editor cannot show (a table, an
   * image, a plain Y.Text), which would break the section for everyone: such
   * an update is refused before it is stored, and its socket closed.
   */
  function fitsEditor(c: WritableConn, d: LoadedDoc, update: Uint8Array): boolean {
    d.guard ??= new SchemaGuard(d.doc);
    const problem = d.guard.check(update);
    if (problem === null) return true;
    logger.warn("refused an update the editor cannot show", { sectionId: d.sectionId, userId: c.user.id, problem });
    close(c, CLOSE.unsupportedContent, `unsupported content: ${problem}`.replace(/[^\x20-\x7e]/g, "?").slice(0, 120));
    return false;
  }

  return {
    handle,
    applyDurable,
    greet(c, d) {
      send(c, syncMessage(SYNC_STEP1, Y.encodeStateVector(d.doc)));
      sendPresence(c, d);
    },
    relayUpdates(d) {
      // To every socket, the sender included: when Yjs integrates held-back structs
      // along with an update, the event carries more than the sender sent. The
      // updates a turn of the event loop applies (a group commit's batch) go out
      // merged, as one message per socket, when the turn's work is done: one
      // write instead of one per update and socket, and no later.
      let queued: Uint8Array[] = [];
      const flush = () => {
        const updates = queued;
        queued = [];
        const msg = syncMessage(SYNC_UPDATE, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
        for (const c of d.conns) send(c, msg);
      };
      d.doc.on("update", (update: Uint8Array) => {
        if (queued.push(update) === 1) process.nextTick(flush);
      });
    },
  };
}
