import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { encodeCheckpoint } from "../../server/collab/checkpoint.js";
import { databaseSource, httpSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { connectReplica, synced, waitFor } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";
import * as Y from "yjs";

const PASSWORD = "demo-password-1";

describe.each(databaseKinds())("history, versions, dispositions and the ledger on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let drafter: Browser;
  let civil: Browser;
  let sections: { id: string; title: string }[];
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`)).json();
  // The ledger is verified in-process (what `margin verify` runs): a CLI process per check
  // is slow on a busy machine, and only the test of the command itself needs one.
  const verify = () => verifyLedger(databaseSource(db));
  const verifyRemote = () => verifyLedger(httpSource(server.url));
  // A long history is replayed in a worker thread; from 0 change sets on, so that this small one is too.
  const verifyInWorker = () => verifyLedger(databaseSource(db, { databaseUrl: tdb.url }), { replayWorkerFrom: 0 });
  const verifyRemoteInWorker = () => verifyLedger(httpSource(server.url), { replayWorkerFrom: 0 });
  const sameReport = (r: Awaited<ReturnType<typeof verify>>) => ({ ...r, ms: 0 });
  const cli = (args: string[], env: Record<string, string>) => runCli(["verify", ...args], env);
  const entry = (chain: string, seq: number) => db.kysely.selectFrom("ledger_entry").selectAll().where("chain", "=", chain).where("seq", "=", seq).executeTakeFirstOrThrow();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    drafter = new Browser(server.url);
    await drafter.signIn("drafter@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    sections = (await api("/consultations/ai-guideline")).sections;
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("verifies the demo's ledger from the database and from the running server", async () => {
    const local = await verify();
    expect(local.problem).toBeNull();
    expect(local.ok).toBe(true);
    expect(local.chains).toBe(2);
    const remote = await verifyRemote();
    expect(remote.ok).toBe(true);
    const head = await api("/ledger/head");
    expect(remote.head).toEqual({ seq: head.seq, hash: head.hash });
    // The worker thread replays the same history (versions' texts included) to the same report.
    expect(sameReport(await verifyInWorker())).toEqual(sameReport(local));
    expect(sameReport(await verifyRemoteInWorker())).toEqual(sameReport(remote));
    expect(await (await fetch(`${server.url}/transparency`)).text()).toContain(head.hash);
  });

  it(
    "margin verify reports the ledger from the database and from the running server, and refuses a non-http address",
    async () => {
      const local = await cli([], { DATABASE_URL: tdb.url });
      expect(local.stderr).toBe("");
      expect(local.code).toBe(0);
      expect(local.stdout).toMatch(/^OK — .* entries in 2 chain\(s\)/);
      const remote = await cli(["--url", server.url], { DATABASE_URL: tdb.url });
      expect(remote.code).toBe(0);
      const head = await api("/ledger/head");
      expect(remote.stdout).toContain(`Public head: #${head.seq} ${head.hash}`);
      const bad = await cli(["--url", "ftp://example.org"], {});
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain("--url needs an http(s) address");
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it("keeps drafting before opening with the team; the opening entry carries its head", async () => {
    const ledger = await api("/ledger?limit=1000");
    expect(ledger.items.every((e: { chain: string }) => e.chain === "public")).toBe(true);
    const opening = ledger.items[0];
    expect(opening).toMatchObject({ kind: "phase_change", payload: { from: "draft", to: "open" } });
    const team = await db.kysely.selectFrom("ledger_entry").select(["seq", "hash"]).where("chain", "like", "team:%").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(opening.payload.privateHead).toMatchObject({ seq: team.seq, hash: team.hash });
    // The drafting edit in section 3 is the team's; a reader cannot reach the state before opening.
    const risk = sections[2]!.id;
    const teamOnly = await (await owner.get(`/api/v1/sections/${risk}/history`)).json();
    const publicOnly = await api(`/sections/${risk}/history`);
    expect(teamOnly.items.length).toBeGreaterThan(publicOnly.items.length);
    expect((await fetch(`${server.url}/api/v1/sections/${risk}/diff?from=0&to=current`)).status).toBe(403);
    expect((await owner.get(`/api/v1/sections/${risk}/diff?from=0&to=current`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/sections/${risk}/diff?from=bogus`)).status).toBe(400);
    // The consultation's history page: the same split.
    const publicPage = await (await fetch(`${server.url}/c/ai-guideline/history`)).text();
    expect(publicPage).toContain("How this guidance evolved");
    expect(publicPage).toContain("Annex A");
    expect(publicPage).not.toContain("Before opening");
    expect(await (await owner.get("/c/ai-guideline/history")).text()).toContain("Before opening");
  });

  it("lists versions and diffs them word by word, naming who wrote each insertion", async () => {
    const transparency = sections[3]!.id;
    const versions = await api(`/sections/${transparency}/versions`);
    expect(versions.items.map((v: { number: number; name: string }) => [v.number, v.name])).toEqual([
      [2, "Revised draft"],
      [1, "Draft for comment"],
    ]);
    const diff = await api(`/sections/${transparency}/diff?from=v1&to=v2`);
    const inserts = diff.spans.filter((s: { type: string }) => s.type === "insert");
    expect(inserts.map((s: { text: string }) => s.text.trim())).toEqual(["must"]);
    // An accepted suggestion: its words are its proposer's (Carlos Civil); its change set also names who applied it.
    expect(inserts[0].authors.map((a: { name: string }) => a.name)).toEqual(["Carlos Civil"]);
    expect(diff.spans.filter((s: { type: string }) => s.type === "delete").map((s: { text: string }) => s.text.trim())).toEqual(["should"]);
    const risk = await api(`/sections/${sections[2]!.id}/diff?from=v1&to=v2`);
    const riskInserts = risk.spans.filter((s: { type: string }) => s.type === "insert");
    expect(riskInserts.map((s: { text: string }) => s.text)).toEqual([", using the risk categories in Annex A, "]);
    expect(riskInserts[0].authors).toEqual([{ id: expect.any(String), name: "Dana Drafter", group: "government" }]);
    const page = await (await fetch(`${server.url}/c/ai-guideline/compare?from=v1&to=v2&layout=side`)).text();
    expect(page).toContain("added by Dana Drafter (Government)");
  });

  it("keeps a version frozen while the text moves on, and carries open comments over with their outcome", async () => {
    const incidents = sections[4]!.id;
    const before = await (await fetch(`${server.url}/c/ai-guideline/v/2`)).text();
    expect(before).toContain("how to protect reporters");
    // A drafter deletes the paragraph Carlos Civil commented on.
    const cookie = `margin_session=${drafter.cookie("margin_session")}`;
    const r = connectReplica(server.url, incidents, cookie);
    await synced(r);
    const paragraphs = r.doc.getXmlFragment("default").toArray() as Y.XmlElement[];
    const target = paragraphs.find((p) => String(p.toString()).includes("how to protect reporters"))!;
    const text = target.get(0) as Y.XmlText;
    text.delete(0, text.length);
    text.insert(0, "A separate paper on incident reporting will follow.");
    await waitFor(async () => !(await api(`/sections/${incidents}`)).text.includes("how to protect reporters"), 10_000, "the edit to land");
    r.destroy();
    const published = await drafter.postForm("/c/ai-guideline/versions", { name: "Third draft", note: "" });
    expect(published.status).toBe(302);
    expect(published.headers.get("location")).toBe("/c/ai-guideline/v/3");

    const carries = await db.kysely
      .selectFrom("anchor_carry")
      .innerJoin("version", "version.id", "anchor_carry.version_id")
      .innerJoin("comment", "comment.id", "anchor_carry.comment_id")
      .select(["version.number", "anchor_carry.outcome", "comment.quote_exact"])
      .orderBy("version.number")
      .execute();
    const outcome = (n: number, quote: string) => carries.find((c) => c.number === n && c.quote_exact?.startsWith(quote))?.outcome;
    // Version 2 edited the passage Ines Industry quoted; version 3 left it alone and removed Carlos Civil's.
    expect(outcome(2, "Organisations should classify")).toBe("changed");
    expect(outcome(2, "how to protect reporters")).toBe("exact");
    expect(outcome(3, "Organisations should classify")).toBe("exact");
    expect(outcome(3, "how to protect reporters")).toBe("orphaned");
    // The accepted suggestion is no longer open, so it is not carried.
    expect(carries.some((c) => c.quote_exact === "should be told" && c.number === 2)).toBe(false);

    const v2 = await (await fetch(`${server.url}/c/ai-guideline/v/2`)).text();
    expect(v2).toContain("how to protect reporters");
    const v3 = await (await fetch(`${server.url}/c/ai-guideline/v/3`)).text();
    expect(v3).toContain("Passage removed in this version");
    expect(v3).not.toContain("how to protect reporters</a>");
    const verified = await verify();
    expect(verified.ok).toBe(true);
  });

  it("records dispositions, links them to changes, and reports them per version as HTML, CSV and JSON", async () => {
    const json = await (await fetch(`${server.url}/c/ai-guideline/v/1/report.json`)).json();
    // Adopted: the accepted suggestion and the demo campaign's 24 copies, answered together (issue 18).
    expect(json.totals).toMatchObject({ adopted: 25, partly_adopted: 1, noted: 1, open: 0 });
    const rows = json.sections.flatMap((s: { rows: unknown[] }) => s.rows);
    const industry = rows.find((r: { author: { name: string } }) => r.author.name === "Ines Industry");
    expect(industry.outcome).toBe("partly_adopted");
    expect(industry.changeSetIds).toHaveLength(1);
    const linked = await db.kysely.selectFrom("change_set").select(["section_id", "summary"]).where("id", "=", industry.changeSetIds[0]).executeTakeFirstOrThrow();
    expect(linked.section_id).toBe(sections[2]!.id);
    expect(linked.summary).toContain("Annex A");
    const suggestion = rows.find((r: { kind: string }) => r.kind === "suggestion");
    expect(suggestion).toMatchObject({ outcome: "adopted", response: "Accepted as suggested." });

    // A participant cannot respond; a bad outcome changes nothing; the drafter's new response supersedes.
    const id = industry.commentId;
    expect((await civil.postForm("/c/ai-guideline/v/1/report", { commentId: id, outcome: "adopted", response: "Yes." })).status).toBe(403);
    expect((await drafter.postForm("/c/ai-guideline/v/1/report", { commentId: id, outcome: "maybe", response: "Hm." })).status).toBe(400);
    expect((await drafter.postForm("/c/ai-guideline/v/1/report", { commentId: id, outcome: "adopted", response: "" })).status).toBe(400);
    const unchanged = await (await fetch(`${server.url}/c/ai-guideline/v/1/report.json`)).json();
    expect(unchanged.totals).toEqual(json.totals);
    const ok = await drafter.postForm("/c/ai-guideline/v/1/report", { commentId: id, outcome: "adopted", response: "Annex A now lists the categories.", versionNumber: "2", changeSetIds: industry.changeSetIds[0] });
    expect(ok.status).toBe(302);
    const after = await (await fetch(`${server.url}/c/ai-guideline/v/1/report.json?outcome=adopted`)).json();
    expect(after.totals).toMatchObject({ adopted: 26, partly_adopted: 0 });
    expect(after.sections.flatMap((s: { rows: { outcome: string }[] }) => s.rows).every((r: { outcome: string }) => r.outcome === "adopted")).toBe(true);
    const csv = await (await fetch(`${server.url}/c/ai-guideline/v/1/report.csv`)).text();
    expect(csv.split("\r\n")[0]).toBe("section,comment_id,kind,created_at,author,organisation,stakeholder_group,quote,comment,suggested_text,outcome,response,responded_at,changes,answered_in_version");
    expect(csv).toContain("Annex A now lists the categories.");
    // The header, the three answered by hand and the campaign's 24 copies.
    expect(csv.trim().split("\r\n")).toHaveLength(28);
    // The ledger has each response; the comment's words only as a salted digest.
    const ledger = await api("/ledger?limit=1000");
    const dispositions = ledger.items.filter((e: { kind: string }) => e.kind === "disposition");
    expect(dispositions.at(-1).payload).toMatchObject({ commentId: id, outcome: "adopted", response: "Annex A now lists the categories." });
    expect(JSON.stringify(ledger)).not.toContain("Please say who decides");
    expect(dispositions.at(-1).payload.commentDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("publishes an Atom feed of versions, phase changes and responses", async () => {
    const res = await fetch(`${server.url}/c/ai-guideline/feed.atom`);
    expect(res.headers.get("content-type")).toContain("application/atom+xml");
    const xml = await res.text();
    expect(xml).toContain("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">");
    expect(xml).toContain("Version 2 published: Revised draft");
    expect(xml).toContain("Opened for comment");
    expect(xml).toContain("Partly adopted");
  });

  describe("tampering", () => {
    const tamper = async (change: () => Promise<void>, restore: () => Promise<void>, expected: RegExp, alsoRemote = false) => {
      await change();
      try {
        const result = await verify();
        expect(result.ok).toBe(false);
        expect(result.problem).toMatch(expected);
        expect((await verifyInWorker()).problem).toBe(result.problem);
        if (alsoRemote) {
          const remote = await verifyRemote();
          expect(remote.ok).toBe(false);
          expect(remote.problem).toMatch(expected);
        }
      } finally {
        await restore();
      }
      expect((await verify()).ok).toBe(true);
    };

    it("names an entry whose content was changed", async () => {
      const e = await entry("public", 3);
      const payload = JSON.parse(e.payload);
      payload.stateHash = "0".repeat(64);
      payload.response = "rewritten";
      await tamper(
        () => db.kysely.updateTable("ledger_entry").set({ payload: JSON.stringify(payload) }).where("chain", "=", "public").where("seq", "=", 3).execute().then(() => undefined),
        () => db.kysely.updateTable("ledger_entry").set({ payload: e.payload }).where("chain", "=", "public").where("seq", "=", 3).execute().then(() => undefined),
        /public #3 \(.*\): its content does not match its hash/,
        true,
      );
    });

    it("names a deleted entry", async () => {
      const e = await entry("public", 4);
      await tamper(
        () => db.kysely.deleteFrom("ledger_entry").where("chain", "=", "public").where("seq", "=", 4).execute().then(() => undefined),
        () => db.kysely.insertInto("ledger_entry").values(e).execute().then(() => undefined),
        /public #4: missing \(the next entry is #5\)/,
        true,
      );
    });

    it("names reordered entries", async () => {
      const a = await entry("public", 5);
      const b = await entry("public", 6);
      const swap = async (x: typeof a, y: typeof a) => {
        await db.kysely.transaction().execute(async (tx) => {
          await tx.deleteFrom("ledger_entry").where("chain", "=", "public").where("seq", "in", [5, 6]).execute();
          await tx.insertInto("ledger_entry").values([{ ...x, seq: 6 }, { ...y, seq: 5 }]).execute();
        });
      };
      await tamper(
        () => swap(a, b),
        async () => {
          await db.kysely.deleteFrom("ledger_entry").where("chain", "=", "public").where("seq", "in", [5, 6]).execute();
          await db.kysely.insertInto("ledger_entry").values([a, b]).execute();
        },
        /public #5 \(.*\): does not link to the entry before it/,
      );
    });

    it("names the entry of a change set whose stored update was altered", async () => {
      const e = await db.kysely.selectFrom("ledger_entry").selectAll().where("chain", "=", "public").where("kind", "=", "change_set").orderBy("seq").limit(1).executeTakeFirstOrThrow();
      const row = await db.kysely.selectFrom("change_set").select(["id", "data"]).where("id", "=", e.subject_id!).executeTakeFirstOrThrow();
      const other = await db.kysely.selectFrom("change_set").select("data").where("id", "!=", e.subject_id!).limit(1).executeTakeFirstOrThrow();
      await tamper(
        () => db.kysely.updateTable("change_set").set({ data: other.data }).where("id", "=", row.id).execute().then(() => undefined),
        () => db.kysely.updateTable("change_set").set({ data: row.data }).where("id", "=", row.id).execute().then(() => undefined),
        new RegExp(`public #${e.seq} \\(change_set ${row.id}\\): the stored change .* differs from what the ledger recorded`),
        true,
      );
    });

    it("names the change set whose stored state hash was altered, and the section whose current text was", async () => {
      const e = await db.kysely.selectFrom("ledger_entry").selectAll().where("chain", "=", "public").where("kind", "=", "change_set").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
      const row = await db.kysely.selectFrom("change_set").select(["id", "state_hash"]).where("id", "=", e.subject_id!).executeTakeFirstOrThrow();
      await tamper(
        () => db.kysely.updateTable("change_set").set({ state_hash: "0".repeat(64) }).where("id", "=", row.id).execute().then(() => undefined),
        () => db.kysely.updateTable("change_set").set({ state_hash: row.state_hash }).where("id", "=", row.id).execute().then(() => undefined),
        new RegExp(`public #${e.seq} \\(change_set ${row.id}\\): the stored change set's range or state hash differs from the ledger`),
      );
      const checkpoint = await db.kysely.selectFrom("section_checkpoint").selectAll().where("section_id", "=", e.section_id!).orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
      const empty = encodeCheckpoint(new Y.Doc());
      await tamper(
        () => db.kysely.updateTable("section_checkpoint").set(empty).where("section_id", "=", checkpoint.section_id).where("seq", "=", checkpoint.seq).execute().then(() => undefined),
        () => db.kysely.updateTable("section_checkpoint").set({ data: checkpoint.data, format: checkpoint.format }).where("section_id", "=", checkpoint.section_id).where("seq", "=", checkpoint.seq).execute().then(() => undefined),
        new RegExp(`section ${e.section_id}: the current text is not what its history replays to`),
      );
    });

    it("notices a rewritten drafting history through the opening entry", async () => {
      const team = await db.kysely.selectFrom("ledger_entry").select("chain").where("chain", "like", "team:%").executeTakeFirstOrThrow();
      const last = await db.kysely.selectFrom("ledger_entry").selectAll().where("chain", "=", team.chain).orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
      await tamper(
        () => db.kysely.deleteFrom("ledger_entry").where("chain", "=", team.chain).where("seq", "=", last.seq).execute().then(() => undefined),
        () => db.kysely.insertInto("ledger_entry").values(last).execute().then(() => undefined),
        /public #1 \(phase_change .*\): the private head it carries/,
      );
    });
  });
});
