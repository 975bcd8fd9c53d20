import * as awarenessProtocol from "y-protocols/awareness";
import type { UserProfile } from "../../db/queries/user.js";
import type { Bus } from "../bus/bus.js";
import { CLOSE, type CollabLimits } from "./limits.js";
import { clientConnOf, fromClient } from "./origins.js";
import { awarenessMessage, encodeAwarenessUpdate, readAwarenessUpdate } from "./protocol.js";
import type { Conn, LoadedDoc } from "./state.js";

// Colours with enough contrast for white label text.
const PRESENCE_COLOURS = ["#1d4f91", "#b3261e", "#1e7a3c", "#8a4baf", "#b35c00", "#00747a", "#a3195b", "#4a5a00"];

/** A stable colour per user, so a person keeps their colour across sessions. */
export function presenceColour(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PRESENCE_COLOURS[h % PRESENCE_COLOURS.length]!;
}

/** Who a signed-in user is to the people sharing their document: decided by the server. */
export function identity(user: UserProfile) {
  return { id: user.id, name: user.display_name, color: presenceColour(user.id), group: user.stakeholder_group };
}

export interface PresenceDeps {
  limits: Pick<CollabLimits, "maxAwarenessBytes" | "awarenessPerSecond" | "maxPresenceStates">;
  close(c: Conn, code: number, reason: string): void;
}

export interface Presence {
  /** Takes a connection's awareness message: throttled, then stamped and applied. */
  handle(c: Conn, d: LoadedDoc, payload: Uint8Array): void;
  /** Forgets a detached connection's hold on its client id. */
  release(c: Conn, d: LoadedDoc): void;
}

/**
 * Presence (awareness) from clients. The server decides who you are; the client
 * only says where its cursor is. Readers who are not signed in have none.
 */
export function createPresence(deps: PresenceDeps): Presence {
  const { limits, close } = deps;
  /** Per document: which connection holds each bound client id, so binding is not a walk over every connection. */
  const holders = new WeakMap<LoadedDoc, Map<number, Conn>>();
  const holdersOf = (d: LoadedDoc) => {
    let m = holders.get(d);
    if (!m) holders.set(d, (m = new Map()));
    return m;
  };

  function stamp(c: Conn, user: UserProfile, d: LoadedDoc, payload: Uint8Array): void {
    // The stock client echoes other clients' states back; only its own entry counts (and only it is decoded).
    // Its first message carries just its own state, which binds its client id.
    const bound = c.clientId;
    const entries = readAwarenessUpdate(payload, (clientId, count) => (bound === null ? count === 1 : clientId === bound));
    if (c.clientId === null) {
      if (entries.length !== 1 || entries[0]!.state === null) return;
      const claimed = entries[0]!.clientId;
      const other = holdersOf(d).get(claimed);
      if (other && other !== c && other.clientId === claimed && d.conns.has(other)) {
        if (other.user?.id !== user.id) {
          close(c, CLOSE.forbidden, "that client id belongs to another connection");
          return;
        }
        // The same person's client again: a reconnect that reached us before its old socket's
        // close did (or a network that dropped without one). The newer socket takes the id over;
        // the older one gives it up first, so its detaching cannot remove the newer one's presence.
        // Refusing would strand the writer: the stock client never retries after a 44xx close.
        other.clientId = null;
        close(other, CLOSE.replaced, "replaced by a newer connection of the same client");
      }
      c.clientId = claimed;
      holdersOf(d).set(claimed, c);
    }
    const own = entries.find((e) => e.clientId === c.clientId);
    if (!own) return;
    if (own.bytes > limits.maxAwarenessBytes) {
      close(c, CLOSE.tooLarge, "presence state too large");
      return;
    }
    // Beyond the cap a reader's presence is not shared (ADR 043): everyone would otherwise hear of everyone, N² in
    // a crowded section. Writers are always shared, so co-drafters see each other however many read along.
    if (!c.writable && own.state !== null && !d.awareness.states.has(own.clientId) && d.awareness.states.size >= limits.maxPresenceStates) return;
    const state = own.state === null ? null : { user: identity(user), cursor: c.writable ? (own.state.cursor ?? null) : null, readOnly: !c.writable };
    awarenessProtocol.applyAwarenessUpdate(d.awareness, encodeAwarenessUpdate([{ clientId: own.clientId, clock: own.clock, state }]), fromClient(c));
  }

  function handle(c: Conn, d: LoadedDoc, payload: Uint8Array): void {
    const user = c.user;
    if (!user) return;
    if (c.awarenessBucket.take()) {
      stamp(c, user, d, payload);
      return;
    }
    // Over the rate: keep only the newest state and apply it shortly, so the last cursor position still lands.
    c.pendingAwareness = payload;
    if (!c.awarenessTimer) {
      c.awarenessTimer = setTimeout(() => {
        c.awarenessTimer = null;
        const pending = c.pendingAwareness;
        c.pendingAwareness = null;
        if (pending && !c.closed) {
          try {
            handle(c, d, pending);
          } catch (e) {
            close(c, CLOSE.badMessage, e instanceof Error ? e.message : "bad presence");
          }
        }
      }, Math.ceil(1000 / limits.awarenessPerSecond));
    }
  }

  function release(c: Conn, d: LoadedDoc): void {
    const m = holders.get(d);
    if (c.clientId !== null && m?.get(c.clientId) === c) m.delete(c.clientId);
  }

  return { handle, release };
}

