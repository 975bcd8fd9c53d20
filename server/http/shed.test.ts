import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { LoadShedder, type ShedLimits } from "./shed.js";

/** A real Express server whose GET /hold/:n answers only when the test lets request n go. */
async function serverWith(limits: ShedLimits) {
  const shedder = new LoadShedder(limits);
  const gates = new Map<string, () => void>();
  const app = express();
  app.use(shedder.middleware((req) => req.path.startsWith("/stream")));
  const held = (req: express.Request, res: express.Response) => {
    gates.set(String(req.params.n), () => res.send(`done ${req.params.n}`));
  };
  app.get("/hold/:n", held);
  app.get("/api/hold/:n", held);
  app.get("/stream/:n", held);
  app.post("/hold/:n", held);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { shedder, gates, base, server };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function start(limits: Partial<ShedLimits> = {}) {
  const t = await serverWith({ maxInFlight: 2, maxQueued: 1, maxWaitMs: 60_000, retryAfterSeconds: 7, ...limits });
  servers.push(t.server);
  return t;
}

describe("the load shedder", () => {
  it("runs a bounded number at once, lets a bounded number wait, and refuses the rest at once with Retry-After", async () => {
    const { shedder, gates, base } = await start();
    const first = fetch(`${base}/hold/1`);
    const second = fetch(`${base}/hold/2`);
    await until(() => shedder.stats().inFlight === 2);
    const third = fetch(`${base}/hold/3`);
    await until(() => shedder.stats().queued === 1);

    const refused = await fetch(`${base}/hold/4`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("7");
    expect(await refused.text()).toContain("busy");
    expect(gates.has("3")).toBe(false);

    gates.get("1")!();
    expect(await (await first).text()).toBe("done 1");
    await until(() => gates.has("3"));
    expect(shedder.stats()).toEqual({ inFlight: 2, queued: 0, shed: 1 });
    gates.get("2")!();
    gates.get("3")!();
    expect((await second).status).toBe(200);
    expect(await (await third).text()).toBe("done 3");
    await until(() => shedder.stats().inFlight === 0);
  });

  it("answers a request that waited too long with 503, and the API in its JSON error shape", async () => {
    const { shedder, gates, base } = await start({ maxInFlight: 1, maxQueued: 5, maxWaitMs: 30 });
    const holder = fetch(`${base}/hold/1`);
    await until(() => shedder.stats().inFlight === 1);
    const waited = await fetch(`${base}/api/hold/2`);
    expect(waited.status).toBe(503);
    expect(waited.headers.get("retry-after")).toBe("7");
    expect(await waited.json()).toEqual({ error: { code: "unavailable", message: expect.stringContaining("busy") } });
    expect(shedder.stats().queued).toBe(0);
    gates.get("1")!();
    expect((await holder).status).toBe(200);
    expect(gates.has("2")).toBe(false);
  });

  it("never counts writes or the streams it is told to skip", async () => {
    const { shedder, gates, base } = await start({ maxInFlight: 1, maxQueued: 0 });
    const holder = fetch(`${base}/hold/1`);
    await until(() => shedder.stats().inFlight === 1);
    const write = fetch(`${base}/hold/2`, { method: "POST" });
    const stream = fetch(`${base}/stream/3`);
    await until(() => gates.has("2") && gates.has("3"));
    expect(shedder.stats()).toEqual({ inFlight: 1, queued: 0, shed: 0 });
    for (const n of ["1", "2", "3"]) gates.get(n)!();
    expect((await Promise.all([holder, write, stream])).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("lets a reader who gives up while waiting leave the line", async () => {
    const { shedder, gates, base } = await start({ maxInFlight: 1, maxQueued: 1 });
    const holder = fetch(`${base}/hold/1`);
    await until(() => shedder.stats().inFlight === 1);
    const abort = new AbortController();
    const gaveUp = fetch(`${base}/hold/2`, { signal: abort.signal }).catch((e: unknown) => e);
    await until(() => shedder.stats().queued === 1);
    abort.abort();
    await gaveUp;
    await until(() => shedder.stats().queued === 0);
    gates.get("1")!();
    await holder;
    await until(() => shedder.stats().inFlight === 0);
    expect(gates.has("2")).toBe(false);
  });
});

describe("what stays outside the line", () => {
  it("the live-update streams, the API description and results PDFs (which have their own line), nothing else", async () => {
    const { outsideTheLine } = await import("./app.js");
    expect(outsideTheLine("/c/ai-guideline/s/abc/events")).toBe(true);
    expect(outsideTheLine("/api/v1/openapi.json")).toBe(true);
    expect(outsideTheLine("/c/ai-guideline/v/2/results.pdf")).toBe(true);
    expect(outsideTheLine("/c/ai-guideline/v/2/results")).toBe(false);
    expect(outsideTheLine("/c/ai-guideline/v/2/results.csv")).toBe(false);
    expect(outsideTheLine("/c/ai-guideline/s/abc")).toBe(false);
    expect(outsideTheLine("/api/v1/consultations/ai-guideline")).toBe(false);
    expect(outsideTheLine("/c/ai-guideline/v/2/results.pdf/x")).toBe(false);
  });
});
