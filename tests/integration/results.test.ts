import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import type { DispositionOutcome } from "../../db/schema.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const JA_SLUG = "ai-jigyosha-guideline";

/** Words only the rows written here contain. */
const MARK = {
  gist: "RESULTSMARK the team's gist of the group",
  groupAnswer: "RESULTSMARK the group's considered answer",
  oldAnswer: "RESULTSMARK-superseded-group-answer",
  override: "RESULTSMARK a later answer to one member alone",
  same: "RESULTSMARK the same answer twice",
  fallbackAnswer: "RESULTSMARK answer to a group without words of its own",
  secret: "RESULTSMARK-confidential-text",
  hidden: "RESULTSMARK-hidden-text",
  pending: "RESULTSMARK-pending-text",
};

interface ResultsRow {
  no: number;
  kind: "group" | "individual" | "awaiting";
  sectionId: string;
  opinions: string[];
  count: number;
  outcome: string | null;
  response: string | null;
  answeredInVersion: number | null;
  textChanged: boolean;
  commentIds: string[];
}

/**
 * The e-Gov results (issue 18 point 5, ADR 034): group responses, single answers, a superseded group answer and
 * comments still awaiting one, made directly in the database (group responses are recorded by another
 * workstream), read as anyone reads them: the page, its CSV, JSON and PDF.
 */
