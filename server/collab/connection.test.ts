import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { waitFor } from "../../tests/helpers/collab.js";
import type { Closing } from "./access.js";
import { createConnections } from "./connection.js";
import { CLOSE, DEFAULT_COLLAB_LIMITS } from "./limits.js";
import { MESSAGE_AWARENESS } from "./protocol.js";
import { buildParts } from "./service.js";
import type { Conn } from "./state.js";
import { CONSULTATION, SECTION, createTestDb, fakeSocket, recordingBus, silentLogger, testDeps, type TestDb } from "./test-support.js";

describe("connections", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.drop();
  });

  function setup(verdict: (c: Conn) => Closing | null = () => null, limits = {}) {
    const parts = buildParts(testDeps(t.db, recordingBus(false)));
    const rechecked: Conn[] = [];
    const connections = createConnections({
      limits: { ...DEFAULT_COLLAB_LIMITS, ...limits },
      logger: silentLogger,
      registry: parts.registry,
      handle: parts.sync.handle,
      greet: parts.sync.greet,
      release: parts.presence.release,
      recheck: async (c) => {
        rechecked.push(c);
        return verdict(c);
      },
    });
    const open = (sessionId: string | null, access: "read" | "write" = "write") => {
      const socket = fakeSocket();
      const conn = connections.open(socket.ws, { sectionId: SECTION, consultationId: CONSULTATION, user: t.user, sessionId, token: sessionId ? `${sessionId}.secret` : null, access });
      return { socket, conn };
    };
    return { parts, connections, open, rechecked };
  }

  it("closes the connections of a revoked session or user, and re-checks those of a changed consultation", async () => {
    const { parts, connections, open, rechecked } = setup((c) => (c.writable ? { code: CLOSE.accessChanged, reason: "access changed; reconnect" } : null));
    const a = open("s1");
    const b = open("s2", "read");
    const c = open("s3");
    await parts.registry.acquire(SECTION, CONSULTATION);
    connections.onBusEvent({ type: "session.revoked", sessionId: "s1" });
    expect(a.socket.closes).toMatchObject([{ code: CLOSE.unauthenticated }]);
    expect(b.socket.closes).toEqual([]);
    connections.onBusEvent({ type: "consultation.changed", consultationId: CONSULTATION });
    await new Promise((r) => setImmediate(r));
    expect(rechecked).toEqual([b.conn, c.conn]);
    expect(c.socket.closes).toMatchObject([{ code: CLOSE.accessChanged }]);
    expect(b.socket.closes).toEqual([]);
    connections.onBusEvent({ type: "user.sessions.revoked", userId: t.user.id });
    expect(b.socket.closes).toMatchObject([{ code: CLOSE.unauthenticated }]);
    expect(connections.count()).toBe(0);
  });

  it("drops a connection that stops answering pings, and unloads its document once the last one goes", async () => {
    const { parts, connections, open } = setup(() => null, { pingIntervalMs: 20 });
    const quiet = open(null, "read");
    const lively = open(null, "read");
    await parts.registry.acquire(SECTION, CONSULTATION);
    await new Promise((r) => setImmediate(r));
    const stop = connections.startTimers();
    const answering = setInterval(() => lively.socket.emit("pong"), 5);
    await new Promise((r) => setTimeout(r, 80));
    expect(connections.all()).toEqual([lively.conn]);
    expect(parts.registry.size()).toBe(1);
    clearInterval(answering);
    lively.socket.emit("close");
    stop();
    await parts.registry.unloaded();
    expect(parts.registry.size()).toBe(0);
    expect(quiet.conn.doc?.conns.size).toBe(0);
  });

  it("stops sending to a reader that falls too far behind", async () => {
    const { parts, connections, open } = setup();
    const slow = open(null, "read");
    await parts.registry.acquire(SECTION, CONSULTATION);
    (slow.socket.ws as unknown as { bufferedAmount: number }).bufferedAmount = DEFAULT_COLLAB_LIMITS.maxBufferedBytes + 1;
    const before = slow.socket.sent.length;
    connections.send(slow.conn, new Uint8Array([1]));
    expect(slow.socket.sent.length).toBe(before);
    expect(slow.socket.closes).toMatchObject([{ code: CLOSE.tooSlow }]);
  });
});

describe("keep-alive", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.drop();
  });

  it("sends a connection that has been sent nothing for keepAliveMs an empty presence update, which a stock client applies as nothing", async () => {
    const parts = buildParts(testDeps(t.db, recordingBus(false), { keepAliveMs: 200 }));
    const socket = fakeSocket();
    parts.connections.open(socket.ws, { sectionId: SECTION, consultationId: CONSULTATION, user: null, sessionId: null, token: null, access: "read" });
    await parts.registry.acquire(SECTION, CONSULTATION);
    await new Promise((r) => setImmediate(r));
    const greeted = socket.sent.length;
    const stop = parts.connections.startTimers();
    try {
      await waitFor(() => socket.sent.length > greeted, 10_000, "a keep-alive");
      const message = socket.sent[greeted]!;
      expect([...message]).toEqual([MESSAGE_AWARENESS, 1, 0]);
      // What the client does with it: no presence changes.
      const awareness = new awarenessProtocol.Awareness(new Y.Doc());
      let changes = 0;
      awareness.on("change", () => changes++);
      awarenessProtocol.applyAwarenessUpdate(awareness, message.subarray(2), "server");
      expect(changes).toBe(0);
    } finally {
      stop();
    }
  });
});
