import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { JSONContent } from "@tiptap/core";
import * as Y from "yjs";
import type { Db } from "../../db/client.js";
import type { SessionManager } from "../auth/sessions.js";
import type { Bus } from "../bus/bus.js";
import { newId } from "../ids.js";
import type { Logger } from "../logger.js";
import { recheckAccess } from "./access.js";
import type { MailService } from "../mail/index.js";
import { createChangeSets } from "./change-sets.js";
import { createFoldRunner } from "./fold-runner.js";
import { createConnections } from "./connection.js";
import { docToJson, jsonToHtml } from "./content.js";
import { GroupCommitter, LogClosedError, type CommitStats } from "./group-commit.js";
import { CLOSE, PerAddressCount, type CollabLimits } from "./limits.js";
import { relayPresence, createPresence } from "./presence.js";
import { createRegistry, loadDocument } from "./registry.js";
import { createReplication } from "./replication.js";
import { createReadCache } from "./read-cache.js";
import { createServerEdits, type ServerEdit } from "./server-edits.js";
import { createSync } from "./sync.js";
import { createTextEvents, type TextEvents } from "./text-events.js";
import { docText } from "../../common/text-blocks.js";
import { createUpgradeHandler } from "./upgrade.js";
import { PUBLIC } from "./origins.js";
import { listWorkingAfter, loadWorkingDocument, NO_CHANGE_SETS, publishWorkingCopy, WORKING_LOG } from "./working-copy.js";
import type { LoadedDoc } from "./state.js";

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
  /** Notifies the author of a suggestion that a fold applied; absent, no one is notified. */
  mail?: MailService;
}

export interface SectionSnapshot {
  html: string;
  /** The content as ProseMirror JSON fitted to the schema (docToJson): what the reader view renders. */
  json: JSONContent;
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
   * Returns the update's sequence number. Throws AppError "unavailable" while
   * shutting down or when the document cannot store, "conflict" when the edit
   * changes nothing.
   */
  applyEdit(edit: ServerEdit): Promise<number>;
  /** Runs `read` on the section's current document (live or loaded from storage); it must not modify it. */
  withDocument<T>(sectionId: string, read: (doc: Y.Doc, seq: number) => T): Promise<T>;
  /**
   * Publishes the section's working copy (ADR 026): its unpublished updates
   * move to the public log with their authors and are folded into change
   * sets, the publication recorded in the ledger as `publisherId`'s. Returns how many updates were published.
   */
  publish(sectionId: string, consultationId: string, publisherId: string | null): Promise<number>;
  /** Closes the section's open change set, if any, and waits until it is stored (before a version or an opening). */
  settle(sectionId: string): Promise<void>;
  /** Loaded documents and open sockets (both logs), and how long the public log's latest commits took. */
  stats(): { docs: number; connections: number; commits: CommitStats };
  /** Commits everything accepted so far (tests and shutdown). */
  flush(): Promise<void>;
  /** Closes every socket with 1001, writes what is pending and unloads every document. */
  close(): Promise<void>;
}

/**
 * The parts that serve one kind of document: the public ones (the default), or
 * the team-only working copies (ADR 026), which keep their own log, are never
 * folded, and mark their bus events.
 */
function buildCopy(deps: CollabDeps, nodeId: string, copy: "public" | "working") {
  const { db, sessions, bus, limits, logger } = deps;
  const working = copy === "working";
  const committer = new GroupCommitter(db, limits.groupCommitMs, limits.groupCommitMaxRows, ...(working ? [WORKING_LOG] : []));
  const folds = working ? null : createFoldRunner(logger, limits.foldWorkerMinBytes);
  const changeSets = folds ? createChangeSets({ db, bus, limits, logger, compute: folds.compute, ...(deps.mail ? { mail: deps.mail } : {}) }) : NO_CHANGE_SETS;
  /** Called with every change to a loaded public document (to mirror it into the working copy). */
  let onPublicUpdate: (sectionId: string, update: Uint8Array) => void = () => undefined;
  // The parts below call each other both ways (a connection's last detach unloads its
  // document; a failed document closes its connections), so some are reached late, by name.
  const registry = createRegistry({
    logger,
    load: async (sectionId, consultationId) => {
      const d = working ? await loadWorkingDocument(db, sectionId, consultationId) : await loadDocument(db, sectionId, consultationId, changeSets.foldNow);
      sync.relayUpdates(d);
      relayPresence(d, { bus, nodeId, limits, send: connections.send, isAttached: connections.isAttached, ...(working ? { copy: "working" as const } : {}) });
      if (!working) d.doc.on("update", (update: Uint8Array) => onPublicUpdate(sectionId, update));
      return d;
    },
    async flushBeforeUnload(d) {
      await committer.flush();
      await d.inflight.settled();
      if (d.gapTimer) clearTimeout(d.gapTimer);
      await changeSets.foldNow(d.sectionId);
    },
    onFail(d, e) {
      // A working copy closed by "back to live" or "final": the latest typing was refused, not lost in silence.
      const [code, reason] =
        e instanceof LogClosedError ? [CLOSE.workingCopyClosed, "the working copy is closed; the last edit was not saved"] : [CLOSE.unavailable, "storage unavailable; reconnect to continue"];
      for (const c of [...d.conns]) connections.close(c, code, reason);
    },
  });
  // Readers hear of public text only: a working copy's typing is the team's (ADR 026, ADR 027).
  const textEvents: TextEvents = working ? NO_TEXT_EVENTS : createTextEvents(bus, limits.textEventMs);
  const replication = createReplication({
    db,
    bus,
    nodeId,
    limits,
    logger,
    changeSets,
    registry,
    textEvents,
    ...(working ? { copy: "working" as const, listAfter: listWorkingAfter } : {}),
  });
  const presence = createPresence({ limits, close: (c, code, reason) => connections.close(c, code, reason) });
  const sync = createSync({
    logger,
    committer,
    registry,
    replication,
    presence,
    send: (c, msg) => connections.send(c, msg),
    close: (c, code, reason) => connections.close(c, code, reason),
  });
  const connections = createConnections({
    limits,
    logger,
    registry,
    handle: sync.handle,
    greet: sync.greet,
    recheck: (c) => recheckAccess({ db, sessions }, c),
    release: presence.release,
  });
  return {
    committer,
    changeSets,
    folds,
    textEvents,
    registry,
    replication,
    presence,
    sync,
    connections,
    onPublicUpdate: (f: typeof onPublicUpdate) => void (onPublicUpdate = f),
  };
}

