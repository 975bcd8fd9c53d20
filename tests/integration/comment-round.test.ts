import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignScores, generateCorpus, type CorpusItem } from "../../bench/corpus.js";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { newOutboxDir } from "../helpers/invitations.js";
import { startServer, type TestServer } from "../helpers/server.js";

// Issue 18, "done when": the synthetic comment round, posted through the API as
// participants would, is grouped into campaigns and topics as it arrives; one answer
// to a campaign reaches every copy; a later answer to one copy supersedes it there only.

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
/** Enough copies per campaign and comments per theme to group, few enough for a test run. */
const ROUND = { total: 150, campaignShare: 0.3, campaigns: 3, japaneseShare: 0.5, seed: 1818 };
const CAMPAIGN_ANSWER = "The revised draft makes this a duty, as this campaign asked.";
const SINGLE_ANSWER = "This copy also asked for a deadline; we have not set one.";

describe.each(databaseKinds())("a comment round from the generator, posted through the API, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  const posted: { id: string; sectionId: string; item: CorpusItem }[] = [];
  const api = async (path: string) => {
    const res = await fetch(`${server.url}/api/v1${path}`);
    expect(res.status, path).toBe(200);
    return res.json();
  };
  const groupOf = async (kindOf: "campaign" | "topic", commentId: string) =>
    (await db.kysely.selectFrom("comment_group_member").select("group_id").where("comment_id", "=", commentId).where("kind", "=", kindOf).executeTakeFirst())?.group_id ?? null;
  /** A comment's response as the public read API shows it. */
  const publicResponse = async (sectionId: string, commentId: string) => {
    const items = (await api(`/sections/${sectionId}/comments`)).items as { id: string; disposition: { outcome: string; response: string; answeredTogether: { groupResponseId: string; comments: number } | null } | null }[];
    return items.find((c) => c.id === commentId)?.disposition ?? null;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "100000", MAIL_OUTBOX_DIR: newOutboxDir() });
    db = createDb(tdb.url, { poolSize: 2 });
    owner = new Browser(server.url);
    expect((await owner.signIn("owner@example.org", PASSWORD)).status).toBe(302);
    // Two participants with API tokens send the round, as an organisation's system would.
    const tokens: string[] = [];
    for (const email of ["civil@example.org", "industry@example.org"]) {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      const created = await b.postForm("/account", { intent: "create-token", name: "Comment round" });
      tokens.push(/mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0]);
    }
    const sectionIds = ((await api(`/consultations/${SLUG}`)).sections as { id: string }[]).map((s) => s.id);
    const round = generateCorpus({ ...ROUND, sections: sectionIds.length });
    for (const [i, item] of round.entries()) {
      const sectionId = sectionIds[item.section]!;
      const res = await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${tokens[i % tokens.length]}` },
        body: JSON.stringify({ kind: "comment", body: item.body }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      posted.push({ id: ((await res.json()) as { id: string }).id, sectionId, item });
    }
  }, 240_000);

  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("recognises each campaign as it arrives and counts every copy once", async () => {
    const groups = await Promise.all(posted.map((p) => groupOf("campaign", p.id)));
    const scores = campaignScores(posted.map((p) => p.item), groups);
    expect(scores.recall).toBeGreaterThanOrEqual(0.95);
    expect(scores.precision).toBeGreaterThanOrEqual(0.99);
    // Each campaign is one entry in the public list, counting its copies.
    const listed = (await api(`/consultations/${SLUG}/campaigns?limit=50`)).items as { id: string; count: number }[];
    for (let c = 0; c < ROUND.campaigns; c++) {
      const copies = posted.filter((p) => p.item.campaign === c);
      // Its copies are (nearly) all in one group, and that group is listed with exactly its members counted.
      const tally = new Map<string | null, number>();
      for (const p of copies) {
        const g = groups[posted.indexOf(p)] ?? null;
        tally.set(g, (tally.get(g) ?? 0) + 1);
      }
      const [main, held] = [...tally].filter(([g]) => g !== null).sort((a, b) => b[1] - a[1])[0]!;
      expect(held / copies.length, `campaign ${c}: ${JSON.stringify([...tally])}`).toBeGreaterThanOrEqual(0.9);
      const members = groups.filter((g) => g === main).length;
      expect(listed.find((l) => l.id === main)?.count, `campaign ${c}'s count`).toBe(members);
    }
    // Every submission still has its own receipt.
    const receipts = await db.kysely.selectFrom("receipt").select("subject_id").where("subject_id", "in", posted.map((p) => p.id)).execute();
    expect(new Set(receipts.map((r) => r.subject_id)).size).toBe(posted.length);
  });

  it("groups comments in people's own words by what they are about", async () => {
    const organic = posted.filter((p) => p.item.campaign === null);
    const byTopic = new Map<string, number[]>();
    for (const p of organic) {
      const topic = await groupOf("topic", p.id);
      expect(topic, "every first comment has a topic").not.toBeNull();
      byTopic.set(topic!, [...(byTopic.get(topic!) ?? []), p.item.theme]);
    }
    // Purity: the share of comments whose topic's most common theme is their own.
    let agreeing = 0;
    for (const themes of byTopic.values()) {
      const counts = new Map<number, number>();
      for (const t of themes) counts.set(t, (counts.get(t) ?? 0) + 1);
      agreeing += Math.max(...counts.values());
    }
    expect(agreeing / organic.length).toBeGreaterThanOrEqual(0.8);
    // Grouped, not one topic per comment.
    expect(byTopic.size).toBeLessThan(organic.length / 2);
  });

  it("gives one answer to a campaign that reaches every copy, and a later single answer supersedes it for that copy only", async () => {
    const copies = posted.filter((p) => p.item.campaign === 0);
    const groupId = (await groupOf("campaign", copies[0]!.id))!;
    const res = await owner.postForm(`/c/${SLUG}/groups/${groupId}/respond`, { outcome: "adopted", response: CAMPAIGN_ANSWER });
    expect(res.status, await res.clone().text()).toBe(302);
    for (const p of copies) {
      expect(await publicResponse(p.sectionId, p.id), p.id).toMatchObject({ outcome: "adopted", response: CAMPAIGN_ANSWER, answeredTogether: { comments: copies.length } });
    }
    // The campaign's one entry on its section page carries the answer, for anyone reading.
    const page = await (await fetch(`${server.url}/c/${SLUG}/s/${copies[0]!.sectionId}`)).text();
    const entry = page.slice(page.indexOf(`data-campaign="${groupId}"`));
    expect(entry.slice(0, entry.indexOf("</li>"))).toContain(CAMPAIGN_ANSWER);
    // No comment outside the campaign got its answer.
    const others = posted.filter((p) => p.item.campaign !== 0);
    const leaked = await db.kysely.selectFrom("disposition").select("comment_id").where("comment_id", "in", others.map((p) => p.id)).execute();
    expect(leaked).toEqual([]);

    const [one, ...rest] = copies;
    expect((await owner.postForm(`/c/${SLUG}/v/1/report`, { commentId: one!.id, outcome: "not_adopted", response: SINGLE_ANSWER })).status).toBe(302);
    const single = await publicResponse(one!.sectionId, one!.id);
    expect(single).toMatchObject({ outcome: "not_adopted", response: SINGLE_ANSWER });
    expect(single?.answeredTogether ?? null).toBeNull();
    for (const p of rest) expect(await publicResponse(p.sectionId, p.id), p.id).toMatchObject({ outcome: "adopted", response: CAMPAIGN_ANSWER, answeredTogether: { comments: rest.length } });

    const verified = await verifyLedger(databaseSource(db));
    expect(verified.problem).toBeNull();
    expect(verified.ok).toBe(true);
  });
});
