import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource, httpSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const ADMIN_PAGE = "/admin/organisations";
const MINISTRY = "Digital Agency of Atlantis";

interface ApiAuthor {
  name: string;
  organisation: string;
  verifiedOrganisation: { name: string; kind: string; label: string } | null;
}

/**
 * Issue 14, item 1: organisations a site admin registers and verifies (with the evidence
 * in the public record); the people of a verified one speak with a badge, and a name
 * typed into a profile never looks verified.
 */
describe.each(databaseKinds())("organisations on %s", { timeout: CLI_TEST_TIMEOUT_MS }, (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let admin: Browser;
  let industry: Browser;
  let civil: Browser;
  let owner: Browser;
  let section: string;
  const page = `/c/${SLUG}/s/`;
  const orgEntries = () => db.kysely.selectFrom("ledger_entry").selectAll().where("kind", "=", "organisation").orderBy("seq").execute();
  const post = async (who: Browser, body: string, publication = "name") => {
    const res = await who.postForm(`${page}${section}`, { intent: "comment", kind: "comment", body, publication });
    expect(res.status).toBe(302);
  };
  const apiAuthor = async (body: string): Promise<ApiAuthor> => {
    const res = await (await fetch(`${server.url}/api/v1/sections/${section}/comments`)).json();
    const found = (res.items as { body: string; author: ApiAuthor }[]).find((c) => c.body === body);
    if (!found) throw new Error(`no comment "${body}" in the API`);
    return found.author;
  };
  /** The byline of the comment with this text on the public section page. */
  const byline = async (body: string) => {
    const html = await (await fetch(`${server.url}${page}${section}?threads=all`)).text();
    const at = html.indexOf(body);
    expect(at, `"${body}" on the section page`).toBeGreaterThan(0);
    const start = html.lastIndexOf('class="byline"', at);
    return html.slice(start, at);
  };
  const expectRecordHolds = async () => {
    expect((await verifyLedger(databaseSource(db))).problem).toBeNull();
    expect((await verifyLedger(httpSource(server.url))).problem).toBeNull();
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    const signIn = async (email: string) => {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      return b;
    };
    admin = new Browser(server.url);
    const adminEmail = await admin.signUp({ displayName: "Site Admin", password: PASSWORD });
    await db.kysely.updateTable("user").set({ site_role: "admin" }).where("email", "=", adminEmail).execute();
    industry = await signIn("industry@example.org");
    civil = await signIn("civil@example.org");
    owner = await signIn("owner@example.org");
    section = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections[0].id;
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("is a 404 for everyone but a site admin, page, data request and form alike, and changes nothing", async () => {
    const anonymous = new Browser(server.url);
    for (const [who, b] of [["anonymous", anonymous], ["a participant", industry], ["a consultation owner (convener)", owner]] as const) {
      expect((await b.get(ADMIN_PAGE)).status, who).toBe(404);
      expect((await b.get(`${ADMIN_PAGE}.data`)).status, who).toBe(404);
      const res = await b.postForm(ADMIN_PAGE, { intent: "add", name: "Sneaky Ministry", kind: "government" });
      expect(res.status, who).toBe(404);
    }
    expect(await db.kysely.selectFrom("organisation").selectAll().execute()).toEqual([]);
    expect(await orgEntries()).toEqual([]);
    expect((await admin.get(ADMIN_PAGE)).status).toBe(200);
  });

  it("lets an admin register, verify and staff an organisation on the page, with clear errors, each change in the record", async () => {
    const bad = await admin.postForm(ADMIN_PAGE, { intent: "add", name: "", kind: "kingdom", slug: "x", emailDomain: "not a domain" });
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    for (const m of ["Name is required.", "Choose a kind", "at least 3 characters", "Give a domain like meti.go.jp"]) expect(badText).toContain(m);

    const ok = await admin.postForm(ADMIN_PAGE, { intent: "add", name: MINISTRY, kind: "government", slug: "digital-agency", emailDomain: "@Digital.Example" });
    expect(ok.status).toBe(302);
    const row = await db.kysely.selectFrom("organisation").selectAll().where("slug", "=", "digital-agency").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: MINISTRY, kind: "government", email_domain: "digital.example", verified_at: null });

    const taken = await admin.postForm(ADMIN_PAGE, { intent: "add", name: "Another", kind: "company", slug: "digital-agency" });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("is taken by another organisation");

    const short = await admin.postForm(ADMIN_PAGE, { intent: "verify", verifySlug: "digital-agency", evidence: "ok" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Evidence needs at least 10 characters.");

    const ghost = await admin.postForm(ADMIN_PAGE, { intent: "add-member", memberSlug: "digital-agency", memberEmail: "ghost@example.org", memberRole: "member" });
    expect(ghost.status).toBe(404);
    expect(await ghost.text()).toContain("No account uses that email.");

    const added = await admin.postForm(ADMIN_PAGE, { intent: "add-member", memberSlug: "digital-agency", memberEmail: "industry@example.org", memberRole: "representative" });
    expect(added.status).toBe(302);

    const entries = await orgEntries();
    expect(entries.map((e) => [e.chain, e.consultation_id, e.subject_id])).toEqual([
      ["public", null, row.id],
      ["public", null, row.id],
    ]);
    expect(JSON.parse(entries[0]!.payload)).toMatchObject({ action: "registered", slug: "digital-agency", name: MINISTRY, kind: "government" });
    // A representative speaks for the organisation: named in the record.
    const industryName = (await db.kysely.selectFrom("user").select("display_name").where("email", "=", "industry@example.org").executeTakeFirstOrThrow()).display_name;
    expect(JSON.parse(entries[1]!.payload)).toMatchObject({ action: "member", role: { from: null, to: "representative" }, representative: industryName });

    // The transparency page counts them with the other public entries.
    expect(await (await fetch(`${server.url}/transparency`)).text()).toContain("Organisations registered, verified and their representatives: 2");
    const listed = await (await admin.get(ADMIN_PAGE)).text();
    expect(listed).toContain(MINISTRY);
    expect(listed).toContain("Not verified");
    await expectRecordHolds();
  });

  it("shows no badge for an unverified organisation or a self-declared name, and the badge once verified, hidden when anonymous", async () => {
    // The civil society user types the ministry's name into their profile: plain text, never a badge.
    await db.kysely.updateTable("user").set({ organisation: MINISTRY }).where("email", "=", "civil@example.org").execute();
    await post(civil, "A self-declared ministry speaks.");
    await post(industry, "The representative speaks before verification.");
    for (const body of ["A self-declared ministry speaks.", "The representative speaks before verification."]) {
      expect((await apiAuthor(body)).verifiedOrganisation).toBeNull();
      expect(await byline(body)).not.toContain("Verified");
    }
    expect((await apiAuthor("A self-declared ministry speaks.")).organisation).toBe(MINISTRY);

    const verified = await admin.postForm(ADMIN_PAGE, { intent: "verify", verifySlug: "digital-agency", evidence: "Member email domain digital.example checked." });
    expect(verified.status).toBe(302);
    const entry = (await orgEntries()).at(-1)!;
    expect(JSON.parse(entry.payload)).toMatchObject({ action: "verified", evidence: "Member email domain digital.example checked." });

    await post(industry, "The representative speaks after verification.");
    await post(industry, "The representative speaks anonymously.", "anonymous");
    await post(industry, "The representative speaks as the organisation.", "organisation");
    const badge = { name: MINISTRY, kind: "government", label: "Verified government body" };
    expect((await apiAuthor("The representative speaks after verification.")).verifiedOrganisation).toMatchObject(badge);
    // The badge belongs to the person, now: their earlier comment carries it too.
    expect((await apiAuthor("The representative speaks before verification.")).verifiedOrganisation).toMatchObject(badge);
    expect((await apiAuthor("The representative speaks as the organisation.")).verifiedOrganisation).toMatchObject(badge);
    expect(await byline("The representative speaks after verification.")).toMatch(new RegExp(`${MINISTRY}.*Verified government body`));
    // The verified organisation's registered name takes the place of the profile's text, so a byline never names two.
    expect((await apiAuthor("The representative speaks after verification.")).organisation).toBe(MINISTRY);
    expect((await apiAuthor("The representative speaks as the organisation.")).name).toBe(MINISTRY);

    const anonymous = await apiAuthor("The representative speaks anonymously.");
    expect(anonymous).toMatchObject({ name: "Anonymous", organisation: "", verifiedOrganisation: null });
    expect(await byline("The representative speaks anonymously.")).not.toContain("Verified");
    expect(await byline("The representative speaks anonymously.")).not.toContain(MINISTRY);

    // The version page and the response report carry the same badge (the report's JSON too), and never on the anonymous comment.
    const version = Math.max(...(await db.kysely.selectFrom("version").select("number").execute()).map((v) => Number(v.number)));
    for (const path of [`/c/${SLUG}/v/${version}`, `/c/${SLUG}/v/${version}/report`]) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      expect(html, path).toMatch(new RegExp(`${MINISTRY}.*Verified government body`));
    }
    const report = await (await fetch(`${server.url}/c/${SLUG}/v/${version}/report.json`)).json();
    const rows = (report.sections as { rows: { body: string; author: ApiAuthor }[] }[]).flatMap((g) => g.rows);
    expect(rows.find((r) => r.body === "The representative speaks after verification.")?.author.verifiedOrganisation).toMatchObject(badge);
    expect(rows.find((r) => r.body === "The representative speaks anonymously.")?.author.verifiedOrganisation).toBeNull();
    expect(rows.find((r) => r.body === "A self-declared ministry speaks.")?.author.verifiedOrganisation).toBeNull();

    // The self-declared name still gets nothing, after the real one is verified.
    expect((await apiAuthor("A self-declared ministry speaks.")).verifiedOrganisation).toBeNull();
    expect(await byline("A self-declared ministry speaks.")).not.toContain("Verified");
    await expectRecordHolds();
  });

  it("does the same from the CLI: margin org add, verify, member add, with errors naming the option", async () => {
    const env = { DATABASE_URL: tdb.url };
    const bad = await runCli(["org", "add", "--name", "Acme", "--kind", "empire"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--kind: Choose a kind");

    const add = await runCli(["org", "add", "--name", "Acme Robotics K.K.", "--kind", "company", "--domain", "acme.example"], env);
    expect(add.stderr).toBe("");
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('as "acme-robotics-k-k"');

    const noEvidence = await runCli(["org", "verify", "--slug", "acme-robotics-k-k"], env);
    expect(noEvidence.code).toBe(1);
    expect(noEvidence.stderr).toContain("--evidence: Evidence needs at least 10 characters.");
    const verify = await runCli(["org", "verify", "--slug", "acme-robotics-k-k", "--evidence", "Registry entry 1234 checked by phone."], env);
    expect(verify.code).toBe(0);

    // One organisation per person: the ministry's representative cannot join Acme.
    const elsewhere = await runCli(["org", "member", "add", "--slug", "acme-robotics-k-k", "--email", "industry@example.org"], env);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain("already belongs to another organisation");
    const member = await runCli(["org", "member", "add", "--slug", "acme-robotics-k-k", "--email", "civil@example.org"], env);
    expect(member.code).toBe(0);
    expect(member.stdout).toContain("civil@example.org is now a member of acme-robotics-k-k.");

    const entries = (await orgEntries()).map((e) => JSON.parse(e.payload) as Record<string, unknown>);
    const last = entries.at(-1)!;
    // A plain member is not named in the public record: a salted digest only.
    expect(last).toMatchObject({ action: "member", role: { from: null, to: "member" } });
    expect(last.representative).toBeUndefined();
    expect(typeof last.memberDigest).toBe("string");
    expect(JSON.stringify(last)).not.toContain("civil");

    // Civil now speaks from a verified company: the badge says "organisation", not "government body".
    await post(civil, "Acme's member speaks.");
    expect((await apiAuthor("Acme's member speaks.")).verifiedOrganisation).toMatchObject({ name: "Acme Robotics K.K.", label: "Verified organisation" });

    // Removing a member on the page takes the badge away and is recorded too.
    expect(await (await admin.get("/account")).text()).toContain('href="/admin/organisations"');
    const civilId = (await db.kysely.selectFrom("user").select("id").where("email", "=", "civil@example.org").executeTakeFirstOrThrow()).id;
    const removed = await admin.postForm(ADMIN_PAGE, { intent: "remove-member", slug: "acme-robotics-k-k", userId: civilId });
    expect(removed.status).toBe(302);
    expect((await apiAuthor("Acme's member speaks.")).verifiedOrganisation).toBeNull();
    expect(JSON.parse((await orgEntries()).at(-1)!.payload)).toMatchObject({ action: "member", role: { from: "member", to: null } });
    expect((await admin.postForm(ADMIN_PAGE, { intent: "remove-member", slug: "acme-robotics-k-k", userId: civilId })).status).toBe(404);
    await expectRecordHolds();
    const cliVerify = await runCli(["verify"], env);
    expect(cliVerify.code, cliVerify.stderr).toBe(0);
  });

  it("lets margin verify catch a badge the record does not back: a verification or evidence changed in the database", async () => {
    const tamper = async (slug: string, set: { verified_at?: string | null; verification_evidence?: string | null }, expected: string) => {
      const before = await db.kysely.selectFrom("organisation").select(["verified_at", "verification_evidence"]).where("slug", "=", slug).executeTakeFirstOrThrow();
      await db.kysely.updateTable("organisation").set(set).where("slug", "=", slug).execute();
      try {
        expect((await verifyLedger(databaseSource(db))).problem).toContain(expected);
      } finally {
        await db.kysely.updateTable("organisation").set(before).where("slug", "=", slug).execute();
      }
    };
    expect((await admin.postForm(ADMIN_PAGE, { intent: "add", name: "Unverified Startup", kind: "startup", slug: "unverified-startup" })).status).toBe(302);
    await tamper("unverified-startup", { verified_at: new Date().toISOString(), verification_evidence: "Trust me." }, "organisation unverified-startup: marked verified, but no ledger entry records its verification");
    await tamper("digital-agency", { verification_evidence: "Checked nothing." }, "organisation digital-agency: its evidence differs from what");
    await tamper("digital-agency", { verified_at: null }, "records its verification, but it is not marked verified");
    await expectRecordHolds();
  });
});
