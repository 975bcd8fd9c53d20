import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-jigyosha-guideline";
const ENV = { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_JAPANESE: "1", DEMO_PASSWORD: PASSWORD };

interface Span {
  type: string;
  text: string;
  authors?: { name: string }[];
}

describe.each(databaseKinds())("the Japanese demo on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`)).json();
  const consultation = () => db.kysely.selectFrom("consultation").selectAll().where("slug", "=", SLUG).executeTakeFirstOrThrow();
  const comments = async () => db.kysely.selectFrom("comment").selectAll().where("consultation_id", "=", (await consultation()).id).orderBy("created_at").execute();
  const versions = async () => db.kysely.selectFrom("version").select(["number", "name"]).where("consultation_id", "=", (await consultation()).id).orderBy("number").execute();
  const inserts = (spans: Span[]) => spans.filter((s) => s.type === "insert");

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, ENV);
    db = createDb(tdb.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("seeds 「AI事業者向けガイドライン（案）」 beside the English guideline, written in Japanese and shown in Japan time", async () => {
    const list = await api("/consultations");
    expect(list.items.map((c: { slug: string }) => c.slug).sort()).toEqual(["ai-guideline", SLUG]);
    const row = await consultation();
    expect(row).toMatchObject({ title: "AI事業者向けガイドライン（案）", content_language: "ja", time_zone: "Asia/Tokyo", status: "open" });
    // Its deadline is the end of a day in Japan: 23:59 JST.
    expect(new Date(row.closes_at!).toISOString()).toMatch(/T14:59:00\.000Z$/);
    const c = await api(`/consultations/${SLUG}`);
    expect(c).toMatchObject({ contentLanguage: "ja", timeZone: "Asia/Tokyo", phase: "open" });
    expect(c.sections.map((s: { title: string }) => s.title)).toEqual([
      "1. 適用範囲と位置付け",
      "2. 基本理念",
      "3. AI開発者の取組",
      "4. AI提供者の取組",
      "5. AI利用者の取組",
      "6. リスク管理とインシデント対応",
      "7. 透明性と説明責任",
    ]);
    // The English demo is unchanged beside it.
    expect(await api("/consultations/ai-guideline")).toMatchObject({ contentLanguage: "en", timeZone: "UTC" });
  });

  it("has Japanese comments and replies on exact passages, and two suggested amendments: one accepted, one declined with its reason", async () => {
    const all = await comments();
    const top = all.filter((c) => !c.parent_id);
    const replies = all.filter((c) => c.parent_id);
    expect(top.length).toBeGreaterThanOrEqual(5);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(all.every((c) => c.status === "published" && c.visibility === "public")).toBe(true);
    // Every top-level comment is anchored to the passage it quotes.
    for (const c of top) {
      expect(c.quote_exact).toBeTruthy();
      expect(c.anchor_start).not.toBeNull();
    }
    expect(top.map((c) => c.quote_exact)).toContain("「共同責任」の考え方");
    const suggestions = top.filter((c) => c.kind === "suggestion");
    expect(suggestions.map((s) => [s.quote_exact, s.replacement, s.suggestion_status])).toEqual([
      ["必要に応じて", "原則として", "accepted"],
      ["72時間以内に", "速やかに", "declined"],
    ]);
    expect(suggestions[1]!.decision_reason).toContain("原案のとおりとします");
  });

  it("shows a version comparison with who wrote each change", async () => {
    expect(await versions()).toEqual([
      { number: 1, name: "意見募集版" },
      { number: 2, name: "修正案（第2版）" },
    ]);
    const sections = (await api(`/consultations/${SLUG}`)).sections as { id: string }[];
    const transparency = await api(`/sections/${sections[6]!.id}/diff?from=v1&to=v2`);
    // The accepted suggestion: its words are its proposer's (高橋 由紀); its change set also names who applied it (山本 直樹).
    expect(inserts(transparency.spans).map((s) => [s.text.trim(), s.authors!.map((a) => a.name)])).toEqual([["原則として", ["高橋 由紀"]]]);
    expect(transparency.spans.filter((s: Span) => s.type === "delete").map((s: Span) => s.text.trim())).toEqual(["必要に応じて"]);
    const providers = await api(`/sections/${sections[3]!.id}/diff?from=v1&to=v2`);
    expect(inserts(providers.spans).map((s) => [s.text, s.authors!.map((a) => a.name)])).toEqual([["（AIの用途、性能の限界、利用上の注意事項等）", ["佐藤 美咲"]]]);
    const page = await (await fetch(`${server.url}/c/${SLUG}/compare?from=v1&to=v2`)).text();
    expect(page).toContain("原則として");
    expect(page).toContain("佐藤 美咲");
  });

  it("answers comments in Japanese (提出意見に対する考え方) and leaves one question open", async () => {
    const id = (await consultation()).id;
    const current = await db.kysely.selectFrom("disposition").select(["comment_id", "outcome", "response", "change_set_ids"]).where("consultation_id", "=", id).where("superseded_at", "is", null).execute();
    expect(current.map((d) => d.outcome).sort()).toEqual(["adopted", "not_adopted", "not_adopted", "noted", "partly_adopted"]);
    // The accepted suggestion's stock answer is replaced by the team's own words.
    expect(current.every((d) => /[ぁ-んァ-ン一-龯]/.test(d.response))).toBe(true);
    expect(current.find((d) => d.outcome === "partly_adopted")!.change_set_ids).not.toBe("[]");
    const report = await (await fetch(`${server.url}/c/${SLUG}/v/1/report.json`)).json();
    expect(report.totals).toMatchObject({ adopted: 1, partly_adopted: 1, not_adopted: 2, noted: 1, open: 1 });
  });

  it("records positions from several stakeholder groups", async () => {
    const id = (await consultation()).id;
    const positions = await db.kysely.selectFrom("position").select(["stance", "stakeholder_group"]).where("consultation_id", "=", id).where("superseded_at", "is", null).execute();
    expect(new Set(positions.map((p) => p.stakeholder_group)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(positions.map((p) => p.stance))).toEqual(new Set(["support", "support_with_changes", "oppose", "neutral"]));
  });

  it("lets the Japanese demo accounts sign in with DEMO_PASSWORD, their interface in Japanese", async () => {
    for (const email of ["yamamoto@example.jp", "sato@example.jp", "tanaka@example.jp", "takahashi@example.jp"]) {
      expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(302);
    }
    const user = await db.kysely.selectFrom("user").select(["display_name", "organisation", "locale"]).where("email", "=", "yamamoto@example.jp").executeTakeFirstOrThrow();
    expect(user).toEqual({ display_name: "山本 直樹", organisation: "経済産業省 AI政策室", locale: "ja" });
    const owner = new Browser(server.url);
    await owner.signIn("yamamoto@example.jp", PASSWORD);
    const settings = await owner.get(`/c/${SLUG}/settings`);
    expect(settings.status).toBe(200);
    expect(await settings.text()).toMatch(/<html lang="ja"/);
  });

  it(
    "verifies: the ledger in-process and with margin verify, and again after seeding a second time (nothing is added twice)",
    async () => {
      const first = await verifyLedger(databaseSource(db));
      expect(first.problem).toBeNull();
      expect(first.ok).toBe(true);
      const before = { comments: (await comments()).length, versions: await versions() };
      await server.stop();
      server = await startServer(tdb.url, ENV);
      expect(await db.kysely.selectFrom("consultation").select("id").where("slug", "=", SLUG).execute()).toHaveLength(1);
      expect({ comments: (await comments()).length, versions: await versions() }).toEqual(before);
      const cli = await runCli(["verify"], { DATABASE_URL: tdb.url });
      expect(cli.stderr).toBe("");
      expect(cli.code).toBe(0);
      expect(cli.stdout).toMatch(/^OK — .* entries in 3 chain\(s\)/);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
