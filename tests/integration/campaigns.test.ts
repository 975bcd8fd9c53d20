import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { campaignOf, PUBLIC_VIEWER, sectionCampaigns } from "../../server/domain/grouping/campaign-read.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SENTENCES = [
  "We ask that the guideline require every provider of a foundation model to publish a detailed summary of the works used for training it.",
  "Without that summary the rural libraries we represent cannot tell whether their digitised collections were copied.",
  "The summary should list the main sources, the dates of collection and the refusal signals that were honoured.",
  "Please apply the same duty to models that are already offered to the public.",
];
const JA = "公共の場所におけるリアルタイムの顔認識技術の利用について、ガイドラインで原則禁止と明記することを求めます。顔認識による監視は、誰もが自由に集まり意見を表明する権利を大きく損なうおそれがあります。例外を認める場合でも、裁判所の事前の許可と、利用状況の定期的な公表を条件としてください。市民の安心と信頼なくして、AIの社会実装は進まないと考えます。";
const CONFIDENTIAL_LINE = "My employer must not learn that I wrote this.";

describe.each(databaseKinds())("campaigns on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let token: string;
  let civilToken: string;
  let sectionId: string;
  const ids: string[] = [];

  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, init);
  // The same text twice from one person is refused as a double post: a campaign's copies come from many.
  const post = async (body: Record<string, unknown>, auth = token) => {
    const res = await api(`/sections/${sectionId}/comments`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${auth}` }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()).id as string;
  };
  const ours = async () => {
    const list = await (await api("/consultations/ai-guideline/campaigns?limit=100")).json();
    return list.items.find((c: { text: string }) => c.text.includes("rural libraries"));
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    const industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    sectionId = (await (await api("/consultations/ai-guideline")).json()).sections[1].id;
    const created = await industry.postForm("/account", { intent: "create-token", name: "Campaign test" });
    token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    const civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    civilToken = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await (await civil.postForm("/account", { intent: "create-token", name: "Campaign test" })).text())![0];

    // The campaign text as sent: unchanged, with a greeting, with sentences swapped and a word added, with a sign-off.
    ids.push(await post({ body: SENTENCES.join(" ") }));
    ids.push(await post({ body: `Dear Ministry, ${SENTENCES.join(" ")}` }));
    ids.push(await post({ body: [SENTENCES[1], SENTENCES[0], SENTENCES[2]!.replace("main sources", "main public sources"), SENTENCES[3]].join(" ") }));
    ids.push(await post({ body: `${SENTENCES.join("  ")} Kind regards.` }));
    ids.push(await post({ body: `Dear Ministry, ${SENTENCES.join(" ")}` }, civilToken));
    // A confidential copy: its recipients' alone, so never counted nor shown to the public.
    ids.push(await post({ body: `${CONFIDENTIAL_LINE} ${SENTENCES.join(" ")}`, confidential: true }));
    // A second campaign, in Japanese (no spaces: character shingles need no word segmentation).
    await post({ body: JA });
    await post({ body: `ご担当者様${JA}よろしくお願いいたします。` }, civilToken);
    // Something else entirely, and a too-short repeat.
    await post({ body: "The definition of a general purpose model in section 2 is too vague to apply in practice." });
    await post({ body: "Agreed." });
    await post({ body: "Agreed." }, civilToken);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("recognises the copies as one campaign and counts only what the public may read", async () => {
    const c = await ours();
    expect(c).toBeDefined();
    expect(c.count).toBe(5);
    expect(c.text).toBe(SENTENCES.join(" "));
    expect(c.sectionId).toBe(sectionId);
    const list = await (await api("/consultations/ai-guideline/campaigns?limit=100")).text();
    expect(list).not.toContain(CONFIDENTIAL_LINE);
    expect(list).not.toContain("Agreed.");
    // The engine itself did group the confidential copy: only the public view leaves it out.
    const members = await db.kysely.selectFrom("comment_group_member").select(["comment_id", "group_id"]).where("comment_id", "in", ids).where("kind", "=", "campaign").execute();
    expect(members).toHaveLength(6);
    expect(new Set(members.map((m) => m.group_id)).size).toBe(1);
  });

  it("gives a campaign's variations, by count, paged, without the confidential copy's words", async () => {
    const c = await ours();
    const res = await api(`/campaigns/${c.id}?limit=2`);
    expect(res.status).toBe(200);
    const first = await res.json();
    expect(first.count).toBe(5);
    expect(first.consultation).toBe("ai-guideline");
    expect(first.variations.items).toHaveLength(2);
    expect(first.variations.items[0]).toEqual({ kind: "adds", text: "Dear Ministry,", count: 2 });
    expect(first.variations.nextCursor).toEqual(expect.any(String));
    const second = await (await api(`/campaigns/${c.id}?limit=2&cursor=${first.variations.nextCursor}`)).json();
    expect(second.variations.nextCursor).toBeNull();
    // The unchanged text, a word added to a reordered copy (the move is no addition), a sign-off.
    const rest = [...first.variations.items.slice(1), ...second.variations.items].map((v: { kind: string; text: string | null; count: number }) => `${v.kind}:${v.text}:${v.count}`).sort();
    expect(rest, JSON.stringify(rest)).toEqual(["adds:Kind regards.:1", "adds:public:1", "same:null:1"]);
    expect(JSON.stringify([first, second])).not.toContain(CONFIDENTIAL_LINE);
  });

  it("pages the consultation's campaigns largest first, and refuses a bad cursor", async () => {
    const one = await (await api("/consultations/ai-guideline/campaigns?limit=1")).json();
    expect(one.items).toHaveLength(1);
    expect(one.nextCursor).toEqual(expect.any(String));
    const next = await (await api(`/consultations/ai-guideline/campaigns?limit=1&cursor=${one.nextCursor}`)).json();
    expect(next.items[0].id).not.toBe(one.items[0].id);
    expect(next.items[0].count).toBeLessThanOrEqual(one.items[0].count);
    const all = await (await api("/consultations/ai-guideline/campaigns")).json();
    const ja = all.items.find((c: { text: string }) => c.text === JA);
    expect(ja.count).toBe(2);
    const detail = await (await api(`/campaigns/${ja.id}`)).json();
    const texts = detail.variations.items.map((v: { text: string | null }) => v.text);
    expect(texts).toHaveLength(2);
    expect(texts).toEqual(expect.arrayContaining(["ご担当者様 … よろしくお願いいたします。", null]));
    expect((await api("/consultations/ai-guideline/campaigns?cursor=nonsense")).status).toBe(400);
    expect((await api("/consultations/ai-guideline/campaigns?limit=0")).status).toBe(400);
    expect((await api("/campaigns/no-such-campaign")).status).toBe(404);
  });

  it("answers the section rail's questions: which comments are one campaign, and a section's campaigns", async () => {
    const c = await ours();
    const of = await campaignOf(db, ids, PUBLIC_VIEWER);
    expect(of.get(ids[0]!)).toEqual({ campaignId: c.id, count: 5 });
    const here = await sectionCampaigns(db, sectionId, PUBLIC_VIEWER, 10);
    expect(here).toContainEqual({ campaignId: c.id, count: 5 });
  });

  it("shows the campaign page: the count, the text and what the variants add", async () => {
    const c = await ours();
    const res = await new Browser(server.url).get(`/c/ai-guideline/campaigns/${c.id}`);
    const page = await res.text();
    expect(res.status, page.slice(0, 2000)).toBe(200);
    expect(page).toContain("This text was submitted by 5 participants");
    expect(page).toContain("rural libraries");
    expect(page).toContain("Dear Ministry,");
    expect(page).not.toContain(CONFIDENTIAL_LINE);
    expect((await new Browser(server.url).get("/c/ai-guideline/campaigns/nope")).status).toBe(404);
  });
});
