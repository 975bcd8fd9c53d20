import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const JA = { "Accept-Language": "ja,en;q=0.5" };
/** What a browser asks for a page with (the one-time flash message is only used up by a page). */
const PAGE = { Accept: "text/html" };

/**
 * The history, versions, response-to-comments, comparison, moderation and
 * settings pages in Japanese (Accept-Language) and in English, with the
 * consultation's dates in its time zone and its own words marked with its language.
 */
describe.each(databaseKinds())("history, versions, report, moderation and settings in Japanese and English on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let moderator: Browser;
  let civil: Browser;
  let sectionId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD });
    db = createDb(tdb.url, { poolSize: 1 });
    // The demo's guideline, given in Japan's time zone: its dates must say JST whatever the interface language.
    await db.kysely.updateTable("consultation").set({ time_zone: "Asia/Tokyo" }).where("slug", "=", "ai-guideline").execute();
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    moderator = new Browser(server.url);
    await moderator.signIn("moderator@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    sectionId = ((await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()) as { sections: { id: string }[] }).sections[0]!.id;
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  const page = async (who: Browser, path: string, headers: Record<string, string> = {}) => {
    const res = await who.get(path, headers);
    expect(res.status, path).toBe(200);
    const html = await res.text();
    // React 18's streaming renderer pads chunks with NULs where a multi-byte character would straddle them (see entry.server.tsx).
    expect(html.includes("\u0000"), `${path} has no NUL bytes`).toBe(false);
    return html;
  };

  const pages = (): [string, () => Browser, string, string][] => [
    ["/c/ai-guideline/history", () => civil, "案の変更の経緯", "How this guidance evolved"],
    [`/c/ai-guideline/s/${sectionId}/history`, () => civil, "の変更履歴", "History of “"],
    ["/c/ai-guideline/versions", () => civil, "<h1>版の一覧</h1>", "<h1>Versions</h1>"],
    ["/c/ai-guideline/v/1", () => civil, "第1版 · ", "Version 1 · published"],
    ["/c/ai-guideline/v/1/report", () => owner, "提出意見に対する考え方（第1版「", "Response to comments on version 1"],
    ["/c/ai-guideline/compare?from=v1&to=current", () => civil, "から現在の本文への変更点", "Changes from version 1"],
    ["/c/ai-guideline/moderation", () => moderator, "モデレーション待ちの一覧", "Moderation queue"],
    ["/c/ai-guideline/moderation-log", () => civil, "<h1>モデレーション記録</h1>", "<h1>Moderation log</h1>"],
    ["/c/ai-guideline/settings", () => owner, "<h1>設定</h1>", "<h1>Settings</h1>"],
  ];

  it("renders each page in Japanese with <html lang=\"ja\"> when the browser asks for Japanese", async () => {
    for (const [path, who, ja, en] of pages()) {
      const html = await page(who(), path, JA);
      expect(html, path).toContain('<html lang="ja"');
      expect(html, path).toContain(ja);
      expect(html, path).not.toContain(en);
      // The consultation's own title keeps its language inside the Japanese interface.
      expect(html, path).toContain('lang="en"');
    }
  });

  it("still renders each page in English by default", async () => {
    for (const [path, who, ja, en] of pages()) {
      const html = await page(who(), path);
      expect(html, path).toContain('<html lang="en"');
      expect(html, path).toContain(en);
      expect(html, path).not.toContain(ja);
    }
  });

  it("gives dates in the consultation's time zone, with its abbreviation, in both languages", async () => {
    const ja = await page(civil, "/c/ai-guideline/versions", JA);
    expect(ja).toMatch(/\d{4}年\d{1,2}月\d{1,2}日\([日月火水木金土]\) \d{2}:\d{2} JST/);
    const en = await page(civil, "/c/ai-guideline/versions");
    // en-GB names Japan's zone by its offset.
    expect(en).toContain("GMT+9");
    expect(en).not.toMatch(/\d{2}:\d{2} UTC/);
    const history = await page(civil, "/c/ai-guideline/history", JA);
    expect(history).toContain("JST");
  });

  it("words the response to comments, its outcomes and filters in Japanese", async () => {
    const html = await page(owner, "/c/ai-guideline/v/1/report", JA);
    expect(html).toContain("提出意見に対する考え方");
    expect(html).toContain("回答待ち");
    expect(html).toContain("絞り込む");
    expect(html).toContain("CSV をダウンロード");
    expect(html).not.toContain("comment(s)");
  });

  it("says the conveners-only page in Japanese", async () => {
    const html = await page(civil, "/consultations/new", JA);
    expect(html).toContain("公開できるのは実施担当者だけです");
    expect(html).toContain("margin user add --email &lt;your email&gt; --role convener");
  });

  it("shows a settings flash in the reader's language", async () => {
    const res = await owner.postForm("/c/ai-guideline/settings", { intent: "move-down", sectionId }, JA);
    expect(res.status).toBe(302);
    const html = await page(owner, "/c/ai-guideline/settings", { ...JA, ...PAGE });
    expect(html).toContain("節を移動しました。");
    await owner.postForm("/c/ai-guideline/settings", { intent: "move-up", sectionId });
    expect(await page(owner, "/c/ai-guideline/settings", PAGE)).toContain("Section moved.");
  });

  it("keeps the Atom feed English data, marked as such", async () => {
    const xml = await (await fetch(`${server.url}/c/ai-guideline/feed.atom`, { headers: JA })).text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(xml).toContain("published:");
  });
});
