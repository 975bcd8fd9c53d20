import * as decoding from "lib0/decoding";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { insertSectionUpdates, listSectionUpdatesAfter, reserveSeqs } from "../../db/queries/collab.js";
import type { BusEvent } from "../bus/bus.js";
import { isAppError } from "../errors.js";
import { FRAGMENT, docToText } from "./content.js";
import type { CollabLimits } from "./limits.js";
import { CATCH_UP, REMOTE, SERVER, clientConnOf, fromClient, originOf, routeOf } from "./origins.js";
import { MESSAGE_SYNC, SYNC_UPDATE, syncMessage } from "./protocol.js";
import { buildParts } from "./service.js";
import { CONSULTATION, SECTION, createTestDb, fakeConn, fakeSocket, recordingBus, testDeps, type TestDb } from "./test-support.js";

function appendUpdate(doc: Y.Doc, text: string): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(client);
  const t = (client.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  t.insert(t.length, text);
  return Y.encodeStateAsUpdate(client, before);
}

/** Lets the relay send what the current turn applied (sync.ts sends a turn's updates merged, once its work is done). */
const relayed = () => new Promise((resolve) => setImmediate(resolve));

/** The sync updates among the messages a fake socket was sent. */
function syncUpdates(sent: Uint8Array[]): Uint8Array[] {
  return sent.flatMap((m) => {
    const d = decoding.createDecoder(m);
    return decoding.readVarUint(d) === MESSAGE_SYNC && decoding.readVarUint(d) === SYNC_UPDATE ? [decoding.readVarUint8Array(d)] : [];
  });
}

const docUpdates = (events: BusEvent[]) => events.filter((e) => e.type === "doc.update");

describe("update origins", () => {
  it("are told apart by kind, and only this node's own are recognised", () => {
    const { conn } = fakeConn({ access: "read", user: null });
    expect(fromClient(conn)).toBe(fromClient(conn));
    expect(clientConnOf(fromClient(conn))).toBe(conn);
    expect(clientConnOf(REMOTE)).toBeNull();
    expect(originOf({ kind: "client", conn })).toBeNull();
    expect(originOf("remote")).toBeNull();
    expect(originOf(CATCH_UP)?.kind).toBe("catch-up");
    expect(routeOf(fromClient(conn))).toEqual({ share: true, fold: "local" });
    expect(routeOf(SERVER)).toEqual({ share: true, fold: "none" });
    expect(routeOf(REMOTE)).toEqual({ share: false, fold: "stand-in" });
    expect(routeOf(CATCH_UP)).toEqual({ share: false, fold: "none" });
  });
});

