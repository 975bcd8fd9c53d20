import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";

/** Public texts search must find. */
const JA = "生成AIの利用者は、出力の正確性を確かめるべきです。SRCHALL";
const EN = "Transparency reports should list every serious incident. SRCHALL";
const WILD = "A discount of 50%_off applies to SRCHWILD items.";
const XSS = "<script>alert(1)</script> SRCHXSS";
/** Texts search must never show, nor count: each also holds SRCHALL. */
const SECRET = {
  confidential: "SRCHCONF 機密の売上高は四二〇万円 SRCHALL",
  pending: "SRCHPEND waiting for a moderator SRCHALL",
  hidden: "SRCHHIDE removed by moderation SRCHALL",
  withdrawn: "SRCHGONE withdrawn by its author SRCHALL",
  draftTitle: "SRCHDRAFT 草案限定の意見募集 SRCHALL",
} as const;

interface ApiResult {
  total: number;
  totalIsLowerBound: boolean;
  nextPage: number | null;
  items: { kind: string; url: string; snippet: string; snippetHtml: string; titleHtml: string; lang: string }[];
}

describe.each(databaseKinds())("search on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let industry: Browser;
  let civil: Browser;
  let moderator: Browser;
  let newcomer: Browser;
  /** The team of another consultation (a convener who made their own). */
  let otherTeam: Browser;
  let sectionId: string;

  const api = async (b: Browser, q: string, extra = ""): Promise<ApiResult> => {
    const res = await b.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status, `${q} ${extra}`).toBe(200);
    return (await res.json()) as ApiResult;
  };
  const post = async (b: Browser, fields: Record<string, string>) => {
    const res = await b.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "comment", kind: "comment", ...fields });
    expect(res.status).toBe(302);
    return /#thread-([a-z2-7]{16})/.exec(res.headers.get("location") ?? "")?.[1] ?? "";
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", SIGNUP_LIMIT_PER_IP: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    moderator = new Browser(server.url);
    await moderator.signIn("moderator@example.org", PASSWORD);
    newcomer = new Browser(server.url);
    await newcomer.signUp({ displayName: "New Person", stakeholderGroup: "individual" });
    otherTeam = new Browser(server.url);
    const otherEmail = await otherTeam.signUp({ displayName: "Other Convener", stakeholderGroup: "government" });
    await db.kysely.updateTable("user").set({ site_role: "convener" }).where("email", "=", otherEmail).execute();
    expect((await otherTeam.postForm("/consultations/new", { title: "Another consultation", slug: "search-other", summary: "Theirs.", opensAt: "", closesAt: "", moderationMode: "post" })).status).toBe(302);
    sectionId = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[3].id;

    await post(civil, { body: JA });
    await post(industry, { body: EN });
    await post(civil, { body: WILD });
    await post(civil, { body: XSS });
    // A confidential submission, with a public version that is public text like any other.
    await post(industry, { body: SECRET.confidential, confidential: "on", redactedBody: "SRCHREDACTED a public version of a confidential submission" });
    const hiddenId = await post(civil, { body: SECRET.hidden });
    expect((await moderator.postForm("/c/ai-guideline/moderation", { ids: [hiddenId], action: "hide", reason: "off_topic", note: "" })).status).toBe(302);
    const goneId = await post(civil, { body: SECRET.withdrawn });
    expect((await civil.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "delete", commentId: goneId })).status).toBe(302);
    // A newcomer's first post waits for a moderator.
    await owner.postForm("/c/ai-guideline/settings", {
      intent: "settings",
      title: "Draft Guideline on the Responsible Use of Artificial Intelligence in Business",
      summary: "s",
      opensAt: "",
      closesAt: "",
      moderationMode: "post",
      premoderateFirstPosts: "on",
    });
    await post(newcomer, { body: SECRET.pending });
    expect((await owner.postForm("/consultations/new", { title: SECRET.draftTitle, slug: "search-draft", summary: "草案の要旨 SRCHDRAFT", opensAt: "", closesAt: "", moderationMode: "post" })).status).toBe(302);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("finds Japanese without spaces, by any substring of it, and two-word queries in either order", async () => {
    const anonymous = new Browser(server.url);
    for (const q of ["生成AI", "利用者 正確性", "正確性 利用者", "生成", "AIの利用"]) {
      const r = await api(anonymous, q);
      expect(r.items.map((i) => i.snippet).some((s) => s.includes("生成AIの利用者は")), q).toBe(true);
    }
    const marked = (await api(anonymous, "生成AI")).items.find((i) => i.snippet.includes("生成AIの利用者は"))!;
    expect(marked.snippetHtml).toContain("<mark>生成AI</mark>");
    expect(marked.kind).toBe("comment");
    expect(marked.url).toMatch(/^\/c\/ai-guideline\/s\/[a-z2-7]{16}#thread-[a-z2-7]{16}$/);

    for (const q of ["transparency incident", "INCIDENT Transparency", '"serious incident"']) {
      expect((await api(anonymous, q)).items.some((i) => i.snippet.includes("Transparency reports should list")), q).toBe(true);
    }
    expect((await api(anonymous, "transparency zebra")).total).toBe(0);
    expect((await api(anonymous, '"incident serious"')).items.some((i) => i.snippet.includes("Transparency reports"))).toBe(false);
  });

  it("finds section text, consultations and the public version of a confidential submission", async () => {
    const anonymous = new Browser(server.url);
    const section = await api(anonymous, "developer trains", "&type=section");
    expect(section.items.some((i) => i.kind === "section" && i.snippet.includes("model developer trains"))).toBe(true);
    expect(section.items.every((i) => i.kind === "section")).toBe(true);
    // Its title is searched too (the words are in the title only), and marked.
    const byTitle = await api(anonymous, "value chain", "&type=section");
    expect(byTitle.items.map((i) => i.titleHtml)).toContain("4. Transparency along the AI <mark>value</mark> <mark>chain</mark>");
    expect((await api(anonymous, "Responsible Use", "&type=consultation")).items.map((i) => i.url)).toContain("/c/ai-guideline");
    expect((await api(anonymous, "SRCHREDACTED")).total).toBe(1);
  });

  it("takes LIKE and FTS5 syntax literally", async () => {
    const anonymous = new Browser(server.url);
    expect((await api(anonymous, "50%_off")).total).toBe(1);
    // As wildcards these would match everything (or anything with a 5 and an f).
    for (const q of ["%%", "__", "5%f", "5_%", "\\%"]) expect((await api(anonymous, q)).total, q).toBe(0);
    for (const q of ["生成AI*", "NEAR(生成AI", "生成AI OR 存在しない語", "body:生成AI", "^生成AI", '"生成AI']) {
      expect((await api(anonymous, q)).total, q).toBe(0);
    }
    for (const q of ['"', "'", "*", "(", ")", "-", ":", "AND", "OR NOT", '"" ""', "\\"]) {
      const res = await anonymous.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect((await anonymous.get(`/search?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
    }
    // Escaped in the snippet, on the page and in the API.
    const xss = await api(anonymous, "SRCHXSS");
    expect(xss.items[0]!.snippetHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const page = await (await anonymous.get("/search?q=SRCHXSS")).text();
    expect(page).not.toContain("<script>alert(1)");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("never finds nor counts confidential, pending, hidden, withdrawn or draft content, for anyone", async () => {
    const readers: [string, Browser][] = [
      ["anonymous", new Browser(server.url)],
      ["another participant", civil],
      ["another consultation's team", otherTeam],
      // Search is public-only for everyone: even the team and the authors see no more there.
      ["this consultation's owner", owner],
      ["the confidential submission's author", industry],
      ["the pending submission's author", newcomer],
    ];
    for (const [who, b] of readers) {
      // SRCHALL is in two public comments and in every secret text: exactly the two are counted.
      const all = await api(b, "SRCHALL");
      expect(all.total, who).toBe(2);
      expect(all.items).toHaveLength(2);
      const allPage = await (await b.get("/search?q=SRCHALL")).text();
      expect(allPage, who).toContain("2 results");
      for (const [name, text] of Object.entries(SECRET)) {
        const marker = text.split(" ")[0]!;
        const found = await api(b, marker);
        expect(found.total, `${who}: ${name}`).toBe(0);
        expect(JSON.stringify(found), `${who}: ${name}`).not.toContain(text);
        for (const path of [`/search?q=${marker}`, `/search?q=${marker}&type=comment`, `/search.data?q=${marker}`, `/api/v1/search?q=${marker}&status=open`]) {
          const body = await (await b.get(path)).text();
          expect(body, `${who} reading ${path}`).not.toContain(text);
        }
        expect(await (await b.get(`/search?q=${marker}`)).text(), `${who}: ${name}`).toContain("No results");
      }
      expect((await api(b, "草案限定")).total, who).toBe(0);
      expect((await api(b, "機密の売上高")).total, who).toBe(0);
      expect((await api(b, "Another consultation")).total, `${who}: another team's draft`).toBe(0);
    }
  });

  it("filters by kind, status, stakeholder group and date, and pages", async () => {
    const anonymous = new Browser(server.url);
    expect((await api(anonymous, "SRCHALL", "&group=civil_society")).items.map((i) => i.snippet.includes("生成AI"))).toEqual([true]);
    expect((await api(anonymous, "SRCHALL", "&group=industry")).items.map((i) => i.snippet.includes("Transparency"))).toEqual([true]);
    expect((await api(anonymous, "SRCHALL", "&status=closed")).total).toBe(0);
    expect((await api(anonymous, "SRCHALL", "&status=open&type=comment")).total).toBe(2);
    expect((await api(anonymous, "SRCHALL", "&type=request")).total).toBe(0);
    expect((await api(anonymous, "SRCHALL", "&from=2000-01-01&to=2000-12-31")).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api(anonymous, "SRCHALL", `&from=${today}&to=${today}`)).total).toBe(2);
    for (let i = 0; i < 21; i++) await post(industry, { body: `SRCHPAGE item ${i}` });
    const first = await api(anonymous, "SRCHPAGE");
    expect([first.total, first.items.length, first.nextPage]).toEqual([21, 20, 2]);
    const second = await api(anonymous, "SRCHPAGE", "&page=2");
    expect([second.items.length, second.nextPage]).toEqual([1, null]);
    // Newest first: the last one posted leads the first page, the first one posted is alone on the second.
    expect(first.items[0]!.snippet).toContain("SRCHPAGE item 20");
    expect(second.items[0]!.snippet).toContain("SRCHPAGE item 0");
  });

  it("answers bad input with JSON errors on the API and a message on the page", async () => {
    const anonymous = new Browser(server.url);
    for (const extra of ["&page=0", "&page=51", "&type=bogus", "&from=2026-13-01", "&from=2026-02-01&to=2026-01-01", `&q=${"x".repeat(201)}`]) {
      const res = await anonymous.get(`/api/v1/search?q=a${extra}`);
      expect(res.status, extra).toBe(400);
      expect((await res.json()).error.code, extra).toBe("invalid_input");
    }
    const page = await anonymous.get("/search?q=a&type=bogus");
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("Choose what to search");
    const empty = await (await anonymous.get("/search?q=")).text();
    expect(empty).toContain("Type a word or a phrase to search.");
  });

  it("speaks Japanese and English, with the content's language marked", async () => {
    const ja = await (await new Browser(server.url).get(`/search?q=${encodeURIComponent("生成AI")}`, { "Accept-Language": "ja" })).text();
    expect(ja).toContain('<html lang="ja"');
    expect(ja).toContain("サイト内検索");
    expect(ja).toMatch(/\d+件/);
    expect(ja).toContain("<mark>生成AI</mark>");
    const none = await (await new Browser(server.url).get("/search?q=SRCHNOTHING", { "Accept-Language": "ja" })).text();
    expect(none).toContain("「SRCHNOTHING」に一致するものは見つかりませんでした");
    const en = await (await new Browser(server.url).get("/search?q=SRCHALL", { "Accept-Language": "en" })).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain("2 results");
    expect(en).toContain('role="search"');
    expect(en).toMatch(/class="search-result__snippet" lang="en"/);
    const bad = await (await new Browser(server.url).get("/search?q=a&page=0", { "Accept-Language": "ja" })).text();
    expect(bad).toContain("ページは1以上で指定してください。");
  });
});
