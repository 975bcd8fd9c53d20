import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Db } from "../../db/client.js";
import { findChangeSetOfSuggestion, findLastChangeSet, listSectionUpdatesAfter } from "../../db/queries/collab.js";
import type { UserProfile } from "../../db/queries/user.js";
import { SESSION_COOKIE, readCookie, type SessionManager } from "../auth/sessions.js";
import type { Bus, BusEvent } from "../bus/bus.js";
import { requireSectionById } from "../auth/access.js";
import { AppError, isAppError } from "../errors.js";
import { newId } from "../ids.js";
import type { Logger } from "../logger.js";
import { docToHtml, docToText } from "./content.js";
import { foldSection } from "./fold.js";
import { presenceColour } from "./presence.js";
import { GroupCommitter } from "./group-commit.js";
import { CLOSE, PerAddressCount, TokenBucket, type CollabLimits } from "./limits.js";
import { loadSectionState } from "./persistence.js";
import { SchemaGuard } from "./schema-guard.js";
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  MalformedMessage,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  checkStateVector,
  checkUpdateV1,
  encodeAwarenessUpdate,
  readAwarenessUpdate,
} from "./protocol.js";

/** Doc names are section ids: 16 lower-case base32 characters. Anything else is refused. */
export const DOC_NAME = /^\/collab\/([a-z2-7]{16})$/;

export interface CollabDeps {
  db: Db;
  sessions: SessionManager;
  bus: Bus;
  limits: CollabLimits;
  logger: Logger;
  /** This site's origin for a request, for the Origin check at upgrade. */
  siteOrigin: (req: IncomingMessage) => string;
  /** The client's address (the socket's, or the trusted proxy's X-Forwarded-For), for the per-address cap. */
  clientIp: (req: IncomingMessage) => string;
}

export interface SectionSnapshot {
  html: string;
  text: string;
  seq: number;
}

export interface CollabService {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** The section's current content: from the live document if loaded, else from storage. */
  readSection(sectionId: string): Promise<SectionSnapshot>;
  /**
   * Makes an edit on the server (an accepted suggestion): the change `edit`
   * makes to a copy of the current document is logged as `author`'s update,
   * in a change set of its own crediting `credit` too, then broadcast.
   * Returns the update's sequence number.
   */
  applyEdit(sectionId: string, consultationId: string, author: string, credit: string[], suggestionId: string | null, edit: (doc: Y.Doc) => void): Promise<number>;
  /** Runs `read` on the section's current document (live or loaded from storage); it must not modify it. */
  withDocument<T>(sectionId: string, read: (doc: Y.Doc, seq: number) => T): Promise<T>;
  /** Closes the section's open change set, if any, and waits until it is stored (before a version or an opening). */
  settle(sectionId: string): Promise<void>;
  stats(): { docs: number; connections: number };
  /** Commits everything accepted so far (tests and shutdown). */
  flush(): Promise<void>;
  /** Closes every socket with 1001, writes what is pending and unloads every document. */
  close(): Promise<void>;
}

type Access = "none" | "read" | "write";

interface LoadedDoc {
  sectionId: string;
  consultationId: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Set<Conn>;
  /** The highest log position up to which every update is applied. */
  seq: number;
  /** Positions applied out of order (another node's update overtook a gap). */
  ahead: Set<number>;
  gapTimer: NodeJS.Timeout | null;
  /** Updates applied since the last fold was scheduled or run. */
  unfolded: number;
  foldTimer: NodeJS.Timeout | null;
  /** Commits of accepted updates not yet applied. */
  inflight: Promise<void>;
  failed: boolean;
  /** Checks drafters' updates against the editor's schema; made at the first update. */
  guard: SchemaGuard | null;
}

interface DocEntry {
  ready: Promise<LoadedDoc>;
  loaded: LoadedDoc | null;
  unloading: Promise<void> | null;
}

