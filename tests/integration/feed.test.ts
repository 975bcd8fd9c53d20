import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { feedparserAvailable, parseWithFeedparser } from "../helpers/feedparser.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const JA_SLUG = "ai-jigyosha-guideline";
// Plain text that looks like markup and like an escape: a reader must show it exactly so.
const VERSION_NAME = "第1版 <x>&amp;";

/** A GET with a Host header of our choosing (fetch may not set one) and any other headers. */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe.each(databaseKinds())("the Atom feed on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let owner: Browser;
  let port: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_JAPANESE: "1", DEMO_PASSWORD: PASSWORD });
    port = new URL(server.url).port;
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    expect((await owner.postForm(`/c/${SLUG}/versions`, { intent: "publish", name: VERSION_NAME, note: "" })).status).toBe(302);
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  describe.skipIf(!feedparserAvailable())("as Python's feedparser reads it", () => {
    it("is well-formed Atom with authors, plain-text titles, ids that no Host header changes, and the consultation's language", async () => {
      const { publisher, title } = await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json();
      const convener = publisher.organisation || publisher.name;
      const [a, b] = await Promise.all([`127.0.0.1:${port}`, `localhost:${port}`].map((host) => get(server.url, `/c/${SLUG}/feed.atom`, { host })));
      expect(a!.status).toBe(200);
      expect(b!.status).toBe(200);
      const viaIp = parseWithFeedparser(a!.body);
      const viaName = parseWithFeedparser(b!.body);
      for (const feed of [viaIp, viaName]) {
        expect(feed.bozoException).toBeNull();
        expect(feed.bozo).toBe(0);
        expect(feed.language).toBe("en");
        expect(feed.authors.map((p) => p.name)).toEqual([convener]);
        expect(feed.entries.length).toBeGreaterThan(3);
        for (const e of feed.entries) {
          expect(e.authors.length, e.id).toBeGreaterThan(0);
          expect(e.titleType, e.id).toBe("text/plain");
        }
      }
      expect(viaIp.title).toBe(title);
      // The version's name arrives as written: not unescaped to "&", not read as a tag.
      const version = viaIp.entries.find((e) => e.tags.includes("version") && e.title.includes("第1版"));
      expect(version?.title).toMatch(/^Version \d+ published: /);
      expect(version!.title.replace(/^Version \d+ published: /, "")).toBe(VERSION_NAME);
      expect(version!.authors.map((p) => p.name)).toEqual([convener]);
      expect(version!.id).toMatch(/^tag:localhost,\d{4}-\d{2}-\d{2}:consultation\/[a-z0-9]+\/version\/\d+$/);
      // Links follow the address the reader used; ids do not.
      expect(viaIp.entries[0]!.link).toContain(`127.0.0.1:${port}`);
      expect(viaName.entries[0]!.link).toContain(`localhost:${port}`);
      expect(viaName.id).toBe(viaIp.id);
      expect(viaIp.id).toMatch(/^tag:localhost,\d{4}-\d{2}-\d{2}:consultation\/[a-z0-9]+$/);
      expect(viaName.entries.map((e) => e.id)).toEqual(viaIp.entries.map((e) => e.id));
      expect(new Set(viaIp.entries.map((e) => e.id)).size).toBe(viaIp.entries.length);
      // Checkpoints are the site ledger's, not the consultation's.
      const checkpoint = viaIp.entries.find((e) => e.tags.includes("checkpoint"));
      expect(checkpoint?.authors.map((p) => p.name)).toEqual(["Margin public ledger"]);
    });

    it("gives a Japanese consultation's feed xml:lang ja, with Margin's own English words marked as such", async () => {
      const res = await get(server.url, `/c/${JA_SLUG}/feed.atom`, { host: `127.0.0.1:${port}` });
      expect(res.status).toBe(200);
      const feed = parseWithFeedparser(res.body);
      expect(feed.bozoException).toBeNull();
      expect(feed.bozo).toBe(0);
      expect(feed.language).toBe("ja");
      expect(feed.title).toMatch(/ガイドライン/);
      expect(feed.entries.length).toBeGreaterThan(0);
      for (const e of feed.entries) expect(e.titleLanguage, e.title).toBe("en");
    });
  });

  it("answers a conditional GET with 304 until the feed changes", async () => {
    const path = `/c/${SLUG}/feed.atom`;
    const first = await get(server.url, path);
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers["last-modified"]);
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);

    const byTag = await get(server.url, path, { "if-none-match": etag });
    expect(byTag.status).toBe(304);
    expect(byTag.body).toBe("");
    expect(byTag.headers.etag).toBe(etag);
    expect(byTag.headers["last-modified"]).toBe(lastModified);
    expect((await get(server.url, path, { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
    expect((await get(server.url, path, { "if-none-match": "*" })).status).toBe(304);

    expect((await get(server.url, path, { "if-modified-since": lastModified })).status).toBe(304);
    expect((await get(server.url, path, { "if-modified-since": new Date(Date.parse(lastModified) + 60_000).toUTCString() })).status).toBe(304);
    const older = await get(server.url, path, { "if-modified-since": new Date(Date.parse(lastModified) - 1000).toUTCString() });
    expect(older.status).toBe(200);
    expect(older.body).toBe(first.body);
    expect((await get(server.url, path, { "if-modified-since": "not a date" })).status).toBe(200);
    // If-None-Match decides when both are sent: a tag that does not match means the full feed, whatever the date.
    expect((await get(server.url, path, { "if-none-match": '"stale"', "if-modified-since": lastModified })).status).toBe(200);

    expect((await owner.postForm(`/c/${SLUG}/versions`, { intent: "publish", name: "After the reader's copy", note: "" })).status).toBe(302);
    const changed = await get(server.url, path, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body).toContain("After the reader's copy");
  });

  it("names the feed in the head of every consultation page, and only there", async () => {
    const section = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections[0].id;
    const link = `<link rel="alternate" type="application/atom+xml" href="/c/${SLUG}/feed.atom"`;
    for (const path of [`/c/${SLUG}`, `/c/${SLUG}/s/${section}`, `/c/${SLUG}/history`, `/c/${SLUG}/versions`]) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      const head = html.slice(0, html.indexOf("</head>"));
      expect(head, path).toContain(link);
    }
    for (const path of ["/", "/c/no-such-consultation", "/transparency"]) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      expect(html, path).not.toContain('type="application/atom+xml" href="/c/');
    }
  });
});