/** The parts, wired to each other; the service and the unit tests build them the same way. */
export function buildParts(deps: CollabDeps) {
  const { db, sessions, limits, logger } = deps;
  /** Tells this node's messages on a shared bus from other nodes'. */
  const nodeId = newId();
  let closing = false;
  const parts = buildCopy(deps, nodeId, "public");
  const working = buildCopy(deps, nodeId, "working");
  // Every change to a public document reaches its working copy, if loaded here, so the two never diverge.
  parts.onPublicUpdate((sectionId, update) => mirrorPublic(working.registry.live(sectionId), update));
  const { committer, registry, replication, changeSets } = parts;
  const readCache = createReadCache(db, limits.readCacheBytes, limits.checkpointEvery);
  const edits = createServerEdits({ db, committer, registry, replication, changeSets, applyDurable: parts.sync.applyDurable, readCache, isClosing: () => closing });
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });
  const handleUpgrade = createUpgradeHandler({
    db,
    sessions,
    wss,
    logger,
    perAddress: new PerAddressCount(limits.maxConnectionsPerIp),
    siteOrigin: deps.siteOrigin,
    clientIp: deps.clientIp,
    isClosing: () => closing,
    onConnection: (ws, who) => void (who.working ? working.connections.open(ws, who) : parts.connections.open(ws, who)),
  });

  return {
    ...parts,
    nodeId,
    working,
    edits,
    readCache,
    wss,
    handleUpgrade,
    publish: (sectionId: string, consultationId: string, publisherId: string | null) =>
      publishWorkingCopy({ db, public: parts, working }, sectionId, consultationId, publisherId),
    isClosing: () => closing,
    startClosing: () => void (closing = true),
  };
}

const NO_TEXT_EVENTS: TextEvents = { changed: () => undefined, close: () => undefined };

/** Applies a public document's update to its working copy (a no-op for what the copy has already). */
function mirrorPublic(d: LoadedDoc | null, update: Uint8Array): void {
  if (d && !d.failed) Y.applyUpdate(d.doc, update, PUBLIC);
}

/**
 * The collaboration server: the y-websocket protocol on `ws`, with access
 * decided at the upgrade, read-only connections, server-stamped presence,
 * and every accepted update committed to the log before anyone sees it.
 * See ADR 011 for its parts.
 */
export function createCollabService(deps: CollabDeps): CollabService {
  const parts = buildParts(deps);
  const { committer, changeSets, registry, replication, connections, edits, readCache, working, textEvents } = parts;
  const unsubscribe = deps.bus.subscribe((event) => {
    if (event.type === "bus.resync") {
      replication.onBusEvent(event);
      working.replication.onBusEvent(event);
      return;
    }
    // Another node's public update reaches this node's working copy even when the public document is not loaded
    // here (when it is, its own update handler mirrors it); decoded only when there is a copy to apply it to.
    if (event.type === "doc.update" && !event.copy && event.node !== parts.nodeId && !registry.live(event.sectionId)) {
      const copy = working.registry.live(event.sectionId);
      if (copy) mirrorPublic(copy, new Uint8Array(Buffer.from(event.update, "base64")));
    }
    if (replication.onBusEvent(event) || working.replication.onBusEvent(event)) return;
    connections.onBusEvent(event);
    working.connections.onBusEvent(event);
  });
  const stopTimers = connections.startTimers();
  const stopWorkingTimers = working.connections.startTimers();

  return {
    handleUpgrade: parts.handleUpgrade,

    readSection(sectionId) {
      return edits.withDocument(sectionId, (doc, seq) => {
        const json = docToJson(doc);
        return { html: jsonToHtml(json), json, text: docText(json), seq };
      });
    },

    withDocument: edits.withDocument,
    applyEdit: edits.applyEdit,
    publish: parts.publish,

    async settle(sectionId) {
      await committer.flush();
      await registry.loaded(sectionId)?.inflight.settled();
      // From the database: this works whichever node the edits arrived on.
      await changeSets.foldNow(sectionId);
    },

    stats() {
      return { docs: registry.size() + working.registry.size(), connections: connections.count() + working.connections.count(), commits: committer.stats() };
    },

    async flush() {
      await committer.flush();
      await working.committer.flush();
      for (const d of [...registry.loadedDocs(), ...working.registry.loadedDocs()]) await d.inflight.settled();
      await changeSets.idle();
    },

    async close() {
      parts.startClosing();
      stopTimers();
      stopWorkingTimers();
      textEvents.close();
      unsubscribe();
      for (const c of connections.all()) connections.close(c, CLOSE.goingAway, "server shutting down");
      for (const c of working.connections.all()) working.connections.close(c, CLOSE.goingAway, "server shutting down");
      await committer.flush();
      await working.committer.flush();
      await registry.unloaded();
      await working.registry.unloaded();
      await changeSets.idle();
      await parts.folds?.close();
      readCache.clear();
      parts.wss.close();
    },
  };
}