interface Conn {
  id: string;
  ws: WebSocket;
  user: UserProfile | null;
  sessionId: string | null;
  token: string | null;
  sectionId: string;
  consultationId: string;
  writable: boolean;
  doc: LoadedDoc | null;
  clientId: number | null;
  messages: TokenBucket;
  awarenessBucket: TokenBucket;
  pendingAwareness: Uint8Array | null;
  awarenessTimer: NodeJS.Timeout | null;
  alive: boolean;
  chain: Promise<void>;
  closed: boolean;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function syncMessage(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

function awarenessMessage(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable" };

function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${status === 503 || status === 429 ? "Retry-After: 5\r\n" : ""}\r\n${body}`,
  );
  socket.destroy();
}

/**
 * The collaboration server: the y-websocket protocol on `ws`, with access
 * decided at the upgrade, read-only connections, server-stamped presence,
 * and every accepted update committed to the log before anyone sees it.
 */
export function createCollabService(deps: CollabDeps): CollabService {
  const { db, sessions, bus, limits, logger } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });
  const committer = new GroupCommitter(db, limits.groupCommitMs, limits.groupCommitMaxRows);
  const docs = new Map<string, DocEntry>();
  const conns = new Set<Conn>();
  const perAddress = new PerAddressCount(limits.maxConnectionsPerIp);
  /** Tells this node's messages on a shared bus from other nodes'. */
  const nodeId = newId();
  let closing = false;

  async function decideAccess(sectionId: string, user: UserProfile | null): Promise<{ access: Access; consultationId: string | null }> {
    try {
      const { view, section } = await requireSectionById(db, sectionId, user);
      return { access: view.may("section.edit") ? "write" : "read", consultationId: section.consultation_id };
    } catch (e) {
      if (isAppError(e) && e.code === "not_found") return { access: "none", consultationId: null };
      throw e;
    }
  }

  // ---- documents -------------------------------------------------------

  async function loadDoc(sectionId: string, consultationId: string): Promise<LoadedDoc> {
    const state = await loadSectionState(db, sectionId);
    const doc = state.doc;
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const d: LoadedDoc = {
      sectionId,
      consultationId,
      doc,
      awareness,
      conns: new Set(),
      seq: state.seq,
      ahead: new Set(),
      gapTimer: null,
      unfolded: 0,
      foldTimer: null,
      inflight: Promise.resolve(),
      failed: false,
      guard: null,
    };
    // Whatever a crash (of this node or another) left unfolded goes into the history before anyone edits.
    const last = await findLastChangeSet(db.kysely, sectionId);
    if (state.seq > (last?.seq_to ?? 0)) await foldNow(sectionId);

    doc.on("update", (update: Uint8Array) => {
      // To every socket, the sender included: when Yjs integrates held-back structs
      // along with this update, the event carries more than the sender sent.
      const msg = syncMessage(SYNC_UPDATE, update);
      for (const c of d.conns) send(c, msg);
    });
    awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (changed.length === 0) return;
      const payload = awarenessProtocol.encodeAwarenessUpdate(awareness, changed);
      const msg = awarenessMessage(payload);
      for (const c of d.conns) if (c !== origin) send(c, msg);
      // Presence of this node's own connections goes to the other nodes.
      if (bus.shared && typeof origin === "object" && origin !== null && conns.has(origin as Conn)) {
        bus.publish({ type: "doc.awareness", node: nodeId, sectionId, payload: Buffer.from(payload).toString("base64") });
      }
    });
    return d;
  }

  async function acquireDoc(sectionId: string, consultationId: string): Promise<LoadedDoc> {
    for (;;) {
      const existing = docs.get(sectionId);
      if (existing?.unloading) {
        await existing.unloading;
        continue;
      }
      if (existing) return existing.ready;
      const entry: DocEntry = { ready: loadDoc(sectionId, consultationId), loaded: null, unloading: null };
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

  /** Flushes and drops a document once its last connection has gone. */
  function scheduleUnload(d: LoadedDoc): void {
    const entry = docs.get(d.sectionId);
    if (!entry || entry.loaded !== d || entry.unloading || d.conns.size > 0) return;
    entry.unloading = (async () => {
      try {
        await committer.flush();
        await d.inflight;
        if (d.foldTimer) clearTimeout(d.foldTimer);
        if (d.gapTimer) clearTimeout(d.gapTimer);
        await foldNow(d.sectionId);
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

  function failDoc(d: LoadedDoc, e: unknown): void {
    if (d.failed) return;
    d.failed = true;
    logger.error("could not store an update; closing the document's connections", { sectionId: d.sectionId, error: e });
    for (const c of [...d.conns]) closeConn(c, CLOSE.unavailable, "storage unavailable; reconnect to continue");
  }

  // ---- the log, other nodes and change sets ---------------------------------

  /**
   * Applies a committed update at its log position. Updates may arrive out of
   * order from other nodes (Yjs does not mind); a position still missing after
   * `gapRepairMs` is read from the database, which stays the source of truth.
   */
  function integrate(d: LoadedDoc, seq: number, update: Uint8Array, origin: unknown): void {
    if (seq <= d.seq || d.ahead.has(seq)) return;
    Y.applyUpdate(d.doc, update, origin);
    if (seq === d.seq + 1) {
      d.seq = seq;
      while (d.ahead.delete(d.seq + 1)) d.seq += 1;
    } else {
      d.ahead.add(seq);
      scheduleGapRepair(d);
    }
  }

  function scheduleGapRepair(d: LoadedDoc): void {
    if (d.gapTimer) return;
    d.gapTimer = setTimeout(() => {
      d.gapTimer = null;
      if (d.ahead.size > 0) catchUp(d).catch((e) => logger.warn("could not repair a gap in the log", { sectionId: d.sectionId, error: e }));
    }, limits.gapRepairMs);
    d.gapTimer.unref();
  }

  /** Reads every update after the last contiguous position from the database. */
  async function catchUp(d: LoadedDoc): Promise<void> {
    const rows = await listSectionUpdatesAfter(db.kysely, d.sectionId, d.seq);
    for (const r of rows) integrate(d, r.seq, r.data, "catch-up");
    if (d.ahead.size > 0) scheduleGapRepair(d);
  }

  /** Tells the other nodes about a committed update (only when the bus crosses processes). */
  function share(d: LoadedDoc, seq: number, update: Uint8Array): void {
    if (bus.shared) bus.publish({ type: "doc.update", node: nodeId, sectionId: d.sectionId, seq, update: Buffer.from(update).toString("base64") });
  }

  const folds = new Map<string, Promise<void>>();

  /** Folds the section's unfolded log into change sets now (after any fold already running). */
  function foldNow(sectionId: string): Promise<void> {
    const d = docs.get(sectionId)?.loaded;
    if (d) {
      d.unfolded = 0;
      if (d.foldTimer) clearTimeout(d.foldTimer);
      d.foldTimer = null;
    }
    const next = (folds.get(sectionId) ?? Promise.resolve())
      .then(() => foldSection(db, sectionId, { maxUpdates: limits.changeSetMaxUpdates, checkpointEvery: limits.checkpointEvery }))
      .then(
        ({ decided }) => {
          // A suggestion decided by this fold changes the discussion its readers see.
          if (decided > 0) bus.publish({ type: "section.activity", sectionId });
        },
        (e) => logger.error("could not write change sets", { sectionId, error: e }),
      );
    folds.set(sectionId, next);
    next.finally(() => {
      if (folds.get(sectionId) === next) folds.delete(sectionId);
    });
    return next;
  }

  /**
   * An author's change set closes after `changeSetIdleMs` without edits. The
   * node that accepted the edit folds; the others keep a later timer as a
   * stand-in, in case that node dies first.
   */
  function noteChange(d: LoadedDoc, local: boolean): void {
    d.unfolded += 1;
    if (d.unfolded >= limits.changeSetMaxUpdates) {
      void foldNow(d.sectionId);
      return;
    }
    const delay = local ? limits.changeSetIdleMs : limits.changeSetIdleMs * 3;
    if (d.foldTimer) clearTimeout(d.foldTimer);
    d.foldTimer = setTimeout(() => {
      d.foldTimer = null;
      void foldNow(d.sectionId);
    }, delay);
    d.foldTimer.unref();
  }

  // ---- connections ------------------------------------------------------

  function send(c: Conn, msg: Uint8Array): void {
    if (c.closed || c.ws.readyState !== c.ws.OPEN) return;
    if (c.ws.bufferedAmount > limits.maxBufferedBytes) {
      closeConn(c, CLOSE.tooSlow, "the connection is not keeping up");
      return;
    }
    c.ws.send(msg);
  }

  function closeConn(c: Conn, code: number, reason: string): void {
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
    if (c.clientId !== null) awarenessProtocol.removeAwarenessStates(d.awareness, [c.clientId], c);
    scheduleUnload(d);
  }

  function acceptUpdate(c: Conn, d: LoadedDoc, update: Uint8Array): void {
    if (update.length <= 2 && update.every((b) => b === 0)) return;
    checkUpdateV1(update);
    if (d.failed) return;
    if (!fitsEditor(c, d, update)) return;
    const committed = committer.append({ section_id: d.sectionId, user_id: c.user!.id, created_at: new Date().toISOString(), data: update });
    d.inflight = committed.then(
      (seq) => {
        d.guard?.applied(update);
        if (d.failed) return;
        // Durable now: only from here on may anyone else see it.
        integrate(d, seq, update, c);
        share(d, seq, update);
        noteChange(d, true);
      },
      (e) => {
        d.guard?.applied(update);
        failDoc(d, e);
      },
    );
  }

  /**
   * A standard Yjs client can write what the editor cannot show (a table, an
   * image, a plain Y.Text), which would break the section for everyone: such
   * an update is refused before it is stored, and its socket closed.
   */
  function fitsEditor(c: Conn, d: LoadedDoc, update: Uint8Array): boolean {
    d.guard ??= new SchemaGuard(d.doc);
    const problem = d.guard.check(update);
    if (problem === null) return true;
    logger.warn("refused an update the editor cannot show", { sectionId: d.sectionId, userId: c.user?.id ?? null, problem });
    closeConn(c, CLOSE.unsupportedContent, `unsupported content: ${problem}`.replace(/[^\x20-\x7e]/g, "?").slice(0, 120));
    return false;
  }

  function identity(user: UserProfile) {
    return { id: user.id, name: user.display_name, color: presenceColour(user.id), group: user.stakeholder_group };
  }

  function applyAwareness(c: Conn, d: LoadedDoc, payload: Uint8Array): void {
    const entries = readAwarenessUpdate(payload);
    // The stock client echoes other clients' states back; only its own entry counts.
    // Its first message carries just its own state, which binds its client id.
    if (c.clientId === null) {
      if (entries.length !== 1 || entries[0]!.state === null) return;
      const claimed = entries[0]!.clientId;
      for (const other of d.conns) {
        if (other !== c && other.clientId === claimed) {
          closeConn(c, CLOSE.forbidden, "that client id belongs to another connection");
          return;
        }
      }
      c.clientId = claimed;
    }
    const own = entries.find((e) => e.clientId === c.clientId);
    if (!own) return;
    if (own.bytes > limits.maxAwarenessBytes) {
      closeConn(c, CLOSE.tooLarge, "presence state too large");
      return;
    }
    // The server decides who you are; the client only says where its cursor is.
    const state = own.state === null ? null : { user: identity(c.user!), cursor: c.writable ? (own.state.cursor ?? null) : null, readOnly: !c.writable };
    awarenessProtocol.applyAwarenessUpdate(d.awareness, encodeAwarenessUpdate([{ clientId: own.clientId, clock: own.clock, state }]), c);
  }

  function handleAwareness(c: Conn, d: LoadedDoc, payload: Uint8Array): void {
    if (!c.user) return;
    if (c.awarenessBucket.take()) {
      applyAwareness(c, d, payload);
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
            handleAwareness(c, d, pending);
          } catch (e) {
            closeConn(c, CLOSE.badMessage, e instanceof Error ? e.message : "bad presence");
          }
        }
      }, Math.ceil(1000 / limits.awarenessPerSecond));
    }
  }

  function handleMessage(c: Conn, d: LoadedDoc, bytes: Uint8Array): void {
    if (bytes.length === 0) throw new MalformedMessage("empty message");
    try {
      dispatch(c, d, bytes);
    } catch (e) {
      // lib0's decoders throw plain Errors on truncated input: that is the sender's fault, not ours.
      if (e instanceof Error && /Unexpected end of array|Integer out of Range/i.test(e.message)) throw new MalformedMessage(e.message);
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
        handleAwareness(c, d, payload);
        return;
      }
      case MESSAGE_QUERY_AWARENESS: {
        const ids = [...d.awareness.getStates().keys()];
        if (ids.length > 0) send(c, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(d.awareness, ids)));
        return;
      }
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  }

  function onConnection(ws: WebSocket, sectionId: string, consultationId: string, user: UserProfile | null, sessionId: string | null, token: string | null, writable: boolean): void {
    const c: Conn = {
      id: newId(),
      ws,
      user,
      sessionId,
      token,
      sectionId,
      consultationId,
      writable,
      doc: null,
      clientId: null,
      messages: new TokenBucket(limits.messagesPerSecond, limits.messageBurst),
      awarenessBucket: new TokenBucket(limits.awarenessPerSecond, limits.awarenessPerSecond),
      pendingAwareness: null,
      awarenessTimer: null,
      alive: true,
      chain: Promise.resolve(),
      closed: false,
    };
    conns.add(c);
    logger.debug("collab connection", { sectionId, userId: user?.id ?? null, writable });
    ws.on("pong", () => (c.alive = true));
    ws.on("close", () => detach(c));
    ws.on("error", (e) => {
      logger.debug("socket error", { error: e });
      closeConn(c, CLOSE.badMessage, "socket error");
    });

    const ready = acquireDoc(sectionId, consultationId).then((d) => {
      if (c.closed) {
        scheduleUnload(d);
        return d;
      }
      c.doc = d;
      d.conns.add(c);
      send(c, syncMessage(SYNC_STEP1, Y.encodeStateVector(d.doc)));
      const ids = [...d.awareness.getStates().keys()];
      if (ids.length > 0) send(c, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(d.awareness, ids)));
      return d;
    });
    ready.catch(() => closeConn(c, CLOSE.unavailable, "the document could not be loaded"));

    ws.on("message", (data, isBinary) => {
      if (c.closed) return;
      if (!isBinary) return closeConn(c, CLOSE.badMessage, "text frames are not part of the protocol");
      if (!c.messages.take()) return closeConn(c, CLOSE.rateLimited, "too many messages");
      const bytes = toBytes(data);
      // Messages that arrive while the document loads wait here, in order.
      c.chain = c.chain.then(async () => {
        const d = await ready;
        if (c.closed) return;
        try {
          handleMessage(c, d, bytes);
        } catch (e) {
          if (e instanceof MalformedMessage) closeConn(c, CLOSE.badMessage, e.message.slice(0, 120));
          else {
            logger.error("collab message failed", { sectionId, error: e });
            closeConn(c, CLOSE.internal, "internal error");
          }
        }
      }, () => undefined);
    });
  }

  // ---- upgrade ------------------------------------------------------------

  /**
   * Counts the socket against its address's cap from the upgrade on (so
   * upgrades still being decided count too) until the TCP socket closes,
   * whichever way it ends.
   */
  function admitAddress(req: IncomingMessage, socket: Duplex): boolean {
    const address = deps.clientIp(req);
    if (!perAddress.tryAcquire(address)) return false;
    socket.once("close", () => perAddress.release(address));
    return true;
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    if (closing) return refuse(socket, 503, "The server is shutting down.");
    if (!admitAddress(req, socket)) return refuse(socket, 429, "Too many connections from your address. Close some tabs and try again.");
    const url = new URL(req.url ?? "/", "http://placeholder");
    const m = DOC_NAME.exec(url.pathname);
    if (!m) return refuse(socket, 404, "No such document.");
    if (url.search) return refuse(socket, 400, "Credentials and options do not belong in the URL.");
    const origin = req.headers.origin;
    if (!origin || origin !== deps.siteOrigin(req)) return refuse(socket, 403, "This connection did not come from this site.");
    const sectionId = m[1]!;
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    (async () => {
      const auth = token ? await sessions.validate(token) : null;
      const { access, consultationId } = await decideAccess(sectionId, auth?.user ?? null);
      if (access === "none" || !consultationId) return refuse(socket, 404, "No such document.");
      if (closing) return refuse(socket, 503, "The server is shutting down.");
      wss.handleUpgrade(req, socket, head, (ws) => {
        onConnection(ws, sectionId, consultationId, auth?.user ?? null, auth?.session.id ?? null, auth ? token : null, access === "write");
      });
    })().catch((e) => {
      logger.error("upgrade failed", { error: e });
      refuse(socket, 503, "The document is not available right now.");
    });
  }

  // ---- access changes, keepalive ----------------------------------------------

  async function recheck(c: Conn): Promise<void> {
    const auth = c.token ? await sessions.validate(c.token) : null;
    if (c.token && !auth) return closeConn(c, CLOSE.unauthenticated, "session ended");
    const { access } = await decideAccess(c.sectionId, auth?.user ?? null);
    if (access === "none") return closeConn(c, CLOSE.forbidden, "access withdrawn");
    if ((access === "write") !== c.writable) closeConn(c, CLOSE.accessChanged, "access changed; reconnect");
  }

  function onBusEvent(event: BusEvent): void {
    if (event.type === "doc.update" || event.type === "doc.awareness") {
      if (event.node === nodeId) return;
      const entry = docs.get(event.sectionId);
      const d = entry?.loaded;
      if (!d || entry.unloading || d.failed) return;
      const bytes = new Uint8Array(Buffer.from(event.type === "doc.update" ? event.update : event.payload, "base64"));
      if (event.type === "doc.update") {
        integrate(d, event.seq, bytes, "remote");
        noteChange(d, false);
      } else {
        awarenessProtocol.applyAwarenessUpdate(d.awareness, bytes, "remote");
      }
      return;
    }
    if (event.type === "bus.resync") {
      // Messages may have been lost while the bus was away: the log has them all.
      for (const entry of docs.values()) {
        if (entry.loaded && !entry.unloading) catchUp(entry.loaded).catch((e) => logger.warn("catch-up after the bus came back failed", { error: e }));
      }
      return;
    }
    logger.debug("bus event", { event, connections: conns.size });
    for (const c of [...conns]) {
      if (event.type === "session.revoked" && c.sessionId === event.sessionId) closeConn(c, CLOSE.unauthenticated, "signed out");
      else if (event.type === "user.sessions.revoked" && c.user?.id === event.userId) closeConn(c, CLOSE.unauthenticated, "signed out");
      else if (event.type === "consultation.changed" && c.consultationId === event.consultationId) {
        recheck(c).catch((e) => logger.warn("access re-check failed", { error: e }));
      }
    }
  }
  const unsubscribe = bus.subscribe(onBusEvent);

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

  const sessionChecker = setInterval(() => {
    for (const c of conns) if (c.token) recheck(c).catch((e) => logger.warn("session re-check failed", { error: e }));
  }, limits.sessionRecheckMs);
  sessionChecker.unref();

  async function applyEdit(sectionId: string, consultationId: string, author: string, credit: string[], suggestionId: string | null, edit: (doc: Y.Doc) => void): Promise<number> {
    if (closing) throw new Error("server shutting down");
    const d = await acquireDoc(sectionId, consultationId);
    try {
      await d.inflight;
      // Everything another node committed must be here before the edit is computed against it.
      await catchUp(d);
      if (d.failed) throw new Error("document unavailable");
      const scratch = new Y.Doc({ gc: false });
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(d.doc));
      const parts: Uint8Array[] = [];
      scratch.on("update", (u: Uint8Array) => parts.push(u));
      try {
        scratch.transact(() => edit(scratch));
      } finally {
        scratch.destroy();
      }
      if (parts.length === 0) throw new Error("the edit changed nothing");
      const update = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
      const seq = await committer.append({
        section_id: sectionId,
        user_id: author,
        created_at: new Date().toISOString(),
        data: update,
        suggestion_id: suggestionId,
        credit: credit.length > 0 ? JSON.stringify(credit) : null,
      });
      integrate(d, seq, update, "server");
      share(d, seq, update);
      // Its own change set (the fold splits on the suggestion), written before this returns.
      await foldNow(sectionId);
      if (suggestionId && !(await findChangeSetOfSuggestion(db.kysely, suggestionId))) {
        // The edit is in the log; the next fold records it with its decision.
        throw new AppError("unavailable", "The change was saved but could not be recorded yet. Please try again shortly.", { retryAfterSeconds: 5 });
      }
      return seq;
    } finally {
      if (d.conns.size === 0) scheduleUnload(d);
    }
  }

  async function withDocument<T>(sectionId: string, read: (doc: Y.Doc, seq: number) => T): Promise<T> {
    const entry = docs.get(sectionId);
    if (entry?.loaded && !entry.unloading) return read(entry.loaded.doc, entry.loaded.seq);
    const state = await loadSectionState(db, sectionId);
    try {
      return read(state.doc, state.seq);
    } finally {
      state.doc.destroy();
    }
  }

  return {
    handleUpgrade,

    readSection(sectionId) {
      return withDocument(sectionId, (doc, seq) => ({ html: docToHtml(doc), text: docToText(doc), seq }));
    },

    withDocument,
    applyEdit,

    async settle(sectionId) {
      await committer.flush();
      const d = docs.get(sectionId)?.loaded;
      if (d) await d.inflight;
      // From the database: this works whichever node the edits arrived on.
      await foldNow(sectionId);
    },

    stats() {
      return { docs: docs.size, connections: conns.size };
    },

    async flush() {
      await committer.flush();
      for (const entry of docs.values()) if (entry.loaded) await entry.loaded.inflight;
      await Promise.all([...folds.values()]);
    },

    async close() {
      closing = true;
      clearInterval(pinger);
      clearInterval(sessionChecker);
      unsubscribe();
      for (const c of [...conns]) closeConn(c, CLOSE.goingAway, "server shutting down");
      await committer.flush();
      await Promise.all([...docs.values()].map((e) => e.unloading ?? Promise.resolve()));
      wss.close();
    },
  };
}
