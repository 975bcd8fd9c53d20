import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import type { Actor } from "../../server/auth/policy.js";
import { RequestDefinitionSchema } from "../../server/domain/request-schemas.js";
import { addOrganisationMember, createOrganisation } from "../../server/domain/organisations/index.js";
import { addRecipientBodyMember, createRecipientBody, createRequest, issueRequest } from "../../server/domain/requests/index.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "correct horse battery";
const SLUG = "risk-survey-ja";
const JA = { "accept-language": "ja,en;q=0.5" };
const EN = { "accept-language": "en-GB,en;q=0.9" };
const TITLE = "AI リスク対策に関する調査";

/**
 * Issue 15 for information requests: the public pages (request, results, recipient bodies,
 * transparency) and the answer page speak Japanese to a Japanese browser and English
 * otherwise; the request's own words are marked with its content language, its deadline
 * is shown in its time zone, and the server's messages arrive in the page's language.
 */
describe("information request pages in Japanese and English", { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let rep: Browser;
  let requestId = "";
  const questionIds: string[] = [];
  const page = async (path: string, headers: Record<string, string>, browser?: Browser) => {
    const res = browser ? await browser.get(path, headers) : await fetch(`${server.url}${path}`, { headers });
    expect(res.status, path).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    server = await startServer(tdb.url, {});
    db = createDb(tdb.url, { poolSize: 2 });
    const people: Record<string, string> = {};
    for (const [name, display] of [
      ["convener", "Connie Convener"],
      ["rep", "Rhea Representative"],
      ["recipient", "Rita Recipient"],
    ] as const) {
      const b = new Browser(server.url);
      people[name] = await b.signUp({ displayName: display, password: PASSWORD });
      if (name === "rep") rep = b;
    }
    const convenerId = (await db.kysely.selectFrom("user").select("id").where("email", "=", people.convener!).executeTakeFirstOrThrow()).id;
    await db.kysely.updateTable("user").set({ site_role: "convener" }).where("id", "=", convenerId).execute();
    await createOrganisation(db, "operator", { name: "Alpha Robotics", kind: "company", slug: "alpha", emailDomain: null });
    await addOrganisationMember(db, "operator", "alpha", people.rep!, "representative");
    const convener: Actor = { kind: "user", userId: convenerId, siteRole: "convener", role: null };
    await createRecipientBody(db, convener, { name: "AI Safety Office", slug: "safety-office", description: "Reads restricted answers." });
    await addRecipientBodyMember(db, convener, "safety-office", people.recipient!);
    const def = RequestDefinitionSchema.parse({
      title: TITLE,
      purpose: "ガイドラインの改訂のため、リスク対策の実態を把握します。",
      legalBasis: "任意。罰則なし。",
      deadline: new Date(Date.now() + 45 * 86_400_000 + 3_600_000).toISOString(),
      invited: ["alpha"],
      recipientBodies: ["safety-office"],
      questions: [
        { kind: "text", prompt: "どのような評価手法を用いていますか。", help: "", maxLevel: "public_named", required: true },
        { kind: "yes_no", prompt: "リリース前にレッドチーミングを行っていますか。", help: "", maxLevel: "aggregate" },
      ],
    });
    const row = await createRequest(db, convener, def, SLUG);
    // Written in Japanese, for Japan: its words are marked ja and its deadline shown in Tokyo time.
    await db.kysely.updateTable("info_request").set({ content_language: "ja", time_zone: "Asia/Tokyo" }).where("id", "=", row.id).execute();
    await issueRequest(db, convener, SLUG);
    requestId = row.id;
    questionIds.push(...(await db.kysely.selectFrom("info_request_question").select("id").where("request_id", "=", row.id).orderBy("position").execute()).map((q) => q.id));
    expect((await rep.signIn(people.rep!, PASSWORD)).status).toBe(302);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("serves the request page in Japanese, with its content marked ja and its deadline in JST", async () => {
    const ja = await page(`/requests/${SLUG}`, JA);
    expect(ja).toContain('<html lang="ja"');
    expect(ja).toContain("公表されるもの、決して公表されないもの");
    expect(ja).toContain("受領機関のみ");
    expect(ja).toContain("集計のみ");
    expect(ja).toContain("この依頼に記載された受領機関の構成員のみが閲覧できます。");
    expect(ja).toMatch(/締切 \d{4}年\d{1,2}月\d{1,2}日\([日月火水木金土]\) \d\d:\d\d JST（あと45日）/);
    expect(ja).toMatch(new RegExp(`<h1[^>]*lang="ja"[^>]*>${TITLE}</h1>`));
    expect(ja).not.toContain("Who reads what");

    const en = await page(`/requests/${SLUG}`, EN);
    expect(en).toContain('<html lang="en"');
    expect(en).toContain("What is published, and what never is");
    expect(en).toContain("Recipients only");
    expect(en).toContain("45 days left");
    // The content keeps its own language whatever the interface speaks.
    expect(en).toMatch(new RegExp(`<h1[^>]*lang="ja"[^>]*>${TITLE}</h1>`));
  });

  it("serves the list, recipient bodies and transparency pages in Japanese and English", async () => {
    const list = await page("/requests", JA);
    expect(list).toContain("発出済みの依頼");
    expect(list).toContain("回答受付中");
    expect(await page("/requests", EN)).toContain("Issued requests");

    const bodies = await page("/recipient-bodies", JA);
    expect(bodies).toContain('<html lang="ja"');
    expect(bodies).toContain("構成員：");
    expect(bodies).toContain("Rita Recipient");
    expect(await page("/recipient-bodies", EN)).toContain("Members:");

    const transparency = await page("/transparency", JA);
    expect(transparency).toContain('<html lang="ja"');
    expect(transparency).toContain("自分で検証する");
    expect(transparency).toContain("情報提供の依頼：発出、変更、提出の受領記録、辞退、結果");
    const en = await page("/transparency", EN);
    expect(en).toContain("Check it yourself");
    expect(en).toContain("Information requests: issued, changed");
  });

  it("lets a representative answer in Japanese: who reads each answer, the server's checks and the receipt", async () => {
    const path = `/requests/${SLUG}/respond`;
    const form = await page(path, JA, rep);
    expect(form).toContain('<html lang="ja"');
    expect(form).toContain("この回答を閲覧できる範囲");
    expect(form).toContain("公開（組織名を表示）");
    expect(form).toContain("受領機関：AI Safety Office（Rita Recipient）");
    expect(form).toContain("この回答そのものは、受領機関の構成員やサイト管理者を含め、誰も閲覧できません。");
    expect(form).toContain("はい");

    // A required question left empty: the server's English check comes back in Japanese.
    const review = await rep.postForm(path, { intent: "review", [`answer-${questionIds[1]}`]: "yes", [`level-${questionIds[1]}`]: "aggregate" }, JA);
    expect(review.status).toBe(400);
    const reviewed = await review.text();
    expect(reviewed).toContain("この質問には回答が必要です。");

    const checked = await rep.postForm(
      path,
      { intent: "review", [`answer-${questionIds[0]}`]: "社内の評価基準に基づく試験", [`level-${questionIds[0]}`]: "recipients", [`answer-${questionIds[1]}`]: "yes", [`level-${questionIds[1]}`]: "aggregate" },
      JA,
    );
    const shown = await checked.text();
    expect(shown).toContain("提出前の確認");
    expect(shown).toContain("<strong>受領機関のみ：</strong>");

    const submitted = await rep.postForm(
      path,
      { intent: "submit", [`answer-${questionIds[0]}`]: "社内の評価基準に基づく試験", [`level-${questionIds[0]}`]: "recipients", [`answer-${questionIds[1]}`]: "yes", [`level-${questionIds[1]}`]: "aggregate" },
      JA,
    );
    expect(submitted.status).toBe(302);
    const after = await page(submitted.headers.get("location")!, { ...JA, accept: "text/html" }, rep);
    expect(after.match(/class="flash"[^>]*>[^<]*/)?.[0]).toMatch(/提出しました。受付番号は \S+ です。/);
    expect(after).toContain("受領証");
    expect(after).toContain("提出済みの回答（第1版）");

    const english = await page(path, EN, rep);
    expect(english).toContain("Submitted answers (revision 1)");
    expect(english).toContain("Who may read this answer");
  });

  it("serves the results in Japanese once the deadline has passed", async () => {
    const pending = await page(`/requests/${SLUG}/results`, JA);
    expect(pending).toContain("この依頼の結果は、締切");
    await db.kysely.updateTable("info_request").set({ deadline: new Date(Date.now() - 60_000).toISOString() }).where("id", "=", requestId).execute();
    const ja = await page(`/requests/${SLUG}/results`, JA);
    expect(ja).toContain('<html lang="ja"');
    expect(ja).toContain("依頼先と回答の状況");
    expect(ja).toContain("回答者数");
    expect(ja).toContain("全回答者");
    expect(ja).toContain("公開された回答");
    const en = await page(`/requests/${SLUG}/results`, EN);
    expect(en).toContain("Who was asked, and who answered");
    expect(en).toContain("All respondents");
  });
});
