import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import type { CommentRow } from "../../db/schema.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
/** The smallest page the server allows, so a few comments make several pages. */
const PAGE = 5;

/** The thread ids a page's rail shows, in order. */
function threadIds(html: string): string[] {
  return [...html.matchAll(/id="thread-([a-z2-7]{16}|scale-[a-z0-9-]+)"/g)].map((m) => m[1]!);
}

/** The heat strip's comment count for one block of the text, as the page says it. */
function heatComments(html: string, block: number): number | null {
  const m = new RegExp(`data-passage="${block}"[\\s\\S]*?data-testid="heat-comments">(\\d+) comments?<`).exec(html);
  return m ? Number(m[1]) : null;
}

function campaignCount(html: string, id: string): number | null {
  const m = new RegExp(`data-campaign="${id}"[\\s\\S]*?data-testid="campaign-count">This text was submitted by (\\d+) participants?<`).exec(html);
  return m ? Number(m[1]) : null;
}

/** Issue 18: the section page stays one page of comments at any size, folds campaigns, and shows where the comments are. */
describe.each(databaseKinds())("the section page at scale, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let civil: Browser;
  let industry: Browser;
  let sectionId: string;
  let here: string;
  let consultationId: string;
  let text: string;
  let anchorTemplate: Pick<CommentRow, "anchor_start" | "anchor_end" | "quote_exact" | "quote_prefix" | "quote_suffix" | "position_start" | "position_end" | "base_seq">;
  let civilId: string;
  let industryId: string;
  /** The block of the text the anchored comments are on, and another one. */
  let block: number;
  const publicAnchored: string[] = [];
  const unanchored: string[] = [];

  let n = 0;
  const row = (over: Partial<CommentRow>): CommentRow => ({
    id: `scale-${(n++).toString().padStart(4, "0")}`,
    section_id: sectionId,
    consultation_id: consultationId,
    author_id: civilId,
    parent_id: null,
    kind: "comment",
    body: `Scale comment ${n}`,
    replacement: null,
    anchor_start: null,
    anchor_end: null,
    quote_exact: null,
    quote_prefix: null,
    quote_suffix: null,
    position_start: null,
    position_end: null,
    base_seq: anchorTemplate.base_seq,
    visibility: "public",
    status: "published",
    suggestion_status: null,
    decided_by: null,
    decided_at: null,
    decision_reason: null,
    applied_seq: null,
    moderation_reason: null,
    review_requested_at: null,
    publication: "name",
    redacted_of: null,
    created_at: new Date(Date.now() - 60_000 + n * 10).toISOString(),
    edited_at: null,
    deleted_at: null,
    ...over,
  });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", RAIL_PAGE_SIZE: String(PAGE) });
    db = createDb(tdb.url, { poolSize: 2 });
    const signedIn = async (email: string) => {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      return b;
    };
    owner = await signedIn("owner@example.org");
    civil = await signedIn("civil@example.org");
    industry = await signedIn("industry@example.org");
    const c = await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json();
    consultationId = (await db.kysely.selectFrom("consultation").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
    // A section no demo comment is on, so every count here is this test's.
    const busy = new Set((await db.kysely.selectFrom("comment").select("section_id").where("consultation_id", "=", consultationId).execute()).map((r) => r.section_id));
    sectionId = (c.sections as { id: string }[]).map((s) => s.id).find((id) => !busy.has(id))!;
    expect(sectionId).toBeTruthy();
    here = `/c/${SLUG}/s/${sectionId}`;
    text = (await (await fetch(`${server.url}/api/v1/sections/${sectionId}`)).json()).text as string;
    civilId = (await db.kysely.selectFrom("user").select("id").where("email", "=", "civil@example.org").executeTakeFirstOrThrow()).id;
    industryId = (await db.kysely.selectFrom("user").select("id").where("email", "=", "industry@example.org").executeTakeFirstOrThrow()).id;

    // Three comments on one passage, through the API as a participant would post them.
    const created = await civil.postForm("/account", { intent: "create-token", name: "scale" });
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    const blocks = text.split("\n\n");
    block = blocks.findIndex((b) => b.split(/\s+/).length > 8);
    const exact = blocks[block]!.split(/\s+/).slice(2, 6).join(" ");
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ body: `On the passage, ${i}`, selector: { type: "TextQuoteSelector", exact } }),
      });
      expect(res.status).toBe(201);
      publicAnchored.push((await res.json()).id);
    }
    anchorTemplate = await db.kysely
      .selectFrom("comment")
      .select(["anchor_start", "anchor_end", "quote_exact", "quote_prefix", "quote_suffix", "position_start", "position_end", "base_seq"])
      .where("id", "=", publicAnchored[0]!)
      .executeTakeFirstOrThrow();
    const anchored = { ...anchorTemplate };
    // On the same passage, what outsiders must not count: a confidential, a hidden and a held one (industry's).
    const rows = [
      row({ ...anchored, visibility: "confidential", author_id: industryId, body: "Confidential on the passage" }),
      row({ ...anchored, status: "hidden", moderation_reason: "off_topic", author_id: industryId, body: "Hidden on the passage" }),
      row({ ...anchored, status: "pending", author_id: industryId, body: "Held on the passage" }),
    ];
    // Twelve more on the whole section: more than two pages.
    for (let i = 0; i < 12; i++) {
      const r = row({ body: `Whole section ${i}` });
      unanchored.push(r.id);
      rows.push(r);
    }
    await db.kysely.insertInto("comment").values(rows).execute();
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("ships one page of threads with a next link that works, in a stable order, and refuses a malformed page", async () => {
    const anonymous = new Browser(server.url);
    const seen: string[] = [];
    let path: string | null = here;
    for (let pages = 0; path && pages < 10; pages++) {
      const html: string = await (await anonymous.get(path)).text();
      const ids = threadIds(html);
      expect(ids.length).toBeLessThanOrEqual(PAGE);
      seen.push(...ids);
      const tag: string | undefined = /<a [^>]*data-testid="rail-next"[^>]*>/.exec(html)?.[0];
      const next: string | undefined = tag && /href="([^"]*)"/.exec(tag)![1]!.replaceAll("&amp;", "&");
      path = next ? `${here}?${next.split("?")[1]!.split("#")[0]}` : null;
    }
    // Every public thread once (the hidden one as its tombstone); nothing held or confidential.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([...publicAnchored, ...unanchored]));
    expect(seen.length).toBe(publicAnchored.length + unanchored.length + 1);
    expect(threadIds(await (await anonymous.get(here)).text())).toHaveLength(PAGE);
    // The same page twice is the same threads.
    expect(threadIds(await (await anonymous.get(`${here}?page=2`)).text())).toEqual(threadIds(await (await anonymous.get(`${here}?page=2`)).text()));
    for (const bad of ["page=0", "page=abc", "page=-1", "passage=x", "filter=nobody"]) {
      const res = await anonymous.get(`${here}?${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it("filters the rail to a passage of the heat strip, counting what each viewer may see", async () => {
    const anonymous = new Browser(server.url);
    const page = await (await anonymous.get(here)).text();
    expect(page).toContain('data-testid="heat-strip"');
    expect(heatComments(page, block)).toBe(3);
    expect(page).toMatch(new RegExp(`href="[^"]*\\?passage=${block}#comments-title"`));
    // The participant who wrote the confidential, held and hidden ones: their own count for them, but a hidden one counts for no one.
    expect(heatComments(await (await industry.get(here)).text(), block)).toBe(5);
    // The owner, on the team and the demo's named reader of confidential submissions, sees the held and the confidential one.
    expect(heatComments(await (await owner.get(here)).text(), block)).toBe(5);
    expect(heatComments(await (await civil.get(here)).text(), block)).toBe(3);

    const filtered = await (await anonymous.get(`${here}?passage=${block}`)).text();
    expect(filtered).toContain('data-testid="rail-passage"');
    const ids = threadIds(filtered);
    expect(ids).toEqual(expect.arrayContaining(publicAnchored));
    for (const id of unanchored) expect(ids).not.toContain(id);
    expect(filtered).not.toContain("Confidential on the passage");
    expect(filtered).not.toContain("Held on the passage");
    expect(filtered).not.toContain("Hidden on the passage");
    // Another block has none of them.
    const other = block === 0 ? 1 : 0;
    const elsewhere = threadIds(await (await anonymous.get(`${here}?passage=${other}`)).text());
    for (const id of publicAnchored) expect(elsewhere).not.toContain(id);
  });

  it("folds a campaign's public copies into one entry, leaving confidential and held copies threads of their own", async () => {
    const at = new Date().toISOString();
    const members = [
      row({ body: "Stop the rule now. Signed, a supporter." }),
      row({ body: "Stop the rule now. Signed, another." }),
      row({ body: "Stop the rule now!" }),
      row({ body: "Stop the rule now, please." }),
      row({ body: "Stop the rule now (confidential).", visibility: "confidential", author_id: industryId }),
      row({ body: "Stop the rule now (hidden).", status: "hidden", moderation_reason: "off_topic", author_id: industryId }),
      row({ body: "Stop the rule now (held).", status: "pending", author_id: industryId }),
    ];
    await db.kysely.insertInto("comment").values(members).execute();
    const groupId = "scale-campaign-1";
    await db.kysely
      .insertInto("comment_group")
      .values({ id: groupId, consultation_id: consultationId, kind: "campaign", label: null, gist: null, canonical_id: members[0]!.id, centroid: null, merged_into: null, created_at: at, updated_at: at })
      .execute();
    await db.kysely
      .insertInto("comment_group_member")
      .values(members.map((m) => ({ comment_id: m.id, kind: "campaign" as const, group_id: groupId, consultation_id: consultationId, section_id: sectionId, created_at: at })))
      .execute();

    const anonymous = await (await new Browser(server.url).get(here)).text();
    expect(campaignCount(anonymous, groupId)).toBe(4);
    expect(anonymous).toContain(`href="/c/${SLUG}/campaigns/${groupId}"`);
    expect(anonymous).toContain("Stop the rule now. Signed, a supporter.");
    expect(anonymous).not.toContain("(confidential)");
    expect(anonymous).not.toContain("(held)");
    // No public copy is a row of the rail, on any page; the hidden one is the tombstone every hidden comment is.
    const anonymousIds: string[] = [];
    for (let p = 1; p <= 4; p++) anonymousIds.push(...threadIds(await (await new Browser(server.url).get(`${here}?page=${p}`)).text()));
    for (const m of members.slice(0, 4)) expect(anonymousIds).not.toContain(m.id);
    expect(anonymousIds).not.toContain(members[4]!.id);
    expect(anonymousIds).not.toContain(members[6]!.id);
    // The entry counts the public copies for everyone; a confidential or held copy stays a thread of its own
    // for those who may read it (its author here, the team), so a recipient can still read and answer it.
    for (const who of [owner, industry, civil]) expect(campaignCount(await (await who.get(here)).text(), groupId)).toBe(4);
    const own: string[] = [];
    for (let p = 1; p <= 10; p++) own.push(...threadIds(await (await industry.get(`${here}?filter=mine&page=${p}`)).text()));
    expect(own).toContain(members[4]!.id);
    expect(own).toContain(members[6]!.id);
    for (const m of members.slice(0, 4)) expect(own).not.toContain(m.id);

    // A lone public copy whose only fellow copy is held does not fold: an entry would hint the held one exists.
    const lone = [row({ body: "Lone public copy of a campaign." }), row({ body: "Lone public copy of a campaign (held).", status: "pending", author_id: industryId })];
    await db.kysely.insertInto("comment").values(lone).execute();
    await db.kysely
      .insertInto("comment_group")
      .values({ id: "scale-campaign-2", consultation_id: consultationId, kind: "campaign", label: null, gist: null, canonical_id: lone[0]!.id, centroid: null, merged_into: null, created_at: at, updated_at: at })
      .execute();
    await db.kysely
      .insertInto("comment_group_member")
      .values(lone.map((m) => ({ comment_id: m.id, kind: "campaign" as const, group_id: "scale-campaign-2", consultation_id: consultationId, section_id: sectionId, created_at: at })))
      .execute();
    const seen: string[] = [];
    let first = "";
    for (let p = 1; p <= 5; p++) {
      const html = await (await new Browser(server.url).get(`${here}?page=${p}`)).text();
      if (p === 1) first = html;
      seen.push(...threadIds(html));
    }
    expect(campaignCount(first, "scale-campaign-2")).toBeNull();
    expect(seen).toContain(lone[0]!.id);
    expect(seen).not.toContain(lone[1]!.id);
  });
});
