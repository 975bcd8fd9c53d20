import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phraseIn } from "../../common/i18n/phrases.js";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PASSWORD = "demo-password-1";
const JA = { "accept-language": "ja" };
const EN = { "accept-language": "en" };

/**
 * Issue 15, items 2, 3 and 5: a consultation's and a request's content language and
 * time zone, chosen on creation (or detected on import) and changed in settings with a
 * ledger entry; dates typed in forms read in that zone and shown back in it, with its
 * name; and Japanese titles that still get an address.
 */
describe.each(databaseKinds())("content language and time zone, on %s", { timeout: CLI_TEST_TIMEOUT_MS }, (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let convener: Browser;

  const api = async (path: string) => (await convener.get(`/api/v1${path}`)).json();
  const settingsEntries = () => db.kysely.selectFrom("ledger_entry").selectAll().where("kind", "=", "settings").orderBy("seq").execute();
  const expectRecordHolds = async () => expect((await verifyLedger(databaseSource(db))).problem).toBeNull();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_REQUESTS: "1", DEMO_PASSWORD: PASSWORD });
    db = createDb(tdb.url, { poolSize: 2 });
    convener = new Browser(server.url);
    expect((await convener.signIn("convener@example.org", PASSWORD)).status).toBe(302);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("creates a Japanese consultation in Japan time: the deadline typed is read as JST and shown back as typed", async () => {
    const page = await (await convener.get("/consultations/new", JA)).text();
    expect(page).toContain('<html lang="ja"');
    expect(page).toContain("本文の言語");
    expect(page).toContain("言語に応じた標準（日本語：Asia/Tokyo、英語：UTC）");
    // The interface is Japanese, so Japanese is the language offered first.
    expect(page).toMatch(/<option value="ja" selected="">日本語<\/option>/);

    const res = await convener.postForm("/consultations/new", {
      title: "生成AIの利用に関する指針（案）",
      slug: "seisei-ai-shishin",
      summary: "",
      opensAt: "",
      closesAt: "2027-01-16T23:59",
      moderationMode: "post",
      contentLanguage: "ja",
      timeZone: "",
    });
    expect(res.status).toBe(302);
    const c = await api("/consultations/seisei-ai-shishin");
    expect(c.contentLanguage).toBe("ja");
    expect(c.timeZone).toBe("Asia/Tokyo");
    expect(c.closesAt).toBe("2027-01-16T14:59:00.000Z");

    const ja = await (await convener.get("/c/seisei-ai-shishin/settings", JA)).text();
    expect(ja).toContain('value="2027-01-16T23:59"');
    expect(ja).toContain("意見募集期間（日時は JST (Asia/Tokyo)）");
    expect(ja).toContain('name="datesTimeZone" value="Asia/Tokyo"');
    const en = await (await convener.get("/c/seisei-ai-shishin/settings", EN)).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain("Comment window (times in GMT+9 (Asia/Tokyo))");
    expect(en).toContain('value="2027-01-16T23:59"');
  });

  it("keeps the deadline when the zone changes, shows it in the new zone, and records the change", async () => {
    const before = (await settingsEntries()).length;
    const res = await convener.postForm("/c/seisei-ai-shishin/settings", {
      intent: "settings",
      title: "生成AIの利用に関する指針（案）",
      summary: "",
      opensAt: "",
      closesAt: "2027-01-16T23:59",
      moderationMode: "post",
      contentLanguage: "ja",
      timeZone: "Europe/London",
      datesTimeZone: "Asia/Tokyo",
    });
    expect(res.status).toBe(302);
    const c = await api("/consultations/seisei-ai-shishin");
    expect(c.timeZone).toBe("Europe/London");
    expect(c.closesAt).toBe("2027-01-16T14:59:00.000Z");
    const en = await (await convener.get("/c/seisei-ai-shishin/settings", EN)).text();
    expect(en).toContain('value="2027-01-16T14:59"');
    expect(en).toContain("Comment window (times in GMT (Europe/London))");

    const entries = await settingsEntries();
    expect(entries).toHaveLength(before + 1);
    expect(JSON.parse(entries.at(-1)!.payload).changes).toEqual({ timeZone: { from: "Asia/Tokyo", to: "Europe/London" } });
    await expectRecordHolds();

    // A zone moved in the database, with no entry, is named by verify.
    const id = (await db.kysely.selectFrom("consultation").select("id").where("slug", "=", "seisei-ai-shishin").executeTakeFirstOrThrow()).id;
    await db.kysely.updateTable("consultation").set({ time_zone: "Asia/Tokyo" }).where("id", "=", id).execute();
    try {
      expect((await verifyLedger(databaseSource(db))).problem).toContain('consultation seisei-ai-shishin: its time zone is served as "Asia/Tokyo", but the ledger\'s latest settings');
    } finally {
      await db.kysely.updateTable("consultation").set({ time_zone: "Europe/London" }).where("id", "=", id).execute();
    }
    await expectRecordHolds();
  });

  it("refuses an unknown time zone and an impossible date, with messages the page words in its language", async () => {
    const res = await convener.postForm(
      "/consultations/new",
      { title: "Zones", slug: "zones-test", summary: "", opensAt: "", closesAt: "2027-02-30T10:00", moderationMode: "post", contentLanguage: "en", timeZone: "Mars/Olympus" },
      JA,
    );
    expect(res.status).toBe(400);
    const body = await res.text();
    // The form's errors are the server's English phrases, which the page renders through msg (phrase tables).
    const zone = "Choose a time zone from the list, such as Asia/Tokyo or UTC.";
    const date = "Closing time is not a valid date and time.";
    expect(body).toContain(zone);
    expect(body).toContain(date);
    expect(phraseIn("ja", zone)).toBe("一覧からタイムゾーン（Asia/Tokyo、UTC など）を選んでください。");
    expect(phraseIn("ja", date)).toBe("締切日時が正しくありません。");
    // What was typed comes back as typed.
    expect(body).toContain('value="2027-02-30T10:00"');
  });

  it("detects a Japanese import's language and gives its title a short address", async () => {
    const form = new FormData();
    const markdown = "# 人工知能に関する意見募集\n\n本案について意見を募集します。\n\n## 適用範囲\n\n本指針は、AI を開発し、提供し、又は利用する事業者に適用する。\n";
    form.append("file", new Blob([markdown], { type: "text/markdown" }), "an.md");
    const res = await convener.post("/consultations/import", form);
    expect(res.status).toBe(302);
    const slug = /^\/c\/([^/]+)\/settings$/.exec(res.headers.get("location") ?? "")?.[1];
    expect(slug).toMatch(/^c-[a-z2-7]{6}$/);
    const c = await api(`/consultations/${slug}`);
    expect(c.title).toBe("人工知能に関する意見募集");
    expect(c.contentLanguage).toBe("ja");
    expect(c.timeZone).toBe("Asia/Tokyo");
    await expectRecordHolds();
  });

  it("lets `margin import` choose the language and zone, or detect them", async () => {
    const file = join(tmpdir(), `margin-ja-${Date.now()}.md`);
    writeFileSync(file, "# 意見募集のお知らせ\n\n本案について意見を募集します。\n\n## 第1節\n\n本文です。\n");
    const env = { DATABASE_URL: tdb.url };
    const bad = await runCli(["import", file, "--owner", "convener@example.org", "--time-zone", "Mars/Olympus"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--time-zone: Mars/Olympus is not a time zone");
    const detected = await runCli(["import", file, "--owner", "convener@example.org", "--slug", "cli-ja"], env);
    expect(detected.code, detected.stderr).toBe(0);
    const chosen = await runCli(["import", file, "--owner", "convener@example.org", "--slug", "cli-ja-london", "--language", "en", "--time-zone", "Europe/London"], env);
    expect(chosen.code, chosen.stderr).toBe(0);
    const rows = await db.kysely.selectFrom("consultation").select(["slug", "content_language", "time_zone"]).where("slug", "in", ["cli-ja", "cli-ja-london"]).orderBy("slug").execute();
    expect(rows).toEqual([
      { slug: "cli-ja", content_language: "ja", time_zone: "Asia/Tokyo" },
      { slug: "cli-ja-london", content_language: "en", time_zone: "Europe/London" },
    ]);
  });

  it("defines a request in Japan time: its deadline is read in its zone, and its language and zone are in the record", async () => {
    const res = await convener.postForm("/requests/new", {
      intent: "save",
      slots: "1",
      title: "AIモデルの評価に関する情報提供の依頼",
      purpose: "評価の実務を把握するため。",
      legalBasis: "任意。",
      deadline: "2099-03-31T17:00",
      retentionDays: "180",
      k: "4",
      recipientBodies: ["ai-policy-review-panel"],
      q0_kind: "text",
      q0_prompt: "評価の方法を教えてください。",
      q0_help: "",
      q0_choices: "",
      q0_maxLevel: "recipients",
      contentLanguage: "ja",
      timeZone: "",
    });
    expect(res.status).toBe(302);
    const slug = /^\/requests\/([^/]+)/.exec(res.headers.get("location") ?? "")?.[1] ?? "";
    expect(slug).toMatch(/^(?:ai-[a-z2-7]{6}|request-[a-z2-7]{6})$/);
    const row = await db.kysely.selectFrom("info_request").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
    expect(row.content_language).toBe("ja");
    expect(row.time_zone).toBe("Asia/Tokyo");
    expect(row.deadline).toBe("2099-03-31T08:00:00.000Z");

    const edit = await (await convener.get(`/requests/${slug}/edit`, JA)).text();
    expect(edit).toContain('value="2099-03-31T17:00"');
    expect(edit).toContain("締切（JST (Asia/Tokyo)）");

    expect((await convener.postForm(`/requests/${slug}/issue`, { intent: "issue" })).status).toBe(302);
    const issued = await db.kysely.selectFrom("ledger_entry").selectAll().where("kind", "=", "request").where("subject_id", "=", row.id).executeTakeFirstOrThrow();
    expect(JSON.parse(issued.payload)).toMatchObject({ action: "issued", contentLanguage: "ja", timeZone: "Asia/Tokyo", deadline: "2099-03-31T08:00:00.000Z" });
    const wire = await api(`/requests/${slug}`);
    expect(wire).toMatchObject({ contentLanguage: "ja", timeZone: "Asia/Tokyo" });

    // After issuing, a new deadline is read in the request's zone too.
    const change = await (await convener.get(`/requests/${slug}/change`)).text();
    expect(change).toContain('value="2099-03-31T17:00"');
    expect((await convener.postForm(`/requests/${slug}/change`, { deadline: "2099-04-30T17:00", reason: "延長します。" })).status).toBe(302);
    expect((await db.kysely.selectFrom("info_request").select("deadline").where("id", "=", row.id).executeTakeFirstOrThrow()).deadline).toBe("2099-04-30T08:00:00.000Z");
    await expectRecordHolds();
  });
});