describe("each origin's route through a live document", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("Hello world");
  });
  afterEach(async () => {
    await t.drop();
  });

  async function setup(limits: Partial<CollabLimits> = {}) {
    const bus = recordingBus(true);
    const parts = buildParts(testDeps(t.db, bus, limits));
    const d = await parts.registry.acquire(SECTION, CONSULTATION);
    const writer = fakeSocket();
    const reader = fakeSocket();
    const w = parts.connections.open(writer.ws, { sectionId: SECTION, consultationId: CONSULTATION, user: t.user, sessionId: null, token: null, access: "write" });
    const r = parts.connections.open(reader.ws, { sectionId: SECTION, consultationId: CONSULTATION, user: null, sessionId: null, token: null, access: "read" });
    await parts.registry.acquire(SECTION, CONSULTATION);
    await new Promise((res) => setImmediate(res));
    expect(d.conns.size).toBe(2);
    return { bus, parts, d, w, r, writer, reader };
  }

  it("a client's update is stored first, then applied, sent to every connection and shared with other nodes", async () => {
    const { bus, parts, d, w, writer, reader } = await setup();
    const update = appendUpdate(d.doc, ", from a client");
    parts.sync.handle(w, d, syncMessage(SYNC_UPDATE, update));
    // Not durable yet: nobody sees it.
    expect(docToText(d.doc)).toBe("Hello world");
    expect(syncUpdates(reader.sent)).toEqual([]);
    await d.inflight.settled();
    await relayed();
    expect(docToText(d.doc)).toBe("Hello world, from a client");
    const rows = await listSectionUpdatesAfter(t.db.kysely, SECTION, 1);
    expect(rows.map((row) => [row.seq, row.user_id])).toEqual([[2, t.user.id]]);
    expect(syncUpdates(reader.sent).length).toBe(1);
    expect(syncUpdates(writer.sent).length).toBe(1);
    expect(docUpdates(bus.published)).toMatchObject([{ node: parts.nodeId, sectionId: SECTION, seq: 2 }]);
    expect(d.seq).toBe(2);
  });

  it("a group commit's batch is applied in one transaction: one change to the document and one message per socket, each update still stored and shared at its own position", async () => {
    const { bus, parts, d, w, writer, reader } = await setup();
    const transactions: number[] = [];
    // Transactions that changed the document (reading it opens an empty one).
    d.doc.on("afterTransaction", (tr: Y.Transaction) => {
      if ([...tr.afterState].some(([client, clock]) => tr.beforeState.get(client) !== clock)) transactions.push(1);
    });
    // Three keystrokes in one turn: the committer writes them in one batch.
    for (const words of [" one", " two", " three"]) parts.sync.handle(w, d, syncMessage(SYNC_UPDATE, appendUpdate(d.doc, words)));
    await d.inflight.settled();
    await relayed();
    const text = docToText(d.doc);
    for (const words of [" one", " two", " three"]) expect(text).toContain(words);
    expect(transactions).toHaveLength(1);
    expect(syncUpdates(reader.sent)).toHaveLength(1);
    expect(syncUpdates(writer.sent)).toHaveLength(1);
    const rows = await listSectionUpdatesAfter(t.db.kysely, SECTION, 1);
    expect(rows.map((row) => row.seq)).toEqual([2, 3, 4]);
    expect(docUpdates(bus.published).map((e) => e.type === "doc.update" && e.seq)).toEqual([2, 3, 4]);
    expect(d.seq).toBe(4);
  });

  it("a server edit and a client's update sent as it starts are applied in log order, arming no gap repair", async () => {
    // A commit window long enough for the two to meet in the committer.
    const { parts, d, w } = await setup({ groupCommitMs: 200 });
    parts.sync.handle(w, d, syncMessage(SYNC_UPDATE, appendUpdate(d.doc, " typed")));
    const edit = parts.edits.applyEdit({
      sectionId: SECTION,
      consultationId: CONSULTATION,
      author: t.user.id,
      credit: [],
      suggestionId: null,
      edit: (doc) => (((doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Accepted: ")),
    });
    const seq = await edit;
    expect(seq).toBe(3);
    // Applied in order: no position waited for an earlier one, so no gap repair was armed.
    expect(d.ahead.size).toBe(0);
    expect(d.gapTimer).toBeNull();
    expect(d.seq).toBe(3);
    expect(docToText(d.doc)).toBe("Accepted: Hello world typed");
  });

  it("a read-only connection's update is dropped: not stored, applied or shared", async () => {
    const { bus, parts, d, r } = await setup();
    parts.sync.handle(r, d, syncMessage(SYNC_UPDATE, appendUpdate(d.doc, "!")));
    await parts.committer.flush();
    await d.inflight.settled();
    expect(docToText(d.doc)).toBe("Hello world");
    expect(await listSectionUpdatesAfter(t.db.kysely, SECTION, 1)).toEqual([]);
    expect(docUpdates(bus.published)).toEqual([]);
  });

  it("another node's update is applied and sent to connections, in log order, but neither stored nor shared again", async () => {
    const { bus, parts, d, reader } = await setup();
    const first = appendUpdate(d.doc, " one");
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(d.doc));
    Y.applyUpdate(scratch, first);
    const second = appendUpdate(scratch, " two");
    const event = (seq: number, u: Uint8Array): Extract<BusEvent, { type: "doc.update" }> => ({ type: "doc.update", node: "another-node", sectionId: SECTION, seq, update: Buffer.from(u).toString("base64") });
    // The later position overtakes the earlier one on the bus.
    parts.replication.onBusEvent(event(3, second));
    expect(d.seq).toBe(1);
    expect([...d.ahead]).toEqual([3]);
    parts.replication.onBusEvent(event(2, first));
    expect(d.seq).toBe(3);
    expect(docToText(d.doc)).toBe("Hello world one two");
    await relayed();
    expect(syncUpdates(reader.sent).length).toBeGreaterThan(0);
    // This node's own messages coming back are ignored.
    parts.replication.onBusEvent({ ...event(4, appendUpdate(d.doc, " mine")), node: parts.nodeId });
    expect(d.seq).toBe(3);
    expect(bus.published).toEqual([]);
    expect(await listSectionUpdatesAfter(t.db.kysely, SECTION, 1)).toEqual([]);
  });

  it("an update caught up from the log is applied but not shared", async () => {
    const { bus, parts, d } = await setup();
    const update = appendUpdate(d.doc, " from the log");
    await insertSectionUpdates(t.db.kysely, [{ section_id: SECTION, seq: 2, user_id: t.user.id, created_at: new Date().toISOString(), data: update }]);
    await reserveSeqs(t.db.kysely, SECTION, 1);
    await parts.replication.catchUp(d);
    expect(docToText(d.doc)).toBe("Hello world from the log");
    expect(d.seq).toBe(2);
    expect(bus.published).toEqual([]);
  });

  it("a server edit is stored in a change set of its own and shared; one that changes nothing is a conflict", async () => {
    const { bus, parts, d, reader } = await setup();
    const seq = await parts.edits.applyEdit({
      sectionId: SECTION,
      consultationId: CONSULTATION,
      author: t.user.id,
      credit: [],
      suggestionId: null,
      edit: (doc) => ((doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Oh, "),
    });
    expect(seq).toBe(2);
    expect(docToText(d.doc)).toBe("Oh, Hello world");
    await relayed();
    expect(syncUpdates(reader.sent).length).toBe(1);
    expect(docUpdates(bus.published)).toMatchObject([{ node: parts.nodeId, seq: 2 }]);
    const sets = await t.db.kysely.selectFrom("change_set").select(["seq_from", "seq_to"]).where("section_id", "=", SECTION).orderBy("seq_from").execute();
    expect(sets.map((s) => [Number(s.seq_from), Number(s.seq_to)])).toEqual([
      [1, 1],
      [2, 2],
    ]);

    const nothing = await parts.edits.applyEdit({ sectionId: SECTION, consultationId: CONSULTATION, author: t.user.id, credit: [], suggestionId: null, edit: () => undefined }).catch((e: unknown) => e);
    expect(isAppError(nothing) && nothing.code).toBe("conflict");
    parts.startClosing();
    const closing = await parts.edits.applyEdit({ sectionId: SECTION, consultationId: CONSULTATION, author: t.user.id, credit: [], suggestionId: null, edit: () => undefined }).catch((e: unknown) => e);
    expect(isAppError(closing) && closing.code).toBe("unavailable");
  });
});

describe("the relay", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("Hello world");
  });
  afterEach(async () => {
    await t.drop();
  });

  it("sends the updates one turn applies as one merged message to each socket, which brings a reader to the same text", async () => {
    const parts = buildParts(testDeps(t.db, recordingBus(false)));
    const socket = fakeSocket();
    const d = await parts.registry.acquire(SECTION, CONSULTATION);
    parts.connections.open(socket.ws, { sectionId: SECTION, consultationId: CONSULTATION, user: null, sessionId: null, token: null, access: "read" });
    await parts.registry.acquire(SECTION, CONSULTATION);
    await relayed();
    expect(d.conns.size).toBe(1);
    const reader = new Y.Doc();
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(d.doc));
    const before = syncUpdates(socket.sent).length;
    // Three committed updates applied in one turn, as a group commit's batch is.
    let seq = d.seq;
    for (const words of [" one", " two", " three"]) parts.replication.applyCommitted(d, ++seq, appendUpdate(d.doc, words), REMOTE);
    await relayed();
    const sent = syncUpdates(socket.sent).slice(before);
    expect(sent).toHaveLength(1);
    Y.applyUpdate(reader, sent[0]!);
    expect(docToText(reader)).toBe("Hello world one two three");
  });
});
