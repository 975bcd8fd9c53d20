import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { saltedDigest, sha256Hex } from "../../server/ledger/chain.js";
import { databaseSource, httpSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";

/** Positions and version texts as readers are shown them, checked against the ledger (issue 13). */
describe.each(databaseKinds())("positions and version texts in the record on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let civil: Browser;
  let industry: Browser;
  let sections: { id: string; title: string }[];
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`)).json();
  const verifyBoth = async () => [await verifyLedger(databaseSource(db)), await verifyLedger(httpSource(server.url))] as const;
  const takePosition = async (who: Browser, sectionId: string, stance: string, rationale: string) => {
    const res = await who.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "position", stance, rationale });
    expect(res.status).toBe(302);
  };
  const positionEntries = async () =>
    db.kysely.selectFrom("ledger_entry").select(["seq", "subject_id", "section_id", "payload", "salt"]).where("kind", "=", "position").orderBy("seq").execute();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    sections = (await api("/consultations/ai-guideline")).sections;
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("records every position taken and changed, linked to the one it replaces, without the rationale or the person in the clear", async () => {
    const [a, b] = [sections[0]!.id, sections[1]!.id];
    await takePosition(civil, a, "oppose", "Too weak on audits.");
    await takePosition(civil, a, "support_with_changes", "Better, if audits are public.");
    await takePosition(industry, a, "support", "Workable.");
    await takePosition(industry, b, "neutral", "No view yet.");

    const entries = await positionEntries();
    expect(entries).toHaveLength(4);
    const payloads = entries.map((e) => JSON.parse(e.payload) as Record<string, unknown>);
    const rows = await db.kysely.selectFrom("position").selectAll().orderBy("created_at").execute();
    const first = rows.find((r) => r.stance === "oppose")!;
    const second = rows.find((r) => r.stance === "support_with_changes")!;
    expect(payloads[0]).toMatchObject({ positionId: first.id, supersedes: null, stance: "oppose", group: "civil_society", quoteSha256: null });
    expect(payloads[1]).toMatchObject({ positionId: second.id, supersedes: first.id, stance: "support_with_changes" });
    expect(payloads[2]).toMatchObject({ supersedes: null, stance: "support", group: "industry" });
    // The rationale is shown to its author only, and the person not at all: salted digests.
    expect(entries[1]!.payload).not.toContain("audits");
    expect(entries[1]!.payload).not.toContain(second.user_id);
    expect(payloads[1]!.rationaleDigest).toBe(saltedDigest(entries[1]!.salt!, second.rationale));
    expect(payloads[1]!.authorDigest).toBe(saltedDigest(entries[1]!.salt!, second.user_id));
    const served = await api("/ledger?limit=5000");
    expect(served.items.filter((e: { kind: string }) => e.kind === "position")).toHaveLength(4);
    expect(JSON.stringify(served.items)).not.toContain(entries[1]!.salt);

    const [local, remote] = await verifyBoth();
    expect(local.problem).toBeNull();
    expect(remote.problem).toBeNull();
    expect(local.ok && remote.ok).toBe(true);
  });

  it("fails, naming the section, when every current position is flipped (database and API)", async () => {
    const [a, b] = [sections[0]!.id, sections[1]!.id];
    const differs = "the position counts served differ from the ledger's current positions";
    const expected: Record<string, string> = {
      [a]: `section ${a}: ${differs} (civil_society/oppose: 1 served, 0 in the ledger; civil_society/support_with_changes: 0 served, 1 in the ledger; industry/oppose: 1 served, 0 in the ledger; industry/support: 0 served, 1 in the ledger)`,
      [b]: `section ${b}: ${differs} (industry/neutral: 0 served, 1 in the ledger; industry/oppose: 1 served, 0 in the ledger)`,
    };
    const current = await db.kysely.selectFrom("position").select(["id", "stance"]).where("superseded_at", "is", null).execute();
    const flip = (s: string) => (s === "oppose" ? "support" : "oppose");
    try {
      for (const p of current) await db.kysely.updateTable("position").set({ stance: flip(p.stance) }).where("id", "=", p.id).execute();
      const [local, remote] = await verifyBoth();
      for (const report of [local, remote]) {
        expect(report.ok).toBe(false);
        // Sections are compared in the order of their ids.
        expect(report.problem).toBe(expected[[a, b].sort()[0]!]);
      }
    } finally {
      for (const p of current) await db.kysely.updateTable("position").set({ stance: p.stance }).where("id", "=", p.id).execute();
    }
    expect((await verifyLedger(databaseSource(db))).ok).toBe(true);
  });

  it("fails from the database when two people's stances are swapped and the counts still agree", async () => {
    const a = sections[0]!.id;
    const current = await db.kysely.selectFrom("position").select(["id", "stance", "stakeholder_group"]).where("section_id", "=", a).where("superseded_at", "is", null).orderBy("id").execute();
    expect(current).toHaveLength(2);
    // Give each group the other's stance and the other's group: the counts by group and stance stay the same.
    const [x, y] = current as [(typeof current)[0], (typeof current)[0]];
    try {
      await db.kysely.updateTable("position").set({ stance: y.stance, stakeholder_group: y.stakeholder_group }).where("id", "=", x.id).execute();
      await db.kysely.updateTable("position").set({ stance: x.stance, stakeholder_group: x.stakeholder_group }).where("id", "=", y.id).execute();
      const local = await verifyLedger(databaseSource(db));
      expect(local.ok).toBe(false);
      expect(local.problem).toMatch(new RegExp(`^position ${x.id} on section ${a}: stored as "${y.stance}", but public #\\d+ \\(position ${x.id}\\) records "${x.stance}"$`));
    } finally {
      await db.kysely.updateTable("position").set({ stance: x.stance, stakeholder_group: x.stakeholder_group }).where("id", "=", x.id).execute();
      await db.kysely.updateTable("position").set({ stance: y.stance, stakeholder_group: y.stakeholder_group }).where("id", "=", y.id).execute();
    }
    expect((await verifyLedger(databaseSource(db))).ok).toBe(true);
  });

  it("notes positions that predate the record instead of failing", async () => {
    const b = sections[1]!.id;
    const old = { id: "old-position", section_id: sections[2]!.id, consultation_id: "", user_id: "", stance: "oppose" as const, rationale: "", quote_exact: null, stakeholder_group: "industry" as const, created_at: "2026-01-01T00:00:00.000Z", superseded_at: null };
    const row = await db.kysely.selectFrom("position").selectAll().where("section_id", "=", b).executeTakeFirstOrThrow();
    await db.kysely.insertInto("position").values({ ...old, consultation_id: row.consultation_id, user_id: row.user_id }).execute();
    try {
      const [local, remote] = await verifyBoth();
      expect(local.problem).toBeNull();
      expect(remote.problem).toBeNull();
      expect(local.notes).toContain("positions: 1 current position(s) predate the record (no ledger entry) and were left out of the comparison");
      expect(remote.notes.some((n) => n.startsWith(`positions: section ${sections[2]!.id} shows 1 position(s) and the ledger records none`))).toBe(true);
    } finally {
      await db.kysely.deleteFrom("position").where("id", "=", old.id).execute();
    }
  });

  it("serves each version's frozen text, and fails naming the version when its text and state hash are replaced (database and API)", async () => {
    const frozen = await db.kysely
      .selectFrom("version_section")
      .innerJoin("version", "version.id", "version_section.version_id")
      .select(["version.id", "version.number", "version_section.section_id", "version_section.text", "version_section.state_hash", "version_section.seq"])
      .where("version.public", "=", 1)
      .orderBy("version.number")
      .orderBy("version_section.position")
      .executeTakeFirstOrThrow();
    const listed = await api(`/sections/${frozen.section_id}/versions`);
    expect(listed.items.find((v: { number: number }) => v.number === frozen.number)).toMatchObject({ text: frozen.text, stateHash: frozen.state_hash });
    const entry = await db.kysely.selectFrom("ledger_entry").select(["chain", "seq"]).where("kind", "=", "version").where("subject_id", "=", frozen.id).executeTakeFirstOrThrow();
    const where = `${entry.chain} #${entry.seq} (version ${frozen.id}): version ${frozen.number}, section ${frozen.section_id}`;
    const forged = `${frozen.text} The ministry may waive any of this.`;
    const set = (text: string, stateHash: string) => db.kysely.updateTable("version_section").set({ text, state_hash: stateHash }).where("version_id", "=", frozen.id).where("section_id", "=", frozen.section_id).execute();
    try {
      await set(forged, sha256Hex(forged));
      const [local, remote] = await verifyBoth();
      for (const report of [local, remote]) {
        expect(report.ok).toBe(false);
        expect(report.problem).toBe(`${where}: the served state hash is not the one the ledger records`);
      }
      // The text alone, with the recorded hash left in place: the replay catches it.
      await set(forged, frozen.state_hash);
      const [textLocal, textRemote] = await verifyBoth();
      for (const report of [textLocal, textRemote]) {
        expect(report.ok).toBe(false);
        expect(report.problem).toBe(`${where}: the served text is not the text the history had at update ${frozen.seq}`);
      }
    } finally {
      await set(frozen.text, frozen.state_hash);
    }
    const [local, remote] = await verifyBoth();
    expect(local.problem).toBeNull();
    expect(remote.problem).toBeNull();
  });
});
