import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { writeDraftingHistory } from "../helpers/drafting-history.js";
import { startServer, type TestServer } from "../helpers/server.js";

const SLUG = "ai-guideline";
const CHANGE_SETS = 47;

/** The page's main content, without what differs per request (the CSP nonce). */
function mainOf(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0];
  if (!main) throw new Error(`no <main> in ${html.slice(0, 200)}`);
  return main.replace(/ nonce="[^"]*"/g, "");
}

// History and compare pages start from points kept in memory (ADR 040). Two servers read one
// database: one keeps a point every 4 change sets, the other none; every page and diff must
// be the same on both, before and after the points exist.
describe.each(databaseKinds())("history pages replayed from kept points on %s", (kind) => {
  let tdb: TestDatabase;
  let cached: TestServer;
  let plain: TestServer;
  let section: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const seeding = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1" });
    await seeding.stop();
    ({ long: section } = await writeDraftingHistory(tdb.url, SLUG, CHANGE_SETS));
    cached = await startServer(tdb.url, { HISTORY_CACHE_EVERY: "4" });
    plain = await startServer(tdb.url, { HISTORY_CACHE_MB: "0" });
  });
  afterAll(async () => {
    await cached?.stop();
    await plain?.stop();
    await tdb?.drop();
  });

  const get = async (server: TestServer, path: string) => {
    const res = await fetch(server.url + path, { headers: { accept: "text/html" } });
    expect(res.status, path).toBe(200);
    return res.text();
  };
  const points = async (server: TestServer) => (await (await fetch(`${server.url}/healthz`)).json()).historyCache.points as number;

  it("shows every page of the section history as a full replay does", async () => {
    expect(await points(cached)).toBe(0);
    const pages: string[] = [`/c/${SLUG}/s/${section}/history`];
    for (let i = 0; i < pages.length; i++) {
      const fromPlain = await get(plain, pages[i]!);
      // The first visit walks from the beginning and keeps points; the second starts from one.
      expect(mainOf(await get(cached, pages[i]!))).toBe(mainOf(fromPlain));
      expect(mainOf(await get(cached, pages[i]!))).toBe(mainOf(fromPlain));
      const next = /href="([^"]*\/history\?before=\d+)"/.exec(fromPlain)?.[1];
      if (next) pages.push(next.replace(/&amp;/g, "&"));
    }
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(await points(cached)).toBeGreaterThan(0);
    expect(await points(plain)).toBe(0);
  });

  it("gives the same word diffs between any two points", async () => {
    const history = await (await fetch(`${plain.url}/api/v1/sections/${section}/history?limit=100`)).json();
    const seqs: number[] = history.items.map((c: { seq: number }) => c.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(CHANGE_SETS);
    const pairs = [
      [seqs[seqs.length - 1], "current"],
      [seqs[30], seqs[5]],
      [seqs[12], seqs[3]],
      [seqs[2], "current"],
      [seqs[40], seqs[41]],
    ];
    for (const [from, to] of pairs) {
      const path = `/api/v1/sections/${section}/diff?from=${from}&to=${to}`;
      const expected = await (await fetch(plain.url + path)).json();
      if (!(expected.spans?.length > 0)) throw new Error(`${path}: ${JSON.stringify(expected).slice(0, 300)}`);
      // Computed once, then given from the kept diffs.
      expect(await (await fetch(cached.url + path)).json(), path).toEqual(expected);
      expect(await (await fetch(cached.url + path)).json(), path).toEqual(expected);
    }
    const compare = `/c/${SLUG}/compare?section=${section}`;
    for (let i = 0; i < 2; i++) expect(await get(cached, compare).then(mainOf)).toBe(mainOf(await get(plain, compare)));
    const kept = (await (await fetch(`${cached.url}/healthz`)).json()).historyCache;
    expect(kept.diffs).toBeGreaterThanOrEqual(pairs.length);
    expect((await (await fetch(`${plain.url}/healthz`)).json()).historyCache.diffs).toBe(0);
  });
});
