import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource, httpSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Issue 13, participation in the ledger: comments, edits, withdrawals, moderation and
 * responses are entries, and `margin verify` compares what readers are shown with them.
 * Each tamper is what an operator with the database could do; verify must name it.
 */
describe.each(databaseKinds())("the participation record on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let moderator: Browser;
  let civil: Browser;
  let industry: Browser;
  let sections: string[];
  let posted = 0;
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`)).json();
  const verify = () => verifyLedger(databaseSource(db));
  const verifyRemote = () => verifyLedger(httpSource(server.url));
  const page = (section: string) => `/c/${SLUG}/s/${section}`;
  const idOf = async (body: string) => (await db.kysely.selectFrom("comment").select("id").where("body", "=", body).executeTakeFirstOrThrow()).id;
  const post = async (who: Browser, section: string, body: string, extra: Record<string, string> = {}) => {
    const res = await who.postForm(page(section), { intent: "comment", kind: "comment", body, ...extra });
    expect(res.status).toBe(302);
    return idOf(body);
  };
  const reply = async (who: Browser, section: string, parentId: string, body: string) => {
    expect((await who.postForm(page(section), { intent: "reply", parentId, body })).status).toBe(302);
    return idOf(body);
  };
  const decide = (ids: string[], action: string, reason = "", note = "") => moderator.postForm(`/c/${SLUG}/moderation`, { ids, action, reason, note });
  const respond = async (commentId: string, outcome: string, response: string) => {
    const version = Math.max(...(await db.kysely.selectFrom("version").select("number").execute()).map((v) => Number(v.number)));
    expect((await owner.postForm(`/c/${SLUG}/v/${version}/report`, { commentId, outcome, response })).status).toBe(302);
  };
  /** The newest entry of a kind about a subject (a comment, a disposition, a moderation action). */
  const entryAbout = (entryKind: string, subjectId: string) =>
    db.kysely.selectFrom("ledger_entry").selectAll().where("kind", "=", entryKind as never).where("subject_id", "=", subjectId).orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
  const payloadOf = async (entryKind: string, subjectId: string) => JSON.parse((await entryAbout(entryKind, subjectId)).payload) as Record<string, unknown>;
  /**
   * The server keeps each section's public comment rows until something happens there:
   * a post and its withdrawal (both ordinary ledger entries) make it read the rows again.
   */
  const touch = async (section: string) => {
    posted += 1;
    const id = await post(industry, section, `A passing remark, number ${posted}.`);
    expect((await industry.postForm(page(section), { intent: "delete", commentId: id })).status).toBe(302);
  };
  const expectOk = async () => {
    const local = await verify();
    expect(local.problem).toBeNull();
    const remote = await verifyRemote();
    expect(remote.problem).toBeNull();
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, {
      SEED_DEMO: "1",
      DEMO_HISTORY: "1",
      DEMO_PASSWORD: PASSWORD,
      COMMENT_LIMIT_PER_MINUTE: "1000",
      // One report hides, from accounts of any age: the hide by reports has its own rules test (trust.test.ts).
      REPORTS_TO_HIDE: "1",
      REPORTER_MIN_ACCOUNT_AGE_HOURS: "0",
    });
    db = createDb(tdb.url, { poolSize: 2 });
    const signIn = async (email: string) => {
      const b = new Browser(server.url);
      await b.signIn(email, PASSWORD);
      return b;
    };
    owner = await signIn("owner@example.org");
    moderator = await signIn("moderator@example.org");
    civil = await signIn("civil@example.org");
    industry = await signIn("industry@example.org");
    sections = (await api(`/consultations/${SLUG}`)).sections.map((s: { id: string }) => s.id);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("verifies the demo's comments, responses and moderation from the database and the server", async () => {
    const local = await verify();
    expect(local.problem).toBeNull();
    expect(local.notes.filter((n) => n.includes("not compared"))).toEqual([]);
    expect((await verifyRemote()).problem).toBeNull();
  });

  describe("each change is an entry", () => {
    it("records an edit with the new text's SHA-256, and verify follows it", async () => {
      const id = await post(civil, sections[0]!, "A first wording of my point.");
      expect((await civil.postForm(page(sections[0]!), { intent: "edit", commentId: id, body: "A better wording of my point." })).status).toBe(302);
      const p = await payloadOf("edit", id);
      expect(p).toMatchObject({ commentId: id, bodySha256: sha("A better wording of my point.") });
      expect(p.bodyDigest).toMatch(/^[0-9a-f]{64}$/);
      await expectOk();
    });

    it("records every withdrawal: without a response the comment leaves the list, with one it stays as withdrawn", async () => {
      const plain = await post(civil, sections[0]!, "Never mind this one.");
      expect((await civil.postForm(page(sections[0]!), { intent: "delete", commentId: plain })).status).toBe(302);
      expect(await payloadOf("withdrawal", plain)).toEqual({ commentId: plain, dispositionId: null, outcome: null });
      const answered = await post(civil, sections[1]!, "Answer me, then I withdraw.");
      await respond(answered, "noted", "Thank you, noted.");
      const disposition = await entryAbout("disposition", (await db.kysely.selectFrom("disposition").select("id").where("comment_id", "=", answered).executeTakeFirstOrThrow()).id);
      expect((await civil.postForm(page(sections[1]!), { intent: "delete", commentId: answered })).status).toBe(302);
      expect(await payloadOf("withdrawal", answered)).toEqual({ commentId: answered, dispositionId: disposition.subject_id, outcome: "noted" });
      const listed = (await api(`/sections/${sections[1]}/comments`)).items.find((c: { id: string }) => c.id === answered);
      expect(listed).toMatchObject({ withdrawn: true, body: "" });
      await expectOk();
    });

    it("records a hide with its reason and note digest, and a restore with the now-public text and author", async () => {
      const id = await post(civil, sections[1]!, "Borderline remark that comes back.");
      expect((await decide([id], "hide", "off_topic", "Looks off topic to me")).status).toBe(302);
      const hide = await entryAbout("moderation", (await db.kysely.selectFrom("moderation_action").select("id").where("comment_id", "=", id).executeTakeFirstOrThrow()).id);
      const hidden = JSON.parse(hide.payload);
      expect(hidden).toMatchObject({ commentId: id, action: "hide", reasonCode: "off_topic", actorRole: "moderator", reports: null });
      expect(hidden.noteDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(hidden).not.toHaveProperty("bodySha256");
      expect(hide.section_id).toBe(sections[1]);
      await expectOk();
      expect((await decide([id], "restore")).status).toBe(302);
      const restore = await db.kysely.selectFrom("moderation_action").select("id").where("comment_id", "=", id).where("action", "=", "restore").executeTakeFirstOrThrow();
      expect(await payloadOf("moderation", restore.id)).toMatchObject({
        action: "restore",
        bodySha256: sha("Borderline remark that comes back."),
        author: { name: "Carlos Civil" },
      });
      await expectOk();
    });

    it("records the approval of a held comment with its text, and a hide by reports under the role 'reports'", async () => {
      const c = await api(`/consultations/${SLUG}`);
      const settings = (mode: string) => owner.postForm(`/c/${SLUG}/settings`, { intent: "settings", title: c.title, summary: c.summary ?? "s", opensAt: "", closesAt: "", moderationMode: mode });
      expect((await settings("pre")).status).toBe(302);
      try {
        const id = await post(civil, sections[2]!, "Held until a moderator looks.");
        expect((await payloadOf("submission", id)).bodySha256).toBeNull();
        expect((await decide([id], "approve")).status).toBe(302);
        const approval = await db.kysely.selectFrom("moderation_action").select("id").where("comment_id", "=", id).executeTakeFirstOrThrow();
        expect(await payloadOf("moderation", approval.id)).toMatchObject({ action: "approve", bodySha256: sha("Held until a moderator looks."), author: { name: "Carlos Civil" } });
      } finally {
        expect((await settings("post")).status).toBe(302);
      }
      const reported = await post(civil, sections[2]!, "Something people will report.");
      expect((await industry.postForm(page(sections[2]!), { intent: "report", commentId: reported, reason: "spam" })).status).toBe(302);
      const action = await db.kysely.selectFrom("moderation_action").select("id").where("comment_id", "=", reported).executeTakeFirstOrThrow();
      expect(await payloadOf("moderation", action.id)).toMatchObject({ action: "hide", reasonCode: "reported", actorRole: "reports", reports: 1 });
      expect((await api(`/sections/${sections[2]}/comments`)).items.map((x: { id: string }) => x.id)).not.toContain(reported);
      await expectOk();
    });

    it("records a response with its SHA-256, and a later one as superseding it", async () => {
      const id = await post(civil, sections[3]!, "Please answer twice.");
      await respond(id, "noted", "First answer.");
      const first = await db.kysely.selectFrom("disposition").select("id").where("comment_id", "=", id).executeTakeFirstOrThrow();
      expect(await payloadOf("disposition", first.id)).toMatchObject({ response: "First answer.", responseSha256: sha("First answer."), supersedes: null });
      await respond(id, "adopted", "Second answer.");
      const second = await db.kysely.selectFrom("disposition").select("id").where("comment_id", "=", id).where("superseded_at", "is", null).executeTakeFirstOrThrow();
      expect(await payloadOf("disposition", second.id)).toMatchObject({ outcome: "adopted", responseSha256: sha("Second answer."), supersedes: first.id });
      await expectOk();
    });

    it("never puts hidden or confidential words, or the team's notes, into the public ledger", async () => {
      // Stored sealed, so found as the newest confidential comment rather than by its words.
      expect((await civil.postForm(page(sections[4]!), { intent: "comment", kind: "comment", body: "Zanzibarconfidential words.", confidential: "on" })).status).toBe(302);
      const secret = (await db.kysely.selectFrom("comment").select("id").where("visibility", "=", "confidential").orderBy("created_at", "desc").limit(1).executeTakeFirstOrThrow()).id;
      const hidden = await post(civil, sections[4]!, "Quokkahidden words.");
      expect((await decide([hidden], "hide", "abusive", "Wombatnote for the team")).status).toBe(302);
      const edited = await post(civil, sections[4]!, "Platypus words, edited away.");
      expect((await civil.postForm(page(sections[4]!), { intent: "edit", commentId: edited, body: "Plain words now." })).status).toBe(302);
      expect((await decide([edited], "hide", "spam")).status).toBe(302);
      expect((await db.kysely.selectFrom("comment").select("visibility").where("id", "=", secret).executeTakeFirstOrThrow()).visibility).toBe("confidential");
      let all = "";
      for (let after = 0; ; ) {
        const body = await api(`/ledger?after=${after}&limit=1000`);
        all += JSON.stringify(body.items);
        if (body.nextAfter == null) break;
        after = body.nextAfter;
      }
      for (const word of ["Zanzibar", "Quokka", "Wombat", "Platypus", "salt"]) expect(all).not.toContain(word);
      // Confidential text is covered only by a salted digest.
      expect(all).not.toContain(sha("Zanzibarconfidential words."));
      await expectOk();
    });
  });

  describe("tampering", () => {
    /** Changes the database, expects verify to name exactly `expected` from each source given, then restores and expects it to pass. */
    const tamper = async (change: () => Promise<unknown>, restore: () => Promise<unknown>, expected: string, sources: { remote: boolean; touch?: string }, match: "exact" | "prefix" = "exact") => {
      const named = (problem: string | null) => (match === "exact" ? expect(problem).toBe(expected) : expect(problem?.startsWith(expected)).toBe(true));
      await change();
      try {
        if (sources.touch) await touch(sources.touch);
        const local = await verify();
        expect(local.ok).toBe(false);
        named(local.problem);
        const remote = await verifyRemote();
        if (sources.remote) {
          expect(remote.ok).toBe(false);
          named(remote.problem);
        }
      } finally {
        await restore();
        if (sources.touch) await touch(sources.touch);
      }
      await expectOk();
    };
    const demoComment = async (section: number) => {
      const row = await db.kysely.selectFrom("comment").selectAll().where("section_id", "=", sections[section]!).where("redacted_of", "is", null).orderBy("created_at").limit(1).executeTakeFirstOrThrow();
      const e = await entryAbout("submission", row.id);
      return { row, name: `${e.chain} #${Number(e.seq)}` };
    };

    it("(a) names a published comment whose text was edited in the table", async () => {
      const { row, name } = await demoComment(2);
      await tamper(
        () => db.kysely.updateTable("comment").set({ body: "Companies are happy with case-by-case judgement." }).where("id", "=", row.id).execute(),
        () => db.kysely.updateTable("comment").set({ body: row.body }).where("id", "=", row.id).execute(),
        `comment ${row.id} (${name} submission): the text served differs from the text recorded (SHA-256 ${sha("Companies are happy with case-by-case judgement.")} served, ${sha(row.body)} recorded)`,
        { remote: true, touch: sections[2] },
      );
    });

    it("(b) names a comment deleted with its replies", async () => {
      const root = await post(civil, sections[4]!, "An inconvenient thread.");
      const answer = await reply(industry, sections[4]!, root, "And an inconvenient reply.");
      const rows = await db.kysely.selectFrom("comment").selectAll().where("id", "in", [root, answer]).execute();
      const e = await entryAbout("submission", root);
      await tamper(
        async () => {
          await db.kysely.deleteFrom("comment").where("id", "=", answer).execute();
          await db.kysely.deleteFrom("comment").where("id", "=", root).execute();
        },
        async () => {
          await db.kysely.insertInto("comment").values(rows.find((r) => r.id === root)!).execute();
          await db.kysely.insertInto("comment").values(rows.find((r) => r.id === answer)!).execute();
        },
        `${e.chain} #${Number(e.seq)} (submission ${root}): the comment is missing from what is served`,
        { remote: true, touch: sections[4] },
      );
    });

    it("(c) names a comment moved to another author (from the database: names can change, accounts cannot)", async () => {
      const { row, name } = await demoComment(2);
      const other = await db.kysely.selectFrom("user").select("id").where("email", "=", "civil@example.org").executeTakeFirstOrThrow();
      expect(other.id).not.toBe(row.author_id);
      await tamper(
        () => db.kysely.updateTable("comment").set({ author_id: other.id }).where("id", "=", row.id).execute(),
        () => db.kysely.updateTable("comment").set({ author_id: row.author_id }).where("id", "=", row.id).execute(),
        `comment ${row.id} (${name} submission): the author served is not the author recorded (the comment row names another account)`,
        { remote: false },
      );
    });

    const demoResponse = async () => {
      const { row: comment } = await demoComment(2);
      const d = await db.kysely.selectFrom("disposition").selectAll().where("comment_id", "=", comment.id).where("superseded_at", "is", null).executeTakeFirstOrThrow();
      const e = await entryAbout("disposition", d.id);
      return { comment, d, name: `${e.chain} #${Number(e.seq)} (disposition ${d.id})` };
    };

    it("(d) names a response whose text was rewritten", async () => {
      const { comment, d, name } = await demoResponse();
      const rewritten = "We adopted your proposal in full.";
      await tamper(
        () => db.kysely.updateTable("disposition").set({ response: rewritten }).where("id", "=", d.id).execute(),
        () => db.kysely.updateTable("disposition").set({ response: d.response }).where("id", "=", d.id).execute(),
        `${name}: the response text served for comment ${comment.id} differs from the text recorded (SHA-256 ${sha(rewritten)} served, ${sha(d.response)} recorded)`,
        { remote: true },
      );
    });

    it("(e) names a response whose outcome was rewritten", async () => {
      const { comment, d, name } = await demoResponse();
      await tamper(
        () => db.kysely.updateTable("disposition").set({ outcome: "adopted" }).where("id", "=", d.id).execute(),
        () => db.kysely.updateTable("disposition").set({ outcome: d.outcome }).where("id", "=", d.id).execute(),
        `${name}: the outcome served for comment ${comment.id} is "adopted", the ledger records "${d.outcome}"`,
        { remote: true },
      );
    });

    it("(f) names a moderation decision whose reason was edited", async () => {
      const id = await post(civil, sections[0]!, "Off topic, as it happens.");
      expect((await decide([id], "hide", "off_topic")).status).toBe(302);
      const action = await db.kysely.selectFrom("moderation_action").selectAll().where("comment_id", "=", id).executeTakeFirstOrThrow();
      const e = await entryAbout("moderation", action.id);
      await tamper(
        () => db.kysely.updateTable("moderation_action").set({ reason_code: "spam" }).where("id", "=", action.id).execute(),
        () => db.kysely.updateTable("moderation_action").set({ reason_code: action.reason_code }).where("id", "=", action.id).execute(),
        `${e.chain} #${Number(e.seq)} (moderation ${action.id}): the reason in the public log for comment ${id} is "spam", the ledger records "off_topic"`,
        { remote: true },
      );
    });

    it("names a moderation decision removed from the log, and (from the database) a team note rewritten", async () => {
      const id = await post(civil, sections[0]!, "Spam, as it happens.");
      expect((await decide([id], "hide", "spam", "Obvious spam")).status).toBe(302);
      const action = await db.kysely.selectFrom("moderation_action").selectAll().where("comment_id", "=", id).executeTakeFirstOrThrow();
      const e = await entryAbout("moderation", action.id);
      const name = `${e.chain} #${Number(e.seq)} (moderation ${action.id})`;
      await tamper(
        () => db.kysely.deleteFrom("moderation_action").where("id", "=", action.id).execute(),
        () => db.kysely.insertInto("moderation_action").values(action).execute(),
        `${name}: the decision (hide of comment ${id}) is missing from the public moderation log`,
        { remote: true },
      );
      await tamper(
        () => db.kysely.updateTable("moderation_action").set({ note: "Looked fine, hid it anyway" }).where("id", "=", action.id).execute(),
        () => db.kysely.updateTable("moderation_action").set({ note: action.note }).where("id", "=", action.id).execute(),
        `${name}: the team's note stored for this decision on comment ${id} differs from the one recorded`,
        { remote: false },
      );
    });

    it("notes comments from before the participation record once, and names a later one without an entry", async () => {
      const { row } = await demoComment(3);
      const id = "predatesrecord22";
      const restore = async () => {
        await db.kysely.deleteFrom("comment").where("id", "=", id).execute();
        await touch(sections[3]!);
      };
      await db.kysely.insertInto("comment").values({ ...row, id, body: "Written before the record began.", created_at: "2020-01-01T00:00:00.000Z" }).execute();
      try {
        await touch(sections[3]!);
        for (const report of [await verify(), await verifyRemote()]) {
          expect(report.problem).toBeNull();
          expect(report.notes).toContain("1 comment(s) predate the participation record and were not compared");
        }
      } finally {
        await restore();
      }
      await tamper(
        () => db.kysely.insertInto("comment").values({ ...row, id, body: "Slipped in without an entry.", created_at: new Date().toISOString() }).execute(),
        () => db.kysely.deleteFrom("comment").where("id", "=", id).execute(),
        `comment ${id} (section ${sections[3]}): served, but the ledger has no submission for it although it was written after the participation record began`,
        { remote: true, touch: sections[3] },
        "prefix",
      );
    });

    it(
      "margin verify exits 1 naming a rewritten response",
      async () => {
        const { comment, d, name } = await demoResponse();
        await db.kysely.updateTable("disposition").set({ outcome: "not_adopted" }).where("id", "=", d.id).execute();
        try {
          const run = await runCli(["verify"], { DATABASE_URL: tdb.url });
          expect(run.code).toBe(1);
          expect(run.stderr).toContain(`${name}: the outcome served for comment ${comment.id} is "not_adopted", the ledger records "${d.outcome}"`);
        } finally {
          await db.kysely.updateTable("disposition").set({ outcome: d.outcome }).where("id", "=", d.id).execute();
        }
        expect((await verify()).ok).toBe(true);
      },
      CLI_TEST_TIMEOUT_MS,
    );
  });
});
