import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const SLUG = "ai-guideline";
const PAGE = 5;

// A long comparison is paged by COMPARE_PAGE_BLOCKS paragraphs (ADR 044): the page says so,
// links the pages both ways, and together the pages show every changed paragraph once.
describe("the compare page pages a long comparison", () => {
  let tdb: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", COMPARE_PAGE_BLOCKS: String(PAGE) });
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  const get = async (path: string) => {
    const res = await fetch(server.url + path, { headers: { accept: "text/html" } });
    expect(res.status, path).toBe(200);
    return res.text();
  };
  const diffParagraphs = (html: string) => [...html.matchAll(/<div class="prose diff"[\s\S]*?<\/div><\/div>/g)].reduce((n, m) => n + (m[0].match(/<(p|h[3-6]|pre)>/g) ?? []).length, 0);

  it("shows at most a page of paragraphs, says why, and reaches the rest through its links", async () => {
    const first = await get(`/c/${SLUG}/compare?from=v1&to=current`);
    const total = Number(/paragraphs 1–\d+ of (\d+)\./.exec(first)?.[1]);
    expect(total).toBeGreaterThan(PAGE);
    expect(first).toContain('aria-label="Pages of the comparison"');
    const pages = Math.ceil(total / PAGE);
    expect(first).toContain(`Page 1 of ${pages}`);
    let seen = 0;
    let html = first;
    for (let page = 1; page <= pages; page++) {
      seen += diffParagraphs(html);
      expect(diffParagraphs(html)).toBeLessThanOrEqual(PAGE);
      const next = /<a [^>]*rel="next"[^>]*>/.exec(html)?.[0].match(/href="([^"]*)"/)?.[1];
      if (page < pages) html = await get(next!.replace(/&amp;/g, "&"));
      else expect(next).toBeUndefined();
    }
    expect(seen).toBe(total);
    // A page past the end is the last one.
    expect(await get(`/c/${SLUG}/compare?from=v1&to=current&page=999`)).toContain(`Page ${pages} of ${pages}`);
  });
});
