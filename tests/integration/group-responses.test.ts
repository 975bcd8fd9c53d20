import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { listUnansweredComments } from "../../db/queries/history.js";
import { installDataKeyring } from "../../server/crypto/active.js";
import { loadDataKeyring } from "../../server/crypto/keyring.js";
import { databaseSource, httpSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { newOutboxDir } from "../helpers/invitations.js";
import { startServer, type TestServer } from "../helpers/server.js";

// Issue 18, item 4 (ADR 032): one considered answer per group, reaching every member, superseded per comment.

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const GROUP_ANSWER = "We keep the register public and add a yearly review, as many of you asked.";
const nowIso = () => new Date().toISOString();

describe.each(databaseKinds())("one considered answer per group on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let civil: Browser;
  let industry: Browser;
  let otherTeam: Browser;
  let sections: string[];
  let consultationId: string;
  /** The campaign's members: six public comments and one confidential. */
  let members: string[];
  let confidentialId: string;
  let groupId: string;
  let topicId: string;
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`)).json();
  const respondPath = (id: string) => `/c/${SLUG}/groups/${id}/respond`;

  const expectVerified = async () => {
    for (const report of [await verifyLedger(databaseSource(db)), await verifyLedger(httpSource(server.url))]) {
      expect(report.problem).toBeNull();
      expect(report.ok).toBe(true);
    }
  };
  const current = async (commentId: string) =>
    db.kysely.selectFrom("disposition").selectAll().where("comment_id", "=", commentId).where("superseded_at", "is", null).executeTakeFirst();
  /** Everything a refused request must leave as it was. */
  const snapshot = async () => ({
    dispositions: (await db.kysely.selectFrom("disposition").select("id").execute()).length,
    groupResponses: (await db.kysely.selectFrom("group_response").select("id").execute()).length,
    ledger: (await db.kysely.selectFrom("ledger_entry").select("seq").execute()).length,
  });
  const idOf = async (body: string) => (await db.kysely.selectFrom("comment").select("id").where("body", "=", body).executeTakeFirstOrThrow()).id;
  const insertGroup = async (kindOf: "campaign" | "topic", ids: string[], consultation = consultationId) => {
    const id = `grp${Math.random().toString(36).slice(2, 15)}`.padEnd(16, "a").slice(0, 16).replace(/[^a-z2-7]/g, "a");
    const at = nowIso();
    await db.kysely
      .insertInto("comment_group")
      .values({ id, consultation_id: consultation, kind: kindOf, label: kindOf === "topic" ? "Register and review" : null, terms: JSON.stringify(["register", "review"]), gist: null, canonical_id: ids[0] ?? null, size: ids.length, centroid: null, merged_into: null, created_at: at, updated_at: at })
      .execute();
    // The engines placed these comments as they arrived; the test's group takes them over, as the team's curation would.
    if (ids.length > 0) await db.kysely.deleteFrom("comment_group_member").where("comment_id", "in", ids).where("kind", "=", kindOf).execute();
    for (const commentId of ids) {
      const c = await db.kysely.selectFrom("comment").select(["section_id"]).where("id", "=", commentId).executeTakeFirstOrThrow();
      await db.kysely.insertInto("comment_group_member").values({ comment_id: commentId, kind: kindOf, group_id: id, consultation_id: consultation, section_id: c.section_id, created_at: at }).execute();
    }
    return id;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_JAPANESE: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", MAIL_OUTBOX_DIR: newOutboxDir() });
    db = createDb(tdb.url, { poolSize: 2 });
    const signedIn = async (email: string) => {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      return b;
    };
    owner = await signedIn("owner@example.org");
    civil = await signedIn("civil@example.org");
    industry = await signedIn("industry@example.org");
    // The Japanese demo's owner: a team, but of another consultation.
    otherTeam = await signedIn("yamamoto@example.jp");
    sections = (await api(`/consultations/${SLUG}`)).sections.map((s: { id: string }) => s.id);
    consultationId = (await db.kysely.selectFrom("consultation").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
    members = [];
    for (let i = 0; i < 6; i++) {
      const who = i % 2 === 0 ? civil : industry;
      const body = `Keep the register public, please (campaign text, copy ${i}).`;
      expect((await who.postForm(`/c/${SLUG}/s/${sections[1 + (i % 2)]}`, { intent: "comment", kind: "comment", body })).status).toBe(302);
      members.push(await idOf(body));
    }
    expect((await industry.postForm(`/c/${SLUG}/s/${sections[1]}`, { intent: "comment", kind: "comment", body: "Our confidential view on the register.", confidential: "on", redactedBody: "A confidential view." })).status).toBe(302);
    confidentialId = (await db.kysely.selectFrom("comment").select("id").where("visibility", "=", "confidential").where("parent_id", "is", null).orderBy("created_at", "desc").executeTakeFirstOrThrow()).id;
    groupId = await insertGroup("campaign", [...members, confidentialId]);
    topicId = await insertGroup("topic", members.slice(0, 3));
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("shows the team the group, its size and who already has an answer; everyone else a 404", async () => {
    // One member is answered on its own first.
    expect((await owner.postForm(`/c/${SLUG}/v/1/report`, { commentId: members[0]!, outcome: "noted", response: "Answered on its own." })).status).toBe(302);
    const page = await owner.get(respondPath(groupId));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Answer a campaign together");
    // The confidential member is answered on its own by its recipients: a group answer reaches public comments only.
    expect(html).toContain("6 comments in this group. 1 already has its own response.");
    expect(html).toContain("Keep the register public, please (campaign text, copy 0).");
    expect(html).toContain("Answer 5 comments together");
    for (const [who, b] of [["anonymous", new Browser(server.url)], ["a participant", civil], ["another consultation's team", otherTeam]] as const) {
      const res = await b.get(respondPath(groupId));
      expect(res.status, who).toBe(404);
      expect(await res.text(), who).not.toContain("campaign text");
    }
    // A group of another consultation is not found here, even by this team.
    const jaId = (await db.kysely.selectFrom("consultation").select("id").where("slug", "<>", SLUG).executeTakeFirstOrThrow()).id;
    const foreign = await insertGroup("campaign", [], jaId);
    expect((await owner.get(respondPath(foreign))).status).toBe(404);
    expect((await owner.get(respondPath("nosuchgroup22222"))).status).toBe(404);
  });

  it("answers every member together in one step, in the ledger, keeping a member's own response", async () => {
    const before = (await db.kysely.selectFrom("ledger_entry").select("seq").where("chain", "=", "public").orderBy("seq", "desc").executeTakeFirstOrThrow()).seq;
    const res = await owner.postForm(respondPath(groupId), { outcome: "partly_adopted", response: GROUP_ANSWER, versionNumber: "1" });
    expect(res.status).toBe(302);
    expect(await (await owner.get(res.headers.get("location")!, { Accept: "text/html" })).text()).toContain("Answered 5 comments together; 1 comment kept their own response.");
    const gr = await db.kysely.selectFrom("group_response").selectAll().where("group_id", "=", groupId).executeTakeFirstOrThrow();
    expect(gr).toMatchObject({ outcome: "partly_adopted", member_count: 5, superseded_at: null });
    for (const id of members.slice(1)) expect(await current(id), id).toMatchObject({ group_response_id: gr.id, outcome: "partly_adopted", response: GROUP_ANSWER });
    // The confidential copy keeps waiting for its recipients' own answer: nothing public names it with the group.
    expect(await current(confidentialId)).toBeUndefined();
    expect(await current(members[0]!)).toMatchObject({ group_response_id: null, response: "Answered on its own." });
    // The ledger: the group's entry, then one response per member naming it.
    const entries = await db.kysely.selectFrom("ledger_entry").select(["kind", "payload"]).where("chain", "=", "public").where("seq", ">", before).orderBy("seq").execute();
    expect(entries[0]!.kind).toBe("group_response");
    expect(JSON.parse(entries[0]!.payload)).toMatchObject({ groupId, kind: "campaign", outcome: "partly_adopted", response: GROUP_ANSWER, memberCount: 5, supersedes: null });
    expect(entries.slice(1).map((e) => e.kind)).toEqual(Array(5).fill("disposition"));
    expect(entries.slice(1).every((e) => JSON.parse(e.payload).groupResponseId === gr.id)).toBe(true);
    expect(entries.slice(1).map((e) => JSON.parse(e.payload)).find((p) => p.commentId === confidentialId)).toBeUndefined();
    // Each author is notified as of a single response (mail through the outbox).
    const notified = await db.kysely.selectFrom("notification").select("dedupe_key").where("kind", "=", "response").execute();
    const dispositionIds = (await db.kysely.selectFrom("disposition").select("id").where("group_response_id", "=", gr.id).execute()).map((d) => `response:${d.id}`);
    expect(notified.filter((n) => dispositionIds.includes(n.dedupe_key)).length).toBe(5);
    // Finalising asks for every comment answered: the group's members count as answered.
    // The list opens the texts it returns: the confidential one (still open) is sealed with the server's key.
    installDataKeyring(loadDataKeyring({ DATABASE_URL: tdb.url }, { create: false }).ring);
    const open = (await listUnansweredComments(db.kysely, consultationId)).map((c) => c.id);
    for (const id of members) expect(open).not.toContain(id);
    expect(open).toContain(confidentialId);
    await expectVerified();
  });

  it("replaces members' own responses only when told to, superseding the group's earlier answer", async () => {
    const first = await db.kysely.selectFrom("group_response").selectAll().where("group_id", "=", groupId).executeTakeFirstOrThrow();
    const res = await owner.postForm(respondPath(groupId), { outcome: "adopted", response: `${GROUP_ANSWER} (revised)`, overrideIndividual: "on" });
    expect(res.status).toBe(302);
    const rows = await db.kysely.selectFrom("group_response").selectAll().where("group_id", "=", groupId).orderBy("created_at").execute();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === first.id)!.superseded_at).not.toBeNull();
    const second = rows.find((r) => r.id !== first.id)!;
    expect(second).toMatchObject({ member_count: 6, superseded_at: null });
    for (const id of members) expect(await current(id), id).toMatchObject({ group_response_id: second.id, outcome: "adopted" });
    const entry = await db.kysely.selectFrom("ledger_entry").select("payload").where("kind", "=", "group_response").where("subject_id", "=", second.id).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload)).toMatchObject({ supersedes: first.id, memberCount: 6, overrideIndividual: true });
    await expectVerified();
  });

  it("lets a later single response supersede the group's for that comment only", async () => {
    const gr = await db.kysely.selectFrom("group_response").selectAll().where("group_id", "=", groupId).where("superseded_at", "is", null).executeTakeFirstOrThrow();
    expect((await owner.postForm(`/c/${SLUG}/v/1/report`, { commentId: members[1]!, outcome: "not_adopted", response: "This copy asked for more; not this time." })).status).toBe(302);
    expect(await current(members[1]!)).toMatchObject({ group_response_id: null, outcome: "not_adopted" });
    for (const id of [members[0]!, ...members.slice(2)]) expect(await current(id), id).toMatchObject({ group_response_id: gr.id, outcome: "adopted" });
    expect((await db.kysely.selectFrom("group_response").select("superseded_at").where("id", "=", gr.id).executeTakeFirstOrThrow()).superseded_at).toBeNull();
    await expectVerified();
  });

  it("marks a group's answer where a response is shown, counting published public comments only", async () => {
    const gr = await db.kysely.selectFrom("group_response").selectAll().where("group_id", "=", groupId).where("superseded_at", "is", null).executeTakeFirstOrThrow();
    // Five public comments hold it now (the sixth has its own; the confidential one is not counted).
    const comments = (await api(`/sections/${sections[1]}/comments`)).items ?? (await api(`/sections/${sections[1]}/comments`));
    const list = Array.isArray(comments) ? comments : comments.comments;
    const held = list.find((c: { id: string }) => c.id === members[2]);
    expect(held.disposition).toMatchObject({ outcome: "adopted", answeredTogether: { groupResponseId: gr.id, comments: 5 } });
    expect(list.find((c: { id: string }) => c.id === members[0]).disposition.answeredTogether).toMatchObject({ comments: 5 });
    const link = `/c/${SLUG}/group-answers/${gr.id}`;
    const anonymous = new Browser(server.url);
    const latest = Math.max(...(await db.kysely.selectFrom("version").select("number").where("consultation_id", "=", consultationId).execute()).map((v) => Number(v.number)));
    for (const path of [`/c/${SLUG}/s/${sections[1]}?threads=all`, `/c/${SLUG}/v/${latest}/report`]) {
      const html = await (await anonymous.get(path)).text();
      expect(html, path).toContain("Answered together: one answer to 5 comments");
      expect(html, path).toContain(link);
    }
    const answer = await anonymous.get(link);
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).toContain(`${GROUP_ANSWER} (revised)`);
    // The page counts the published public comments it was given to (six: one has its own answer since).
    expect(text).toContain("6 published comments");
    expect(text).not.toContain("Our confidential view");
    // The superseded first answer is still readable, and says it was replaced.
    const first = await db.kysely.selectFrom("group_response").select("id").where("group_id", "=", groupId).where("superseded_at", "is not", null).executeTakeFirstOrThrow();
    expect(await (await anonymous.get(`/c/${SLUG}/group-answers/${first.id}`)).text()).toContain("since replaced this answer");
  });

  it("answers a topic the same way", async () => {
    const res = await owner.postForm(respondPath(topicId), { outcome: "noted", response: "Noted for the topic.", overrideIndividual: "on" });
    expect(res.status).toBe(302);
    expect(await (await owner.get(res.headers.get("location")!, { Accept: "text/html" })).text()).toContain("Answered 3 comments together.");
    for (const id of members.slice(0, 3)) expect(await current(id), id).toMatchObject({ outcome: "noted", response: "Noted for the topic." });
    // The campaign's other members keep the campaign's answer.
    expect(await current(members[3]!)).toMatchObject({ outcome: "adopted" });
    await expectVerified();
  });

  it("refuses outsiders, another consultation's team and bad input, changing nothing", async () => {
    const before = await snapshot();
    const anonymous = await new Browser(server.url).postForm(respondPath(groupId), { outcome: "noted", response: "x" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");
    for (const [who, b] of [["a participant", civil], ["another consultation's team", otherTeam]] as const) {
      expect((await b.postForm(respondPath(groupId), { outcome: "noted", response: "Not mine to answer." })).status, who).toBe(404);
    }
    const bad: [string, Record<string, string | string[]>][] = [
      ["no outcome", { outcome: "", response: "Fine." }],
      ["an unknown outcome", { outcome: "maybe", response: "Fine." }],
      ["no response", { outcome: "noted", response: "  " }],
      ["a response too long", { outcome: "noted", response: "x".repeat(5001) }],
      ["a change of nowhere", { outcome: "noted", response: "Fine.", changeSetIds: ["aaaaaaaaaaaaaaaa"] }],
      ["a malformed change", { outcome: "noted", response: "Fine.", changeSetIds: ["../../x"] }],
      ["a version that does not exist", { outcome: "noted", response: "Fine.", versionNumber: "99" }],
    ];
    for (const [what, fields] of bad) {
      const res = await owner.postForm(respondPath(groupId), fields);
      expect(res.status, what).toBe(400);
    }
    // A group merged away is answered through the group it went into.
    await db.kysely.updateTable("comment_group").set({ merged_into: topicId }).where("id", "=", groupId).execute();
    const merged = await owner.postForm(respondPath(groupId), { outcome: "noted", response: "Fine." });
    expect(merged.status).toBe(409);
    expect(await merged.text()).toContain("merged into another one");
    await db.kysely.updateTable("comment_group").set({ merged_into: null }).where("id", "=", groupId).execute();
    expect(await snapshot()).toEqual(before);
    await expectVerified();
  });

  it("never shows a hidden canonical text on the answering page", async () => {
    const text = "Keep the register public, please (campaign text, copy 0).";
    expect(await (await owner.get(respondPath(groupId))).text()).toContain(text);
    // A moderator hides the group's canonical comment: its words are its author's alone now.
    await db.kysely.updateTable("comment").set({ status: "hidden", moderation_reason: "off_topic" }).where("id", "=", members[0]!).execute();
    expect(await (await owner.get(respondPath(groupId))).text()).not.toContain(text);
  });
});
