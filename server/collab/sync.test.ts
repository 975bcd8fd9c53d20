import * as decoding from "lib0/decoding";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { listSectionUpdatesAfter } from "../../db/queries/collab.js";
import { newConn } from "./connection.js";
import { CLOSE, DEFAULT_COLLAB_LIMITS } from "./limits.js";
import { MESSAGE_SYNC, MalformedMessage, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE, syncMessage } from "./protocol.js";
import { buildParts } from "./service.js";
import { CONSULTATION, SECTION, createTestDb, fakeSocket, recordingBus, testDeps, type TestDb } from "./test-support.js";

function kinds(sent: Uint8Array[]): string[] {
  return sent.map((m) => {
    const d = decoding.createDecoder(m);
    const type = decoding.readVarUint(d);
    return type === MESSAGE_SYNC ? `sync${decoding.readVarUint(d)}` : `type${type}`;
  });
}

describe("the sync protocol over a connection", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("Hello world");
  });
  afterEach(async () => {
    await t.drop();
  });

  const open = (access: "read" | "write") => {
    const parts = buildParts(testDeps(t.db, recordingBus(false)));
    const socket = fakeSocket();
    const conn = parts.connections.open(socket.ws, { sectionId: SECTION, consultationId: CONSULTATION, user: access === "write" ? t.user : null, sessionId: null, token: null, access });
    return { parts, socket, conn };
  };
  const settle = async (conn: { chain: Promise<void> }) => {
    await conn.chain;
    await new Promise((r) => setImmediate(r));
  };

  it("queues what arrives while the document loads, answers step 1 with step 2, and greets with step 1", async () => {
    const { parts, socket, conn } = open("read");
    // Sent before the document has loaded.
    socket.emit("message", Buffer.from(syncMessage(SYNC_STEP1, Y.encodeStateVector(new Y.Doc()))), true);
    await settle(conn);
    expect(kinds(socket.sent)).toEqual([`sync${SYNC_STEP1}`, `sync${SYNC_STEP2}`]);
    const d = decoding.createDecoder(socket.sent[1]!);
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, decoding.readVarUint8Array(d));
    expect(replica.getXmlFragment("default").length).toBeGreaterThan(0);
    expect(parts.connections.count()).toBe(1);
  });

  it("turns lib0's truncation errors and other malformed input into MalformedMessage, closing with 4400", async () => {
    const { parts, socket, conn } = open("write");
    await settle(conn);
    const d = (await parts.registry.acquire(SECTION, CONSULTATION))!;
    expect(() => parts.sync.handle(conn, d, new Uint8Array([]))).toThrow(MalformedMessage);
    expect(() => parts.sync.handle(conn, d, new Uint8Array([MESSAGE_SYNC, SYNC_UPDATE, 9, 1]))).toThrow(MalformedMessage);
    expect(() => parts.sync.handle(conn, d, new Uint8Array([0x80]))).toThrow(MalformedMessage);
    expect(() => parts.sync.handle(conn, d, new Uint8Array([9]))).toThrow(MalformedMessage);
    socket.emit("message", Buffer.from([MESSAGE_SYNC, SYNC_UPDATE, 9, 1]), true);
    await settle(conn);
    expect(socket.closes).toMatchObject([{ code: CLOSE.badMessage }]);
    expect(parts.connections.count()).toBe(0);
  });

  it("refuses text frames, and content the editor cannot show, storing none of it", async () => {
    const { parts, socket, conn } = open("write");
    await settle(conn);
    const d = (await parts.registry.acquire(SECTION, CONSULTATION))!;
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(d.doc));
    const before = Y.encodeStateVector(client);
    client.getText("not-the-editor").insert(0, "sneaky");
    socket.emit("message", Buffer.from(syncMessage(SYNC_UPDATE, Y.encodeStateAsUpdate(client, before))), true);
    await settle(conn);
    await parts.committer.flush();
    expect(socket.closes).toMatchObject([{ code: CLOSE.unsupportedContent }]);
    expect(await listSectionUpdatesAfter(t.db.kysely, SECTION, 1)).toEqual([]);

    const second = open("read");
    second.socket.emit("message", "hello", false);
    expect(second.socket.closes).toMatchObject([{ code: CLOSE.badMessage }]);
  });

  it("gives write access only with a user: a writable connection always has one", () => {
    const { ws } = fakeSocket();
    const who = { sectionId: SECTION, consultationId: CONSULTATION, sessionId: null, token: null };
    expect(() => newConn(ws, { ...who, user: null, access: "write" }, DEFAULT_COLLAB_LIMITS)).toThrow(/signed-in/);
    const c = newConn(ws, { ...who, user: t.user, access: "write" }, DEFAULT_COLLAB_LIMITS);
    expect(c.writable && c.user.id).toBe(t.user.id);
  });
});
