import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

// The line itself is tested in server/http/shed.test.ts; this checks the real server puts
// page renders and API reads in it, and keeps /healthz and writes out of it. The database
// plays no part, so SQLite alone.
describe("a burst of readers on a node that runs one read at a time", () => {
  let tdb: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    server = await startServer(tdb.url, { SEED_DEMO: "1", SHED_MAX_IN_FLIGHT: "1", SHED_MAX_QUEUED: "0", SHED_RETRY_AFTER_SECONDS: "4" });
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("answers the reads beyond the line 503 with Retry-After, while /healthz and writes are answered", async () => {
    const reads = Array.from({ length: 40 }, (_, i) =>
      fetch(`${server.url}${i % 2 ? "/c/ai-guideline" : "/api/v1/consultations/ai-guideline"}`, { headers: { accept: "text/html" } }),
    );
    const health = fetch(`${server.url}/healthz`);
    // A failed sign-in is a write: it is answered on its merits (the form again, 400), never 503.
    const write = fetch(`${server.url}/login`, {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "nobody@example.org", password: "wrong password" }),
      redirect: "manual",
    });
    const answered = await Promise.all(reads);
    const statuses = answered.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 503), statuses.join(",")).toBe(true);
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
    for (const r of answered.filter((r) => r.status === 503)) expect(r.headers.get("retry-after")).toBe("4");
    const bodies = await Promise.all(answered.map((r) => r.text()));
    for (const [i, body] of bodies.entries()) {
      if (statuses[i] !== 503) continue;
      if (i % 2 === 0) expect(JSON.parse(body).error.code).toBe("unavailable");
      else expect(body).toContain("busy");
    }

    expect((await health).status).toBe(200);
    expect((await write).status).not.toBe(503);
    const after = await (await fetch(`${server.url}/healthz`)).json();
    expect(after.load.shed).toBe(statuses.filter((s) => s === 503).length);
    expect(after.load.inFlight).toBe(0);
  });
});
