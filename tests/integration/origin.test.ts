import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { rawSocket } from "../helpers/collab.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

/** A GET with the Host header of our choosing (fetch does not let a caller forge one). */
function getWithHost(base: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

// SQLite is enough here: nothing in this file depends on the database.
describe("the site's origin (ORIGIN and the Host header)", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("refuses to start in production beyond the loopback interface without ORIGIN, saying so", async () => {
    const run = await runCli(["serve"], { DATABASE_URL: tdb.url, HOST: "0.0.0.0", PORT: "0" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("ORIGIN is required in production when the server listens beyond the loopback interface (HOST=0.0.0.0)");
    expect(run.stdout).not.toContain("Margin listening");
  }, CLI_TEST_TIMEOUT_MS);

  it("starts beyond the loopback interface once ORIGIN is set", async () => {
    const s = await startServer(tdb.url, { HOST: "0.0.0.0", ORIGIN: "https://margin.example" });
    expect(await s.stop()).toBe(0);
  });

  describe("with ORIGIN set", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer(tdb.url, { ORIGIN: "https://margin.example", SEED_DEMO: "1", DEMO_PASSWORD: "demo-password-1" });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("refuses requests for another host, on pages and the API, with a clear message", async () => {
      for (const path of ["/", "/c/ai-guideline/feed.atom", "/api/v1/consultations"]) {
        const res = await getWithHost(server.url, path, "evil.example");
        expect(res.status, path).toBe(421);
        expect(res.body, path).toContain("margin.example");
        expect(res.body, path).not.toContain("evil.example");
      }
      const c = JSON.parse((await getWithHost(server.url, "/api/v1/consultations/ai-guideline", "margin.example")).body);
      const socket = await rawSocket(server.url, `/collab/${c.sections[0].id}`, { host: "evil.example", origin: "https://margin.example" });
      expect(socket.status).toBe(421);
      // The health check stays open for load balancers, which probe by address.
      expect((await getWithHost(server.url, "/healthz", "10.0.0.7:3000")).status).toBe(200);
    });

    it("builds feed and annotation ids from ORIGIN", async () => {
      const feed = await getWithHost(server.url, "/c/ai-guideline/feed.atom", "margin.example");
      expect(feed.status).toBe(200);
      expect(feed.body).toContain("https://margin.example/c/ai-guideline");
      // Ids are tag: URIs minted under ORIGIN's host name (ADR 036), links point at ORIGIN.
      expect(feed.body).toMatch(/<id>tag:margin\.example,\d{4}-\d{2}-\d{2}:consultation\/[a-z0-9]+<\/id>/);
      expect(feed.body).not.toMatch(/<id>https?:/);
      const c = JSON.parse((await getWithHost(server.url, "/api/v1/consultations/ai-guideline", "margin.example")).body);
      const w3c = JSON.parse((await getWithHost(server.url, `/api/v1/sections/${c.sections[0].id}/comments?format=w3c`, "margin.example")).body);
      expect(w3c.id).toMatch(/^https:\/\/margin\.example\/api\/v1\/sections\//);
    });
  });

  describe("without ORIGIN, on the loopback interface (the quick start)", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: "demo-password-1" });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("answers for its loopback names and refuses a forged Host instead of linking to it", async () => {
      const port = new URL(server.url).port;
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) expect((await getWithHost(server.url, "/c/ai-guideline/feed.atom", host)).status, host).toBe(200);
      const forged = await getWithHost(server.url, "/c/ai-guideline/feed.atom", "evil.example");
      expect(forged.status).toBe(421);
      expect(forged.body).toContain("ORIGIN");
      expect(forged.body).not.toContain("evil.example");
    });
  });
});
