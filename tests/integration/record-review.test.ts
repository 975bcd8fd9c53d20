import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource, httpSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";

/**
 * Tampers a hostile review of issue 13 found that verify let through: the phase, the
 * author's publication choice, a response's links, two recorded settings, and the words
 * of confidential submissions and private rationales. Each is changed in the database,
 * must be named by verify, and passes again once restored.
 */
describe.each(databaseKinds())("what the review of the record found, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let civil: Browser;
  let industry: Browser;
  let sectionId: string;
  const verify = () => verifyLedger(databaseSource(db));
  const verifyRemote = () => verifyLedger(httpSource(server.url));
  const here = () => `/c/${SLUG}/s/${sectionId}`;
  const idOf = async (body: string) => (await db.kysely.selectFrom("comment").select("id").where("body", "=", body).executeTakeFirstOrThrow()).id;

  /** Changes the database, expects verify to name the change, undoes it, expects verify to pass. */
  const tampered = async (change: () => Promise<unknown>, undo: () => Promise<unknown>, expected: RegExp, remote = false) => {
    await change();
    try {
      const local = await verify();
      expect(local.ok).toBe(false);
      expect(local.problem).toMatch(expected);
      if (remote) {
        const r = await verifyRemote();
        expect(r.ok).toBe(false);
        expect(r.problem).toMatch(expected);
      }
    } finally {
      await undo();
    }
    expect((await verify()).problem).toBeNull();
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    sectionId = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections[2].id;
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("starts from a record that checks out", async () => {
    expect((await verify()).problem).toBeNull();
    expect((await verifyRemote()).problem).toBeNull();
  });

  it("names a consultation whose status was changed without a phase change, from the database and the server", async () => {
    await tampered(
      () => db.kysely.updateTable("consultation").set({ status: "final" }).where("slug", "=", SLUG).execute(),
      () => db.kysely.updateTable("consultation").set({ status: "open" }).where("slug", "=", SLUG).execute(),
      /consultation ai-guideline: it is served as "final", but its latest phase change \(public #\d+ \(phase_change .*\)\) made it "open"/,
      true,
    );
  });

  it("names the author's publication choice changed in the database", async () => {
    const body = "Published under my organisation, as I chose.";
    expect((await civil.postForm(here(), { intent: "comment", kind: "comment", body, publication: "organisation" })).status).toBe(302);
    const id = await idOf(body);
    await tampered(
      () => db.kysely.updateTable("comment").set({ publication: "name" }).where("id", "=", id).execute(),
      () => db.kysely.updateTable("comment").set({ publication: "organisation" }).where("id", "=", id).execute(),
      new RegExp(`comment ${id} .*: shown by name, but its author chose organisation when submitting`),
    );
    await tampered(
      () => db.kysely.updateTable("comment").set({ publication: "anonymous" }).where("id", "=", id).execute(),
      () => db.kysely.updateTable("comment").set({ publication: "organisation" }).where("id", "=", id).execute(),
      new RegExp(`comment ${id} .*: shown by anonymous, but its author chose organisation when submitting`),
    );
  });

  it("names a response whose version link, linked changes or decider were changed in the database", async () => {
    const d = await db.kysely.selectFrom("disposition").selectAll().where("superseded_at", "is", null).orderBy("created_at").limit(1).executeTakeFirstOrThrow();
    const versions = await db.kysely.selectFrom("version").select("id").where("consultation_id", "=", d.consultation_id).execute();
    const other = versions.find((v) => v.id !== d.version_id)!;
    await tampered(
      () => db.kysely.updateTable("disposition").set({ version_id: other.id }).where("id", "=", d.id).execute(),
      () => db.kysely.updateTable("disposition").set({ version_id: d.version_id }).where("id", "=", d.id).execute(),
      new RegExp(`the response to comment ${d.comment_id} is stored as answered in version ${other.id}`),
    );
    await tampered(
      () => db.kysely.updateTable("disposition").set({ change_set_ids: JSON.stringify(["not-a-change-set"]) }).where("id", "=", d.id).execute(),
      () => db.kysely.updateTable("disposition").set({ change_set_ids: d.change_set_ids }).where("id", "=", d.id).execute(),
      /is stored with other linked changes \(not-a-change-set\)/,
    );
    const someoneElse = await db.kysely.selectFrom("user").select("id").where("email", "=", "civil@example.org").executeTakeFirstOrThrow();
    await tampered(
      () => db.kysely.updateTable("disposition").set({ decided_by: someoneElse.id }).where("id", "=", d.id).execute(),
      () => db.kysely.updateTable("disposition").set({ decided_by: d.decided_by }).where("id", "=", d.id).execute(),
      /is stored as decided by another account than recorded/,
    );
  });

  it("names the holding of first posts and the showing of moderators' names changed in the database", async () => {
    const c = await db.kysely.selectFrom("consultation").selectAll().where("slug", "=", SLUG).executeTakeFirstOrThrow();
    await tampered(
      () => db.kysely.updateTable("consultation").set({ premoderate_first_posts: c.premoderate_first_posts === 1 ? 0 : 1 }).where("id", "=", c.id).execute(),
      () => db.kysely.updateTable("consultation").set({ premoderate_first_posts: c.premoderate_first_posts }).where("id", "=", c.id).execute(),
      /consultation ai-guideline: its holding of first posts is served as (true|false), but the ledger's latest settings/,
    );
    await tampered(
      () => db.kysely.updateTable("consultation").set({ show_moderator_names: c.show_moderator_names === 1 ? 0 : 1 }).where("id", "=", c.id).execute(),
      () => db.kysely.updateTable("consultation").set({ show_moderator_names: c.show_moderator_names }).where("id", "=", c.id).execute(),
      /consultation ai-guideline: its showing of moderators' names is served as (true|false)/,
    );
  });

  it("names a confidential submission's words and a position's private reason rewritten in the database", async () => {
    const body = "Only the team may read this: our incident count was 3.";
    expect((await industry.postForm(here(), { intent: "comment", kind: "comment", body, confidential: "on" })).status).toBe(302);
    // Stored sealed (encrypted at rest), so it is found as the newest confidential comment, not by its words.
    const row = await db.kysely.selectFrom("comment").select(["id", "body"]).where("visibility", "=", "confidential").orderBy("created_at", "desc").limit(1).executeTakeFirstOrThrow();
    const id = row.id;
    await tampered(
      () => db.kysely.updateTable("comment").set({ body: "Only the team may read this: our incident count was 0." }).where("id", "=", id).execute(),
      () => db.kysely.updateTable("comment").set({ body: row.body }).where("id", "=", id).execute(),
      new RegExp(`comment ${id} \\(public #\\d+ \\(submission ${id}\\)\\): its words in the database are not the words the ledger recorded`),
    );

    expect((await civil.postForm(here(), { intent: "position", stance: "oppose", rationale: "A reason only I see.", quote: "" })).status).toBe(302);
    const p = await db.kysely.selectFrom("position").selectAll().where("rationale", "=", "A reason only I see.").executeTakeFirstOrThrow();
    await tampered(
      () => db.kysely.updateTable("position").set({ rationale: "Another reason." }).where("id", "=", p.id).execute(),
      () => db.kysely.updateTable("position").set({ rationale: p.rationale }).where("id", "=", p.id).execute(),
      new RegExp(`position ${p.id} on section ${sectionId}: its stated reason is not the one public #\\d+ \\(position ${p.id}\\) records`),
    );
  });
});