/**
 * Relays a document's presence changes: to its connections and, for changes
 * made by this node's attached connections, to the other nodes. A connection's
 * removal happens after it is detached, so other nodes are not told of it and
 * time the state out themselves (as before the service was split; see ADR 011).
 *
 * Changes are sent at most once per `presenceFlushMs` (ADR 043): the first at
 * once, those that follow within the interval together at its end. The stock
 * client answers every presence message it hears with one of its own, so a
 * message per change made N joiners cost N² messages each way.
 */
export function relayPresence(
  d: LoadedDoc,
  deps: { bus: Bus; nodeId: string; limits: Pick<CollabLimits, "presenceFlushMs">; send(c: Conn, msg: Uint8Array): void; isAttached(c: Conn): boolean; copy?: "working" },
): void {
  /** Client ids changed since the last flush, and those of them to tell other nodes of. */
  const changed = new Set<number>();
  const toBus = new Set<number>();
  /** The connections whose changes wait (null: another node's, or the server's); a batch is not sent back to its only author. */
  const authors = new Set<Conn | null>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let quietFrom = 0;

  function flush(): void {
    timer = null;
    if (changed.size === 0) return;
    const msg = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(d.awareness, [...changed]));
    const only = authors.size === 1 ? [...authors][0] : null;
    for (const c of d.conns) if (c !== only) deps.send(c, msg);
    if (deps.bus.shared && toBus.size > 0) {
      const payload = awarenessProtocol.encodeAwarenessUpdate(d.awareness, [...toBus]);
      deps.bus.publish({ type: "doc.awareness", node: deps.nodeId, sectionId: d.sectionId, payload: Buffer.from(payload).toString("base64"), ...(deps.copy ? { copy: deps.copy } : {}) });
    }
    changed.clear();
    toBus.clear();
    authors.clear();
    quietFrom = Date.now() + deps.limits.presenceFlushMs;
  }

  d.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const ids = [...added, ...updated, ...removed];
    if (ids.length === 0) return;
    const from = clientConnOf(origin);
    const local = from !== null && deps.isAttached(from);
    for (const id of ids) {
      changed.add(id);
      if (local) toBus.add(id);
    }
    authors.add(from);
    if (timer) return;
    const wait = quietFrom - Date.now();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  });
  d.awareness.on("destroy", () => {
    if (timer) clearTimeout(timer);
  });
}
