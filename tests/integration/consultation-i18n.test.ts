import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { createDb, type Db } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const JA = { "accept-language": "ja,en;q=0.5" };

/** The page's text without markup, so assertions read as the page does. */
const textOf = (html: string) => parse(html).text.replace(/\s+/g, " ");

describe("the consultation and section pages in Japanese and English, dates in the consultation's time zone", () => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let sectionId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 1 });
    sectionId = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections[1].id;
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  const page = async (path: string, headers: Record<string, string> = {}, browser = new Browser(server.url)) => {
    const res = await browser.get(path, headers);
    expect(res.status).toBe(200);
    return res.text();
  };

  it("renders the consultation page in English by default and in Japanese for Accept-Language: ja, its content marked with its own language", async () => {
    const en = await page(`/c/${SLUG}`);
    expect(en).toMatch(/<html lang="en"/);
    expect(textOf(en)).toContain("About this consultation");
    expect(textOf(en)).toContain("Comment window");
    expect(textOf(en)).toMatch(/Confidential submissions0, read 0 times by the owners and drafters/);

    const ja = await page(`/c/${SLUG}`, JA);
    expect(ja).toMatch(/<html lang="ja"/);
    const text = textOf(ja);
    for (const words of ["この意見募集について", "意見募集期間", "締切", "意見募集中", "非公開の意見", "モデレーションの公開記録"]) expect(text).toContain(words);
    expect(text).not.toContain("About this consultation");
    // The draft is English: its title is marked so, inside a Japanese page.
    const h1 = parse(ja).querySelector("h1")!;
    expect(h1.getAttribute("lang")).toBe("en");
  });

  it("renders the section page, its rail and its forms in Japanese, with server messages and field errors translated", async () => {
    const anonymous = await page(`/c/${SLUG}/s/${sectionId}`, JA);
    expect(anonymous).toMatch(/<html lang="ja"/);
    const text = textOf(anonymous);
    for (const words of ["この項目への意見提出", "ログイン", "提出された意見（", "目次", "この項目の変更履歴"]) expect(text).toContain(words);
    expect(parse(anonymous).querySelector("h1#section-title")!.getAttribute("lang")).toBe("en");
    expect(textOf(await page(`/c/${SLUG}/s/${sectionId}`))).toContain("Respond to this section");

    const civil = new Browser(server.url);
    expect((await civil.signIn("civil@example.org", PASSWORD)).status).toBe(302);
    civil.setCookie("margin_lang", "ja");
    const form = textOf(await page(`/c/${SLUG}/s/${sectionId}`, {}, civil));
    for (const words of ["意見を提出する", "公開時の表示方法", "賛否を表明する", "賛成", "修正を条件に賛成"]) expect(form).toContain(words);

    const empty = await civil.postForm(`/c/${SLUG}/s/${sectionId}`, { intent: "comment", kind: "comment", body: "" });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain("意見を入力してください。");

    const posted = await civil.postForm(`/c/${SLUG}/s/${sectionId}`, { intent: "comment", kind: "comment", body: "日本語の意見です。" });
    expect(posted.status).toBe(302);
    const after = await page(posted.headers.get("location")!, { accept: "text/html" }, civil);
    expect(textOf(after)).toContain("意見を投稿しました。");
    expect(textOf(after)).toContain("受付番号");
    // The comment belongs to the consultation: its body carries the consultation's language.
    const body = parse(after)
      .querySelectorAll(".comment-body")
      .find((e) => e.text.includes("日本語の意見です。"))!;
    expect(body.getAttribute("lang")).toBe("en");

    // Shown without a name (to others): the stand-in is Japanese, and only the stand-in is translated.
    await civil.postForm(`/c/${SLUG}/s/${sectionId}`, { intent: "comment", kind: "comment", body: "匿名での意見です。", publication: "anonymous" });
    const bylines = parse(await page(`/c/${SLUG}/s/${sectionId}`, JA))
      .querySelectorAll(".byline strong")
      .map((e) => e.text);
    expect(bylines).toEqual(expect.arrayContaining(["匿名", "Carlos Civil"]));
  });

  it("shows deadlines in the consultation's time zone with its abbreviation, and the time left", async () => {
    const closes = new Date(Date.now() + 45 * 86_400_000 + 3_600_000);
    closes.setUTCHours(14, 59, 0, 0);
    await db.kysely.updateTable("consultation").set({ time_zone: "Asia/Tokyo", closes_at: closes.toISOString() }).where("slug", "=", SLUG).execute();
    const local = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric" }).format(closes);

    for (const path of [`/c/${SLUG}`, `/c/${SLUG}/s/${sectionId}`]) {
      const text = textOf(await page(path, JA));
      expect(text).toContain(`締切は${local}`);
      expect(text).toMatch(/23:59 JST/);
      expect(text).toMatch(/あと4[45]日/);
    }
    const en = textOf(await page(`/c/${SLUG}`));
    expect(en).toMatch(/Open for comment\. 4[45] days left: closes \w{3}, \d{1,2} \w+ \d{4} at 23:59 GMT\+9\./);

    await db.kysely.updateTable("consultation").set({ time_zone: "UTC" }).where("slug", "=", SLUG).execute();
    expect(textOf(await page(`/c/${SLUG}`))).toMatch(/at 14:59 UTC/);
  });
});