describe.each(databaseKinds())("e-Gov results on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let version: number;
  let sectionIds: string[];
  /** The first public member of the group without words: its text stands in for the confidential canonical. */
  let fallbackText: string;
  let overrideId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_JAPANESE: "1", DEMO_PASSWORD: PASSWORD, RESULTS_PAGE_ROWS: "10" });
    db = createDb(tdb.url, { poolSize: 1 });
    const k = db.kysely;
    const c = await k.selectFrom("consultation").selectAll().where("slug", "=", SLUG).executeTakeFirstOrThrow();
    const versions = await k.selectFrom("version").selectAll().where("consultation_id", "=", c.id).where("public", "=", 1).orderBy("number", "desc").execute();
    version = versions[0]!.number;
    const v1 = versions.find((v) => v.number === 1)!;
    sectionIds = (await k.selectFrom("section").select("id").where("consultation_id", "=", c.id).orderBy("position").execute()).map((s) => s.id);
    const author = await k.selectFrom("user").select("id").where("email", "=", "civil@example.org").executeTakeFirstOrThrow();
    const t0 = Date.now() + 1000;
    let tick = 0;
    const at = () => new Date(t0 + 1000 * tick++).toISOString();
    const comment = async (sectionId: string, body: string, opts: { visibility?: "public" | "confidential"; status?: "published" | "pending" | "hidden" } = {}) => {
      const id = randomUUID();
      await k
        .insertInto("comment")
        .values({
          id,
          section_id: sectionId,
          consultation_id: c.id,
          author_id: author.id,
          parent_id: null,
          kind: "comment",
          body,
          replacement: null,
          anchor_start: null,
          anchor_end: null,
          quote_exact: null,
          quote_prefix: null,
          quote_suffix: null,
          position_start: null,
          position_end: null,
          base_seq: 0,
          visibility: opts.visibility ?? "public",
          status: opts.status ?? "published",
          suggestion_status: null,
          decided_by: null,
          decided_at: null,
          decision_reason: null,
          applied_seq: null,
          moderation_reason: null,
          review_requested_at: null,
          publication: "name",
          redacted_of: null,
          created_at: at(),
          edited_at: null,
          deleted_at: null,
        })
        .execute();
      return { id, sectionId };
    };
    const group = async (gist: string | null, canonicalId: string | null) => {
      const id = randomUUID();
      const now = new Date().toISOString();
      await k.insertInto("comment_group").values({ id, consultation_id: c.id, kind: "topic", label: null, gist, canonical_id: canonicalId, centroid: null, merged_into: null, created_at: now, updated_at: now }).execute();
      return id;
    };
    const groupResponse = async (groupId: string, outcome: DispositionOutcome, response: string, memberCount: number, versionId: string | null, supersededAt: string | null = null) => {
      const id = randomUUID();
      await k.insertInto("group_response").values({ id, consultation_id: c.id, group_id: groupId, outcome, response, version_id: versionId, decided_by: null, member_count: memberCount, created_at: at(), superseded_at: supersededAt }).execute();
      return id;
    };
    const dispose = async (m: { id: string; sectionId: string }, outcome: DispositionOutcome, response: string, groupResponseId: string | null, supersededAt: string | null = null, versionId: string | null = null) => {
      await k
        .insertInto("disposition")
        .values({ id: randomUUID(), consultation_id: c.id, section_id: m.sectionId, comment_id: m.id, outcome, response, change_set_ids: "[]", version_id: versionId, decided_by: null, created_at: at(), superseded_at: supersededAt, group_response_id: groupResponseId })
        .execute();
    };
    const [s0, s1, s2] = sectionIds as [string, string, string];

    // A group answered twice: the first answer superseded, the second current; one member then answered alone.
    const members = [await comment(s0, "Member one of the group"), await comment(s0, "Member two of the group"), await comment(s0, "Member three of the group"), await comment(s0, "Member four of the group")];
    const secretMember = await comment(s0, MARK.secret, { visibility: "confidential" });
    const hiddenMember = await comment(s0, MARK.hidden, { status: "hidden" });
    await comment(s1, MARK.pending, { status: "pending" });
    const g1 = await group(MARK.gist, members[0]!.id);
    const old = await groupResponse(g1, "noted", MARK.oldAnswer, 6, null, at());
    const current = await groupResponse(g1, "partly_adopted", MARK.groupAnswer, 6, v1.id);
    for (const m of [...members, secretMember, hiddenMember]) {
      await dispose(m, "noted", MARK.oldAnswer, old, at());
      await dispose(m, "partly_adopted", MARK.groupAnswer, current, m === members[3] ? at() : null, v1.id);
    }
    overrideId = members[3]!.id;
    await dispose(members[3]!, "adopted", MARK.override, null);

    // A group without words of its own whose canonical comment is confidential: its first public member stands for it.
    const g2 = await group(null, secretMember.id);
    const fallbackMembers = [await comment(s2, "The first public words of the second group"), await comment(s2, "The second public words of the second group")];
    fallbackText = "The first public words of the second group";
    const gr2 = await groupResponse(g2, "not_adopted", MARK.fallbackAnswer, 2, null);
    for (const m of fallbackMembers) await dispose(m, "not_adopted", MARK.fallbackAnswer, gr2);

    // Two comments in a row answered with the same words: one row of two. Then twelve answered each in its own words (to page the table).
    for (const body of ["Same answer, first comment", "Same answer, second comment"]) await dispose(await comment(s1, body), "noted", MARK.same, null);
    for (let i = 0; i < 12; i++) await dispose(await comment(s1, `Answered alone number ${i}`), "noted", `RESULTSMARK own answer ${i}`, null);
    // Three still waiting.
    for (let i = 0; i < 3; i++) await comment(s2, `RESULTSMARK waiting ${i}`);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  const json = async (path: string) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as { format: string; totals: { comments: number; answered: number; awaiting: number; rows: number }; confidentialSubmissions: number; rows: ResultsRow[] };
  };

  it("counts a group's answer for the members that still carry it, never a confidential or hidden one, and numbers the rows by section", async () => {
    const doc = await json(`/c/${SLUG}/v/${version}/results.json`);
    expect(doc.format).toBe("margin-egov-results/1");
    expect(doc.rows.map((r) => r.no)).toEqual(doc.rows.map((_, i) => i + 1));
    const group = doc.rows.find((r) => r.opinions[0] === MARK.gist)!;
    expect(group).toMatchObject({ kind: "group", count: 3, outcome: "partly_adopted", response: MARK.groupAnswer, answeredInVersion: 1, textChanged: true, sectionId: sectionIds[0] });
    const override = doc.rows.find((r) => r.response === MARK.override)!;
    expect(override).toMatchObject({ kind: "individual", count: 1, outcome: "adopted", commentIds: [overrideId], opinions: ["Member four of the group"] });
    const same = doc.rows.find((r) => r.response === MARK.same)!;
    expect(same).toMatchObject({ kind: "individual", count: 2, opinions: ["Same answer, first comment", "Same answer, second comment"] });
    const fallback = doc.rows.find((r) => r.response === MARK.fallbackAnswer)!;
    expect(fallback).toMatchObject({ kind: "group", count: 2, opinions: [fallbackText], textChanged: false });
    const waiting = doc.rows.filter((r) => r.kind === "awaiting" && r.sectionId === sectionIds[2]);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.count).toBeGreaterThanOrEqual(3);
    // Sections in order, then time.
    const order = new Map(sectionIds.map((id, i) => [id, i]));
    const places = doc.rows.map((r) => order.get(r.sectionId)!);
    expect([...places].sort((a, b) => a - b)).toEqual(places);
    // The same comments the flat report lists, counted once each; the confidential ones only counted.
    const report = (await (await fetch(`${server.url}/c/${SLUG}/v/${version}/report.json`)).json()) as { totals: Record<string, number>; confidentialSubmissions: number; sections: { rows: unknown[] }[] };
    const listed = report.sections.reduce((n, s) => n + s.rows.length, 0);
    expect(doc.totals.comments).toBe(listed);
    expect(doc.totals.awaiting).toBe(report.totals.open);
    expect(doc.rows.reduce((n, r) => n + r.count, 0)).toBe(listed);
    expect(doc.confidentialSubmissions).toBe(report.confidentialSubmissions);
    expect(doc.confidentialSubmissions).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(doc);
    for (const m of [MARK.secret, MARK.hidden, MARK.pending, MARK.oldAnswer]) expect(text).not.toContain(m);
  });

  it("shows the table in pages, numbered across pages, and refuses a bad page", async () => {
    const first = await (await fetch(`${server.url}/c/${SLUG}/v/${version}/results`)).text();
    expect(first).toContain("Results of the public comment round");
    expect(first).toContain("Gist of the opinions");
    expect(first).toContain(MARK.gist);
    expect(first).toContain('rel="next"');
    for (const m of [MARK.secret, MARK.hidden, MARK.pending, MARK.oldAnswer]) expect(first).not.toContain(m);
    const second = await (await fetch(`${server.url}/c/${SLUG}/v/${version}/results?page=2`)).text();
    expect(second).toContain('id="result-11"');
    expect(second).not.toContain('id="result-10"');
    expect(second).toContain("Rows 11–");
    for (const bad of ["0", "x", "1.5"]) {
      const res = await fetch(`${server.url}/c/${SLUG}/v/${version}/results?page=${bad}`);
      expect(res.status, bad).toBe(400);
      await res.body?.cancel();
    }
    expect((await fetch(`${server.url}/c/${SLUG}/v/99/results.json`)).status).toBe(404);
    // Linked from the report and the version's page.
    expect(await (await fetch(`${server.url}/c/${SLUG}/v/${version}/report`)).text()).toContain(`/c/${SLUG}/v/${version}/results`);
    expect(await (await fetch(`${server.url}/c/${SLUG}/versions`)).text()).toContain(`/c/${SLUG}/v/${version}/results`);
  });

  it("downloads the whole table as CSV, with the byte-order mark Excel needs unless told not to", async () => {
    const plain = await fetch(`${server.url}/c/${SLUG}/v/${version}/results.csv?bom=0`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await plain.arrayBuffer());
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.split("\r\n")[0]).toBe("No.,Section,Row,Gist of the opinions,Number,Considered answer,Outcome,Text changed,Change sets,Answered in version");
    expect(csv).toContain(MARK.gist);
    expect(csv).toContain("RESULTSMARK own answer 11");
    for (const m of [MARK.secret, MARK.hidden, MARK.pending, MARK.oldAnswer]) expect(csv).not.toContain(m);
    const excel = new Uint8Array(await (await fetch(`${server.url}/c/${SLUG}/v/${version}/results.csv`)).arrayBuffer());
    expect([...excel.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(excel.slice(3))).toBe(csv);
    expect(new Uint8Array(await (await fetch(`${server.url}/c/${SLUG}/v/${version}/results.csv?bom=1`)).arrayBuffer())).toEqual(excel);
    const bad = await fetch(`${server.url}/c/${SLUG}/v/${version}/results.csv?bom=yes`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("bom must be 1");
  });

  it("guards CSV cells against spreadsheet formulas", async () => {
    const c = await db.kysely.selectFrom("consultation").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
    const g = await db.kysely.selectFrom("group_response").select("group_id").where("consultation_id", "=", c.id).where("response", "=", MARK.groupAnswer).executeTakeFirstOrThrow();
    await db.kysely.updateTable("comment_group").set({ gist: "=HYPERLINK(\"http://evil.example\")" }).where("id", "=", g.group_id).execute();
    try {
      const csv = await (await fetch(`${server.url}/c/${SLUG}/v/${version}/results.csv`)).text();
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    } finally {
      await db.kysely.updateTable("comment_group").set({ gist: MARK.gist }).where("id", "=", g.group_id).execute();
    }
  });

  it("prints the table as a PDF on the server", async () => {
    const res = await fetch(`${server.url}/c/${SLUG}/v/${version}/results.pdf`);
    expect(res.status, await res.clone().text().then((t) => t.slice(0, 200))).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }, 60_000);

  it("publishes a Japanese consultation's results in Japanese, whatever the reader's language, with Japanese fonts in its PDF", async () => {
    const html = await (await fetch(`${server.url}/c/${JA_SLUG}/v/1/results`)).text();
    expect(html).toContain("意見募集の結果");
    expect(html).toContain("提出意見の概要");
    expect(html).toContain("意見に対する考え方");
    expect(html).toContain('lang="ja"');
    const csv = await (await fetch(`${server.url}/c/${JA_SLUG}/v/1/results.csv`)).text();
    expect(csv.split("\r\n")[0]).toContain("提出意見の概要");
    const res = await fetch(`${server.url}/c/${JA_SLUG}/v/1/results.pdf`);
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // The glyphs come from an embedded CJK font (fonts-noto-cjk), not from boxes.
    expect(pdf.toString("latin1")).toMatch(/\/(BaseFont|FontName)\s*\/[A-Z]{6}\+Noto\w*CJK/);
  }, 60_000);
});
