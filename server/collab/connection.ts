import type { RawData, WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import type { UserProfile } from "../../db/queries/user.js";
import type { BusEvent } from "../bus/bus.js";
import { newId } from "../ids.js";
import type { Logger } from "../logger.js";
import type { Closing } from "./access.js";
import { CLOSE, TokenBucket, type CollabLimits } from "./limits.js";
import { fromClient } from "./origins.js";
import { MalformedMessage, awarenessMessage } from "./protocol.js";
import type { Registry } from "./registry.js";
import type { Conn, LoadedDoc } from "./state.js";

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Who is connecting and what the upgrade decided they may do. */
export interface Admitted {
  sectionId: string;
  consultationId: string;
  /** The working copy (ADR 026) rather than the public document; absent, the public one. */
  working?: boolean;
  user: UserProfile | null;
  sessionId: string | null;
  token: string | null;
  access: "read" | "write";
}

type Limits = Pick<CollabLimits, "messagesPerSecond" | "messageBurst" | "awarenessPerSecond" | "maxBufferedBytes" | "pingIntervalMs" | "keepAliveMs" | "sessionRecheckMs">;

export interface ConnectionDeps {
  limits: Limits;
  logger: Logger;
  registry: Pick<Registry, "acquire" | "scheduleUnload">;
  /** Handles one inbound message (sync.ts); throws MalformedMessage for the sender's mistakes. */
  handle(c: Conn, d: LoadedDoc, bytes: Uint8Array): void;
  /** Sends a newly attached connection what it needs to start (sync step 1, current presence). */
  greet(c: Conn, d: LoadedDoc): void;
  recheck(c: Conn): Promise<Closing | null>;
  /** Called as a connection leaves its document (presence forgets its client id). */
  release(c: Conn, d: LoadedDoc): void;
}

export interface Connections {
  open(ws: WebSocket, who: Admitted): Conn;
  send(c: Conn, msg: Uint8Array): void;
  close(c: Conn, code: number, reason: string): void;
  /** True from `open` until the connection is detached from its document. */
  isAttached(c: Conn): boolean;
  /** Handles the bus's session and access events (the document events are replication's). */
  onBusEvent(event: BusEvent): void;
  /** Starts the keepalive pings and the session re-checks; returns the function that stops them. */
  startTimers(): () => void;
  all(): Conn[];
  count(): number;
}

/**
 * A connection's record, typed by what it may do. Only signed-in users are
 * given write access by the policy; should that ever not hold, the connection
 * is refused here rather than failing at its first edit.
 */
export function newConn(ws: WebSocket, who: Admitted, limits: Limits): Conn {
  const base = {
    id: newId(),
    ws,
    sessionId: who.sessionId,
    token: who.token,
    sectionId: who.sectionId,
    consultationId: who.consultationId,
    working: who.working ?? false,
    doc: null,
    clientId: null,
    messages: new TokenBucket(limits.messagesPerSecond, limits.messageBurst),
    awarenessBucket: new TokenBucket(limits.awarenessPerSecond, limits.awarenessPerSecond),
    pendingAwareness: null,
    awarenessTimer: null,
    alive: true,
    lastSentAt: performance.now(),
    chain: Promise.resolve(),
    closed: false,
  };
  if (who.access === "read") return { ...base, writable: false, user: who.user };
  if (!who.user) throw new Error("write access without a signed-in user");
  return { ...base, writable: true, user: who.user };
}

/** A presence update about no one (its count of states is 0): it changes nothing, but it is a message. */
const KEEP_ALIVE = awarenessMessage(new Uint8Array([0]));

/** This node's open connections: sending, closing, the inbound queue and the timers that watch them. */
export function createConnections(deps: ConnectionDeps): Connections {
  const { limits, logger, registry } = deps;
  const conns = new Set<Conn>();

  function send(c: Conn, msg: Uint8Array): void {
    if (c.closed || c.ws.readyState !== c.ws.OPEN) return;
    if (c.ws.bufferedAmount > limits.maxBufferedBytes) {
      close(c, CLOSE.tooSlow, "the connection is not keeping up");
      return;
    }
    c.ws.send(msg);
    c.lastSentAt = performance.now();
  }

  function close(c: Conn, code: number, reason: string): void {
    if (c.closed) return;
    c.closed = true;
    logger.debug("closing collab connection", { sectionId: c.sectionId, code, reason });
    if (c.ws.readyState === c.ws.OPEN || c.ws.readyState === c.ws.CONNECTING) c.ws.close(code, reason);
    // A peer that never answers the close handshake is cut after a grace period.
    setTimeout(() => c.ws.terminate(), 2000).unref();
    detach(c);
  }

  function detach(c: Conn): void {
    if (!conns.delete(c)) return;
    if (c.awarenessTimer) clearTimeout(c.awarenessTimer);
    const d = c.doc;
    if (!d) return;
    d.conns.delete(c);
    deps.release(c, d);
    if (c.clientId !== null) awarenessProtocol.removeAwarenessStates(d.awareness, [c.clientId], fromClient(c));
    registry.scheduleUnload(d);
  }

  function open(ws: WebSocket, who: Admitted): Conn {
    const c = newConn(ws, who, limits);
    conns.add(c);
    logger.debug("collab connection", { sectionId: c.sectionId, userId: c.user?.id ?? null, writable: c.writable });
    ws.on("pong", () => (c.alive = true));
    ws.on("close", () => detach(c));
    ws.on("error", (e) => {
      logger.debug("socket error", { error: e });
      close(c, CLOSE.badMessage, "socket error");
    });

    const ready = registry.acquire(c.sectionId, c.consultationId).then((d) => {
      if (c.closed) {
        registry.scheduleUnload(d);
        return d;
      }
      c.doc = d;
      d.conns.add(c);
      deps.greet(c, d);
      return d;
    });
    ready.catch(() => close(c, CLOSE.unavailable, "the document could not be loaded"));

    ws.on("message", (data, isBinary) => {
      if (c.closed) return;
      if (!isBinary) return close(c, CLOSE.badMessage, "text frames are not part of the protocol");
      if (!c.messages.take()) return close(c, CLOSE.rateLimited, "too many messages");
      const bytes = toBytes(data);
      // Messages that arrive while the document loads wait here, in order.
      c.chain = c.chain.then(async () => {
        const d = await ready;
        if (c.closed) return;
        try {
          deps.handle(c, d, bytes);
        } catch (e) {
          if (e instanceof MalformedMessage) close(c, CLOSE.badMessage, e.message.slice(0, 120));
          else {
            logger.error("collab message failed", { sectionId: c.sectionId, error: e });
            close(c, CLOSE.internal, "internal error");
          }
        }
      }, () => undefined);
    });
    return c;
  }

  function recheck(c: Conn, what: string): void {
    deps.recheck(c).then(
      (verdict) => {
        if (verdict) close(c, verdict.code, verdict.reason);
      },
      (e) => logger.warn(what, { error: e }),
    );
  }

  function onBusEvent(event: BusEvent): void {
    logger.debug("bus event", { event, connections: conns.size });
    for (const c of [...conns]) {
      if (event.type === "session.revoked" && c.sessionId === event.sessionId) close(c, CLOSE.unauthenticated, "signed out");
      else if (event.type === "user.sessions.revoked" && c.user?.id === event.userId) close(c, CLOSE.unauthenticated, "signed out");
      else if (event.type === "consultation.changed" && c.consultationId === event.consultationId) recheck(c, "access re-check failed");
    }
  }

  function startTimers(): () => void {
    const pinger = setInterval(() => {
      for (const c of conns) {
        if (!c.alive) {
          c.ws.terminate();
          detach(c);
          continue;
        }
        c.alive = false;
        c.ws.ping();
      }
    }, limits.pingIntervalMs);
    pinger.unref();
    // The stock client reconnects after 30 s without a message (pings do not count), so a
    // reader of a quiet section would reconnect twice a minute: it gets an empty presence update.
    const keepAlive = setInterval(() => {
      const quietSince = performance.now() - limits.keepAliveMs;
      for (const c of conns) if (c.lastSentAt <= quietSince) send(c, KEEP_ALIVE);
    }, limits.keepAliveMs / 2);
    keepAlive.unref();
    const sessionChecker = setInterval(() => {
      for (const c of conns) if (c.token) recheck(c, "session re-check failed");
    }, limits.sessionRecheckMs);
    sessionChecker.unref();
    return () => {
      clearInterval(keepAlive);
      clearInterval(pinger);
      clearInterval(sessionChecker);
    };
  }

  return { open, send, close, isAttached: (c) => conns.has(c), onBusEvent, startTimers, all: () => [...conns], count: () => conns.size };
}
