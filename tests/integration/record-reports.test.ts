import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource, httpSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { joinTeam, newOutboxDir } from "../helpers/invitations.js";
import { startServer, type TestServer } from "../helpers/server.js";

// Issue 13: settings and the team in the ledger (item 1), and results that cannot change (item 6).

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";

interface Entry {
  chain: string;
  seq: number;
  kind: string;
  consultationId: string;
  subjectId: string | null;
  createdAt: string;
  payload: Record<string, any>;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** A page's text with React's escapes undone, to look for words in it. */
const unescaped = (html: string) => html.replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

describe.each(databaseKinds())("settings, the team and frozen reports in the record on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let drafter: Browser;
  let civil: Browser;
  let sections: string[];
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`)).json();
  const entriesAfter = async (seq: number) => (await api(`/ledger?after=${seq}&limit=1000`)).items as Entry[];
  const head = async () => (await api("/ledger/head")).seq as number;
  const verifyDb = () => verifyLedger(databaseSource(db));
  const verifyHttp = () => verifyLedger(httpSource(server.url));
  const expectVerified = async () => {
    for (const report of [await verifyDb(), await verifyHttp()]) {
      expect(report.problem).toBeNull();
      expect(report.ok).toBe(true);
    }
  };
  /** The settings form as the page would send it, with some fields changed. */
  const saveSettings = async (changes: Record<string, string>) => {
    const c = await api(`/consultations/${SLUG}`);
    const fields = { intent: "settings", title: c.title, summary: c.summary, opensAt: c.opensAt ?? "", closesAt: c.closesAt ?? "", moderationMode: c.moderationMode, ...changes };
    return owner.postForm(`/c/${SLUG}/settings`, fields);
  };
  const consultationId = async () => (await db.kysely.selectFrom("consultation").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;

  const outbox = newOutboxDir();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", MAIL_OUTBOX_DIR: outbox });
    db = createDb(tdb.url, { poolSize: 2 });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    drafter = new Browser(server.url);
    await drafter.signIn("drafter@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    sections = (await api(`/consultations/${SLUG}`)).sections.map((s: { id: string }) => s.id);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  describe("item 1: settings and the team", () => {
    it("records the settings at creation with the team, and in full right after the opening", async () => {
      const id = await consultationId();
      const team = await db.kysely.selectFrom("ledger_entry").select(["seq", "kind", "payload"]).where("chain", "=", `team:${id}`).orderBy("seq").execute();
      expect(team[0]).toMatchObject({ kind: "settings" });
      expect(JSON.parse(team[0]!.payload)).toMatchObject({ reason: "created", slug: SLUG });
      // The owner at creation, then the demo's drafter and moderator: roles only, people by salted digest.
      const members = team.filter((e) => e.kind === "membership").map((e) => JSON.parse(e.payload));
      expect(members.map((m) => m.role)).toEqual([
        { from: null, to: "owner" },
        { from: null, to: "drafter" },
        { from: null, to: "moderator" },
      ]);
      expect(members.every((m) => /^[0-9a-f]{64}$/.test(m.memberDigest))).toBe(true);

      const [opening, settings] = await entriesAfter(0);
      expect(opening).toMatchObject({ kind: "phase_change", payload: { from: "draft", to: "open" } });
      const served = await api(`/consultations/${SLUG}`);
      expect(settings).toMatchObject({
        kind: "settings",
        seq: opening!.seq + 1,
        payload: { reason: "opened", slug: SLUG, settings: { opensAt: served.opensAt, closesAt: served.closesAt, moderationMode: served.moderationMode, title: served.title, summarySha256: sha256(served.summary) } },
      });
      await expectVerified();
    });

    it("moving the deadline into the past closes commenting and leaves an entry that says so", async () => {
      const before = await head();
      const was = (await api(`/consultations/${SLUG}`)).closesAt;
      const past = new Date(Date.now() - 60_000).toISOString();
      expect((await saveSettings({ closesAt: past })).status).toBe(302);
      expect((await api(`/consultations/${SLUG}`)).phase).toBe("closed");
      const refused = await civil.postForm(`/c/${SLUG}/s/${sections[1]}`, { intent: "comment", kind: "comment", body: "Too late, I hope?" });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      const [entry, ...rest] = await entriesAfter(before);
      expect(rest).toEqual([]);
      expect(entry).toMatchObject({ kind: "settings", payload: { reason: "changed", changes: { closesAt: { from: was, to: past } }, phase: { from: "open", to: "closed" } } });
      expect(Object.keys(entry!.payload.changes)).toEqual(["closesAt"]);
      // Whoever follows the consultation learns it too.
      const feed = await (await fetch(`${server.url}/c/${SLUG}/feed.atom`)).text();
      expect(feed).toContain("Settings changed: closing time (now closed)");
      expect(feed).toContain(`Closing time: ${was} → ${past}. The consultation is now closed (it was open for comment).`);
      await expectVerified();
    });

    it("records the moderation mode and the summary (by its SHA-256), and nothing for a save that changes nothing", async () => {
      const before = await head();
      const summary = (await api(`/consultations/${SLUG}`)).summary as string;
      expect((await saveSettings({ moderationMode: "pre", summary: "A shorter summary." })).status).toBe(302);
      const [entry, ...rest] = await entriesAfter(before);
      expect(rest).toEqual([]);
      expect(entry!.payload.changes).toEqual({
        moderationMode: { from: "post", to: "pre" },
        summarySha256: { from: sha256(summary), to: sha256("A shorter summary.") },
      });
      expect(entry!.payload.phase).toBeUndefined();
      expect((await saveSettings({})).status).toBe(302);
      expect(await head()).toBe(entry!.seq);
      await expectVerified();
    });

    it("records team changes with the role and a salted digest of the member, never their name or email", async () => {
      const before = await head();
      // Joining is by invitation (issue 16); someone already on the team changes role at once.
      const industry = new Browser(server.url);
      await industry.signIn("industry@example.org", PASSWORD);
      await joinTeam(owner, industry, SLUG, "industry@example.org", "moderator", outbox);
      expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "invite", email: "industry@example.org", role: "drafter", locale: "en" })).status).toBe(302);
      // The same role again changes nothing, and records nothing.
      expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "invite", email: "industry@example.org", role: "drafter", locale: "en" })).status).toBe(302);
      const user = await db.kysely.selectFrom("user").select("id").where("email", "=", "industry@example.org").executeTakeFirstOrThrow();
      expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "remove-member", userId: user.id })).status).toBe(302);
      const entries = await entriesAfter(before);
      expect(entries.map((e) => [e.kind, e.payload.role])).toEqual([
        ["membership", { from: null, to: "moderator" }],
        ["membership", { from: "moderator", to: "drafter" }],
        ["membership", { from: "drafter", to: null }],
      ]);
      const text = JSON.stringify(entries);
      for (const secret of ["industry@example.org", "Ines", user.id]) expect(text).not.toContain(secret);
      // Each entry has its own salt: the same member is not linkable across entries by the public.
      expect(new Set(entries.map((e) => e.payload.memberDigest)).size).toBe(3);
      await expectVerified();
    });

    it("catches a team changed in the database with no entry (from the database: a server does not publish its team)", async () => {
      const id = await consultationId();
      const userId = async (email: string) => (await db.kysely.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
      const [civilId, drafterId, moderatorId] = [await userId("civil@example.org"), await userId("drafter@example.org"), await userId("moderator@example.org")];
      const member = (user: string) => db.kysely.selectFrom("consultation_member").selectAll().where("consultation_id", "=", id).where("user_id", "=", user).executeTakeFirstOrThrow();

      await db.kysely.insertInto("consultation_member").values({ consultation_id: id, user_id: civilId, role: "moderator", created_at: new Date().toISOString() }).execute();
      try {
        expect((await verifyDb()).problem).toBe(`consultation ${SLUG}: account ${civilId} is on the team as moderator, but no membership entry puts them there`);
        const remote = await verifyHttp();
        expect(remote.ok).toBe(true);
        expect(remote.notes).toContain("teams were not compared: a server does not publish them (verify the database to compare them)");
      } finally {
        await db.kysely.deleteFrom("consultation_member").where("consultation_id", "=", id).where("user_id", "=", civilId).execute();
      }
      await db.kysely.updateTable("consultation_member").set({ role: "owner" }).where("consultation_id", "=", id).where("user_id", "=", drafterId).execute();
      try {
        expect((await verifyDb()).problem).toBe(`consultation ${SLUG}: account ${drafterId} is on the team as owner, but the ledger's membership entries make them drafter`);
      } finally {
        await db.kysely.updateTable("consultation_member").set({ role: "drafter" }).where("consultation_id", "=", id).where("user_id", "=", drafterId).execute();
      }
      const moderatorRow = await member(moderatorId);
      await db.kysely.deleteFrom("consultation_member").where("consultation_id", "=", id).where("user_id", "=", moderatorId).execute();
      try {
        expect((await verifyDb()).problem).toBe(`consultation ${SLUG}: account ${moderatorId} is off the team, but the ledger's membership entries leave them moderator`);
      } finally {
        await db.kysely.insertInto("consultation_member").values(moderatorRow).execute();
      }
      await expectVerified();
    });

    it("catches a closing date, moderation mode or summary changed in the database, from the database and from the server", async () => {
      const id = await consultationId();
      const row = await db.kysely.selectFrom("consultation").select("closes_at").where("id", "=", id).executeTakeFirstOrThrow();
      const reopened = new Date(Date.now() + 30 * 86_400_000).toISOString();
      await db.kysely.updateTable("consultation").set({ closes_at: reopened }).where("id", "=", id).execute();
      try {
        const local = await verifyDb();
        expect(local.ok).toBe(false);
        expect(local.problem).toMatch(new RegExp(`^consultation ${SLUG}: its closing date is served as "${reopened}", but the ledger's latest settings \\(public #\\d+ \\(settings ${id}\\)\\) say "${row.closes_at}"$`));
        const remote = await verifyHttp();
        expect(remote.ok).toBe(false);
        expect(remote.problem).toBe(local.problem);
      } finally {
        await db.kysely.updateTable("consultation").set({ closes_at: row.closes_at }).where("id", "=", id).execute();
      }
      await db.kysely.updateTable("consultation").set({ moderation_mode: "post" }).where("id", "=", id).execute();
      try {
        expect((await verifyDb()).problem).toContain(`consultation ${SLUG}: its moderation mode is served as "post", but the ledger's latest settings`);
      } finally {
        await db.kysely.updateTable("consultation").set({ moderation_mode: "pre" }).where("id", "=", id).execute();
      }
      await db.kysely.updateTable("consultation").set({ summary: "A summary nobody decided." }).where("id", "=", id).execute();
      try {
        const problem = `consultation ${SLUG}: its summary's SHA-256 is served as "${sha256("A summary nobody decided.")}", but the ledger's latest settings`;
        expect((await verifyDb()).problem).toContain(problem);
        expect((await verifyHttp()).problem).toContain(problem);
      } finally {
        await db.kysely.updateTable("consultation").set({ summary: "A shorter summary." }).where("id", "=", id).execute();
      }
      await expectVerified();
    });
  });

  describe("item 6: results that cannot change", () => {
    let frozenEntries: Entry[];
    let corrected: { commentId: string; outcome: string; response: string };

    it("freezes each public version's report when the consultation becomes final, in the ledger and on the pages", async () => {
      expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "bulk-noted", reason: "Taken into account for the next review." })).status).toBe(302);
      expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "phase", to: "closed" })).status).toBe(302);
      const before = await head();
      expect((await owner.postForm(`/c/${SLUG}/settings`, { intent: "phase", to: "final", confirm: "yes" })).status).toBe(302);
      const entries = await entriesAfter(before);
      expect(entries[0]).toMatchObject({ kind: "phase_change", payload: { from: "closed", to: "final" } });
      frozenEntries = entries.filter((e) => e.kind === "report_frozen");
      const id = await consultationId();
      const versions = await db.kysely.selectFrom("version").select(["id", "number"]).where("consultation_id", "=", id).where("public", "=", 1).orderBy("number").execute();
      expect(versions.length).toBe(2);
      expect(frozenEntries.map((e) => e.payload.versionNumber)).toEqual(versions.map((v) => v.number));

      for (const [i, v] of versions.entries()) {
        const e = frozenEntries[i]!;
        expect(e.subjectId).toBe(v.id);
        const row = await db.kysely.selectFrom("frozen_report").selectAll().where("consultation_id", "=", id).where("version_id", "=", v.id).executeTakeFirstOrThrow();
        expect(row.hash).toBe(sha256(row.body));
        expect(e.payload).toEqual({ slug: SLUG, versionId: v.id, versionNumber: v.number, reportSha256: row.hash, items: JSON.parse(row.body).sections.flatMap((s: { rows: unknown[] }) => s.rows).length });
        // The JSON download is the frozen copy byte for byte.
        const res = await fetch(`${server.url}/c/${SLUG}/v/${v.number}/report.json`);
        expect(res.headers.get("x-margin-frozen-report-entry")).toBe(String(e.seq));
        expect(sha256(await res.text())).toBe(e.payload.reportSha256);
      }
      expect(frozenEntries[0]!.payload.items).toBeGreaterThan(0);

      const page = await (await new Browser(server.url).get(`/c/${SLUG}/v/1/report`)).text();
      expect(page).toContain(`Final report, frozen on`);
      expect(page).toContain(`its fingerprint is in the public record as entry #${frozenEntries[0]!.seq}.`);
      expect(page).toContain(frozenEntries[0]!.payload.reportSha256);
      expect(page).toContain("No response has been corrected since.");
      expect(page).not.toContain("Corrections since the final report");
      const feed = await (await fetch(`${server.url}/c/${SLUG}/feed.atom`)).text();
      expect(feed).toContain("Final report on version 1 frozen");
      expect(feed).toContain(frozenEntries[0]!.payload.reportSha256);
      const csv = await (await fetch(`${server.url}/c/${SLUG}/v/1/report.csv`)).text();
      expect(csv.trim().split("\r\n").length).toBe(frozenEntries[0]!.payload.items + 1);
      await expectVerified();
    });

    it("shows a response recorded after the freeze as a correction and leaves the frozen report as it was", async () => {
      const frozenBody = await (await fetch(`${server.url}/c/${SLUG}/v/1/report.json`)).text();
      const row = JSON.parse(frozenBody).sections[0].rows[0] as { commentId: string; outcome: string; response: string };
      // The policy lets the drafting team respond after final (comment.respond is not limited by phase): it must show.
      corrected = { commentId: row.commentId, outcome: row.outcome === "adopted" ? "not_adopted" : "adopted", response: "On reflection, Annex A adopts this in full." };
      const res = await drafter.postForm(`/c/${SLUG}/v/1/report`, { commentId: corrected.commentId, outcome: corrected.outcome, response: corrected.response });
      expect(res.status).toBe(302);

      const after = await fetch(`${server.url}/c/${SLUG}/v/1/report.json`);
      expect(await after.text()).toBe(frozenBody);
      const page = unescaped(await (await new Browser(server.url).get(`/c/${SLUG}/v/1/report`)).text());
      expect(page).toContain("Corrections since the final report");
      expect(page).toContain("1 response was corrected since");
      expect(page).toContain(`Response now: ${corrected.response}`);
      expect(page).toContain(`Before: ${row.response}`);
      expect(page).toContain("Outcome changed from");
      const disposition = (await entriesAfter(frozenEntries[frozenEntries.length - 1]!.seq)).find((e) => e.kind === "disposition")!;
      expect(disposition.payload).toMatchObject({ commentId: corrected.commentId, outcome: corrected.outcome, response: corrected.response });
      expect(page).toContain(`id="correction-${disposition.seq}"`);
      expect(page).toContain(`public record entry #${disposition.seq}`);
      // The row itself keeps the frozen response and points to its correction.
      expect(page).toContain(`href="#correction-${disposition.seq}"`);
      await expectVerified();
    });

    it("catches a frozen report edited in the database, from the database and from the server", async () => {
      const id = await consultationId();
      const e = frozenEntries[0]!;
      const row = await db.kysely.selectFrom("frozen_report").select("body").where("consultation_id", "=", id).where("version_id", "=", e.subjectId!).executeTakeFirstOrThrow();
      const edited = row.body.replace(/"outcome":"[a-z_]+"/, '"outcome":"adopted"').replace(/"response":"[^"]*"/, '"response":"Adopted in full."');
      expect(edited).not.toBe(row.body);
      await db.kysely.updateTable("frozen_report").set({ body: edited }).where("consultation_id", "=", id).where("version_id", "=", e.subjectId!).execute();
      try {
        const expected = `public #${e.seq} (report_frozen ${e.subjectId}): the frozen report of ${SLUG} version 1 as served hashes to ${sha256(edited)}, not to the ${e.payload.reportSha256} this entry recorded (the report was changed after it was frozen)`;
        const local = await verifyDb();
        expect(local.ok).toBe(false);
        expect(local.problem).toBe(expected);
        const remote = await verifyHttp();
        expect(remote.ok).toBe(false);
        expect(remote.problem).toBe(expected);
      } finally {
        await db.kysely.updateTable("frozen_report").set({ body: row.body }).where("consultation_id", "=", id).where("version_id", "=", e.subjectId!).execute();
      }
      // A frozen report removed is missing; one added without an entry is stray.
      await db.kysely.deleteFrom("frozen_report").where("consultation_id", "=", id).where("version_id", "=", e.subjectId!).execute();
      try {
        expect((await verifyDb()).problem).toBe(`public #${e.seq} (report_frozen ${e.subjectId}): the frozen report of ${SLUG} version 1 is not served`);
        expect((await verifyHttp()).problem).toBe(`public #${e.seq} (report_frozen ${e.subjectId}): the frozen report of ${SLUG} version 1 is not served`);
      } finally {
        await db.kysely.insertInto("frozen_report").values({ consultation_id: id, version_id: e.subjectId!, body: row.body, hash: sha256(row.body), created_at: e.createdAt }).execute();
      }
      await expectVerified();
    });
  });
});
