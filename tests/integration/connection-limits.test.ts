import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import { openEventStream, type EventStream } from "../helpers/client.js";
import { closed, rawSocket, waitFor } from "../helpers/collab.js";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const CAP = 5;
const STREAMS = 3;
const HEADERS_TIMEOUT_MS = 500;

/** Per-address caps on long-lived connections, and no patience for half-sent requests. */
describe("connection limits", () => {
  let tdb: TestDatabase;
  let server: TestServer;
  let section: string;
  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    server = await startServer(tdb.url, {
      SEED_DEMO: "1",
      DEMO_PASSWORD: "demo-password-1",
      COLLAB_MAX_CONNECTIONS_PER_IP: String(CAP),
      EVENT_STREAMS_PER_IP: String(STREAMS),
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    });
    section = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[0].id;
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("refuses WebSockets beyond the per-address cap with 429, and accepts new ones once some close", async () => {
    const open: WebSocket[] = [];
    const attempt = () => rawSocket(server.url, `/collab/${section}`, { origin: server.origin });
    for (let i = 0; i < CAP; i++) {
      const { ws, status } = await attempt();
      expect(status).toBeUndefined();
      open.push(ws);
    }
    const refused = await attempt();
    expect(refused.status).toBe(429);
    const extra = await Promise.all([attempt(), attempt(), attempt()]);
    expect(extra.map((r) => r.status)).toEqual([429, 429, 429]);

    for (const ws of open.splice(0, 2)) {
      const done = closed(ws);
      ws.close();
      await done;
    }
    // The server frees the count when it sees the socket close.
    await waitFor(async () => (await (await fetch(`${server.url}/healthz`)).json()).collab.connections === CAP - 2, 5_000, "the closed sockets to be counted out");
    for (let i = 0; i < 2; i++) {
      const { ws, status } = await attempt();
      expect(status).toBeUndefined();
      open.push(ws);
    }
    expect((await attempt()).status).toBe(429);
    for (const ws of open) ws.close();
    await waitFor(async () => (await (await fetch(`${server.url}/healthz`)).json()).collab.connections === 0, 5_000, "every socket to close");
  });

  it("closes a half-sent upgrade request within the headers timeout", async () => {
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
    await new Promise<void>((r) => socket.once("connect", () => r()));
    const started = Date.now();
    const gone = new Promise<void>((r) => socket.once("close", () => r()));
    socket.on("error", () => undefined);
    // Read what the server answers (a 408), or the socket never ends on our side.
    let answer = "";
    socket.on("data", (d) => (answer += d));
    socket.write(`GET /collab/${section} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`);
    await gone;
    // The headers timeout closed it: Node answers 408 when it fires.
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    // And it was ours (half a second), not Node's default of a minute — with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("caps event streams per address the same way", async () => {
    const url = `${server.url}/c/ai-guideline/s/${section}/events`;
    const streams: EventStream[] = [];
    for (let i = 0; i < STREAMS; i++) {
      const s = await openEventStream(url);
      expect(s.response.status).toBe(200);
      streams.push(s);
    }
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).not.toBeNull();
    expect(await refused.text()).toContain("Too many");
    streams.shift()!.close();
    await waitFor(async () => {
      const r = await fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
      if (r?.status !== 200) return false;
      await r.body?.cancel();
      return true;
    }, 5_000, "a stream slot to be freed");
    for (const s of streams) s.close();
  });
});
