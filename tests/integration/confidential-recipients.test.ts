import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { addRecipientBodyMember, createRecipientBody } from "../../server/domain/requests/bodies.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const SECRET = "RECIPIENTMARK our supplier audit found 3 unreported incidents";
const PUBLIC_COPY = "RECIPIENTMARK-public: an audit found incidents that were not reported.";
const SUBMITTER = "Vera Whistleblower";
const SUBMITTER_ORG = "Northwind Analytics Ltd";
const READER = "Rita Reader";
const BODY = "audit-office";

/** The Remix single-fetch request for a page, as client-side navigation makes it. */
function dataUrl(path: string): string {
  const url = new URL(path, "http://x");
  url.pathname = `${url.pathname.replace(/\/$/, "")}.data`;
  return url.pathname + url.search;
}

describe.each(databaseKinds())("who reads confidential submissions, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let drafter: Browser;
  let moderator: Browser;
  let submitter: Browser;
  let reader: Browser;
  let readerEmail: string;
  let sectionId: string;
  let version: number;
  let secretId: string;

  /** Every read path a confidential submission or its public copy could show on. */
  const paths = () => {
    const section = `/c/${SLUG}/s/${sectionId}`;
    const pages = [section, `${section}?threads=all`, `/c/${SLUG}`, `/c/${SLUG}/history`, `/c/${SLUG}/v/${version}`, `/c/${SLUG}/v/${version}/report`, `/c/${SLUG}/moderation`, `/c/${SLUG}/moderation-log`, `/c/${SLUG}/settings`];
    return [
      ...pages,
      ...pages.map(dataUrl),
      `/c/${SLUG}/feed.atom`,
      `/c/${SLUG}/v/${version}/report.csv`,
      `/c/${SLUG}/v/${version}/report.json`,
      `/api/v1/sections/${sectionId}/comments`,
      `/api/v1/sections/${sectionId}/comments?format=w3c`,
      `/api/v1/consultations/${SLUG}/moderation`,
      "/api/v1/ledger?limit=500",
    ];
  };

  const readsOf = async () =>
    (await db.kysely.selectFrom("access_log").select(["reader_name", "action", "comment_id"]).where("subject_kind", "=", "comment").where("comment_id", "=", secretId).execute()).map((r) => r.reader_name);

  /** The public count on the consultation page: "N, read M times by …". */
  const publicReads = async () => {
    const page = await (await new Browser(server.url).get(`/c/${SLUG}`)).text();
    const m = /Confidential submissions<\/dt><dd>(\d+), read (\d+) times?/.exec(page);
    expect(m, "the consultation page states the count").not.toBeNull();
    return { submissions: Number(m![1]), reads: Number(m![2]) };
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", SIGNUP_LIMIT_PER_IP: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    const signedIn = async (email: string) => {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      return b;
    };
    owner = await signedIn("owner@example.org");
    drafter = await signedIn("drafter@example.org");
    moderator = await signedIn("moderator@example.org");
    submitter = new Browser(server.url);
    await submitter.signUp({ displayName: SUBMITTER, organisation: SUBMITTER_ORG, stakeholderGroup: "industry" });
    reader = new Browser(server.url);
    readerEmail = await reader.signUp({ displayName: READER, organisation: "Audit Office", stakeholderGroup: "government" });
    sectionId = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections[4].id;
    version = Math.max(...(await db.kysely.selectFrom("version").select("number").execute()).map((v) => Number(v.number)));

    // The most revealing choice: shown by name. The public copy must name no one anyway.
    const posted = await submitter.postForm(`/c/${SLUG}/s/${sectionId}`, { intent: "comment", kind: "comment", body: SECRET, confidential: "on", redactedBody: PUBLIC_COPY, publication: "name" });
    expect(posted.status).toBe(302);
    const row = await db.kysely.selectFrom("comment").select("id").where("visibility", "=", "confidential").where("parent_id", "is", null).orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirstOrThrow();
    secretId = row.id;
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("with no body named, lets the owners and drafters read and log it, not the moderators", async () => {
    const before = await publicReads();
    for (const [who, b] of [["owner", owner], ["drafter", drafter]] as const) {
      expect(await (await b.get(`/c/${SLUG}/s/${sectionId}`)).text(), who).toContain(SECRET);
    }
    for (const path of paths()) {
      const res = await moderator.get(path);
      expect(res.status, `moderator: ${path}`).toBeLessThan(500);
      expect(await res.text(), `moderator: ${path}`).not.toContain(SECRET);
    }
    const team = await db.kysely.selectFrom("user").select("display_name").where("email", "in", ["owner@example.org", "drafter@example.org"]).execute();
    expect((await readsOf()).sort()).toEqual(team.map((u) => u.display_name).sort());
    const after = await publicReads();
    expect(after.reads).toBe(before.reads + 2);
    expect(after.submissions).toBeGreaterThanOrEqual(1);
    // The submitter reading their own is not a disclosure.
    expect(await (await submitter.get(`/c/${SLUG}/s/${sectionId}`)).text()).toContain(SECRET);
    expect(await readsOf()).toHaveLength(2);
  });

  it("with a body named, lets its members read (logged, shown to the submitter) and no one else on the team", async () => {
    const ownerRow = await db.kysely.selectFrom("user").select(["id", "site_role"]).where("email", "=", "owner@example.org").executeTakeFirstOrThrow();
    const keeper = { kind: "user" as const, userId: ownerRow.id, siteRole: ownerRow.site_role, role: null };
    await createRecipientBody(db, keeper, { name: "Audit Office", slug: BODY, description: "Reads confidential submissions on audits." });
    expect(await addRecipientBodyMember(db, keeper, BODY, readerEmail)).toBe("added");

    // The settings page lists the body with its members, and naming it is a ledger entry.
    expect(await (await owner.get(`/c/${SLUG}/settings`)).text()).toContain(READER);
    expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "recipients", bodies: BODY })).status).toBe(302);
    const entries = await db.kysely.selectFrom("ledger_entry").select("payload").where("kind", "=", "settings").execute();
    const named = entries.map((e) => JSON.parse(e.payload)).filter((p) => p.reason === "recipients");
    expect(named).toHaveLength(1);
    expect(named[0].recipients.to).toEqual([{ slug: BODY, name: "Audit Office" }]);
    expect(await (await new Browser(server.url).get(`/c/${SLUG}`)).text()).toContain("the members of Audit Office");
    // Choosing the same again changes nothing and records nothing.
    expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "recipients", bodies: BODY })).status).toBe(302);

    const before = (await readsOf()).length;
    const publicBefore = await publicReads();
    const page = await (await reader.get(`/c/${SLUG}/s/${sectionId}`)).text();
    expect(page).toContain(SECRET);
    // The reader sees who submitted it; the read is logged once, for the submission shown.
    expect(page).toContain(SUBMITTER);
    expect(await readsOf()).toHaveLength(before + 1);
    expect((await readsOf()).at(-1)).toBe(READER);
    expect((await publicReads()).reads).toBe(publicBefore.reads + 1);
    expect(await (await reader.get(dataUrl(`/c/${SLUG}/s/${sectionId}`))).text()).toContain(SECRET);

    // The submitter sees who read it, and when.
    const mine = await (await submitter.get("/account/submissions")).text();
    expect(mine).toContain(READER);

    // The owner, the drafter and the moderator are outside the body now: nothing, anywhere.
    for (const [who, b] of [["owner", owner], ["drafter", drafter], ["moderator", moderator]] as const) {
      for (const path of paths()) {
        const res = await b.get(path);
        expect(res.status, `${who}: ${path}`).toBeLessThan(500);
        const text = await res.text();
        expect(text, `${who}: ${path}`).not.toContain(SECRET);
        if (!path.startsWith("/api/v1/ledger")) expect(text, `${who}: ${path}`).not.toContain(secretId);
      }
    }
    // Nor can they answer or moderate it by its id.
    expect((await owner.postForm(`/c/${SLUG}/v/${version}/report`, { commentId: secretId, outcome: "noted", response: "Noted." })).status).toBe(404);
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: secretId, action: "hide", reason: "spam", note: "" })).status).toBe(404);
    // Their reads were not logged: they read nothing.
    expect((await readsOf()).filter((n) => n !== READER)).toHaveLength(before);

    const verified = await verifyLedger(databaseSource(db));
    expect(verified.problem).toBeNull();
    expect(verified.ok).toBe(true);
  });

  it("names neither the person nor the organisation in the public copy, on any path, to anyone but the recipients", async () => {
    const anonymous = new Browser(server.url);
    expect(await (await anonymous.get(`/c/${SLUG}/s/${sectionId}`)).text()).toContain(PUBLIC_COPY);
    const api = await (await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`)).json();
    const copy = api.items.find((c: { body: string }) => c.body === PUBLIC_COPY);
    expect(copy.author).toEqual({ name: "Anonymous", organisation: "", group: "industry", verifiedOrganisation: null });
    for (const [who, b] of [["anonymous", anonymous], ["moderator", moderator], ["drafter", drafter]] as const) {
      for (const path of paths()) {
        const text = await (await b.get(path)).text();
        for (const name of [SUBMITTER, SUBMITTER_ORG]) expect(text, `${who}: ${path} names ${name}`).not.toContain(name);
      }
    }
    const run = await runCli(["export", "--slug", SLUG, "--format", "json"], { DATABASE_URL: tdb.url });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(PUBLIC_COPY);
    for (const name of [SUBMITTER, SUBMITTER_ORG, SECRET]) expect(run.stdout).not.toContain(name);
  }, CLI_TEST_TIMEOUT_MS);

  it("goes back to the owners and drafters when no body is named, in the ledger too", async () => {
    expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "recipients" })).status).toBe(302);
    expect(await (await drafter.get(`/c/${SLUG}/s/${sectionId}`)).text()).toContain(SECRET);
    expect(await (await reader.get(`/c/${SLUG}/s/${sectionId}`)).text()).not.toContain(SECRET);
    const entries = await db.kysely.selectFrom("ledger_entry").select("payload").where("kind", "=", "settings").execute();
    expect(entries.map((e) => JSON.parse(e.payload)).filter((p) => p.reason === "recipients")).toHaveLength(2);
    expect((await verifyLedger(databaseSource(db))).ok).toBe(true);

    // A body named in the database alone, with no entry, is caught by verify.
    const consultation = await db.kysely.selectFrom("consultation").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
    const body = await db.kysely.selectFrom("recipient_body").select("id").where("slug", "=", BODY).executeTakeFirstOrThrow();
    await db.kysely.insertInto("consultation_recipient").values({ consultation_id: consultation.id, body_id: body.id }).execute();
    const tampered = await verifyLedger(databaseSource(db));
    expect(tampered.ok).toBe(false);
    expect(tampered.problem).toContain(`read by the bodies ${BODY}`);
    await db.kysely.deleteFrom("consultation_recipient").where("consultation_id", "=", consultation.id).execute();
    expect((await verifyLedger(databaseSource(db))).ok).toBe(true);
  });
});
