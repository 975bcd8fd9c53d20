/**
 * Reading campaigns (issue 18, ADR 030). Every count is of the members the viewer
 * may read, computed from the members themselves, never from `comment_group.size`
 * (which counts confidential, held and hidden ones too): a campaign whose readable
 * members are fewer than two is no campaign for that viewer. The text shown for a
 * campaign is its canonical text when the viewer may read it, else its earliest
 * readable member's.
 */
import { sql, type ExpressionBuilder } from "kysely";
import type { Db, Executor } from "../../../db/client.js";
import { openCommentText } from "../../../db/queries/sealed-text.js";
import type { CommentStatus, Database } from "../../../db/schema.js";

/** Whose view a count is for: the public reads public, published comments only. */
export interface CampaignViewer {
  statuses: readonly CommentStatus[];
  /** Whether confidential submissions count (their recipients, ADR 019). */
  confidential: boolean;
}

export const PUBLIC_VIEWER: CampaignViewer = { statuses: ["published"], confidential: false };

/** Fewer readable members than this: not a campaign for the viewer. */
const CAMPAIGN_MIN_MEMBERS = 2;

type Eb = ExpressionBuilder<Database & { c: Database["comment"] }, "c">;

function readable(viewer: CampaignViewer) {
  return (eb: Eb) => eb.and([eb("c.status", "in", [...viewer.statuses]), viewer.confidential ? eb.lit(true) : eb("c.visibility", "=", "public")]);
}

export interface CampaignSummary {
  id: string;
  consultationId: string;
  /** Readable members. */
  count: number;
  text: string;
  /** The section of the text shown. */
  sectionId: string;
  firstSeen: string;
  lastSeen: string;
}

/** A consultation's campaigns, largest first, a page at a time (keyset on count, id). */
export async function listCampaigns(db: Db, consultationId: string, viewer: CampaignViewer, page: { limit: number; after?: { count: number; id: string } }): Promise<CampaignSummary[]> {
  let q = db.kysely
    .selectFrom("comment_group_member as m")
    .innerJoin("comment as c", "c.id", "m.comment_id")
    .innerJoin("comment_group as g", "g.id", "m.group_id")
    .select((eb) => ["m.group_id as id", eb.fn.countAll<number>().as("n"), eb.fn.min("c.created_at").as("first_seen"), eb.fn.max("c.created_at").as("last_seen")])
    .where("m.consultation_id", "=", consultationId)
    .where("m.kind", "=", "campaign")
    .where("g.merged_into", "is", null)
    .where(readable(viewer) as never)
    .groupBy("m.group_id")
    .having((eb) => eb.fn.countAll(), ">=", CAMPAIGN_MIN_MEMBERS);
  const after = page.after;
  if (after) q = q.having((eb) => eb.or([eb(eb.fn.countAll(), "<", after.count), eb.and([eb(eb.fn.countAll(), "=", after.count), eb("m.group_id", ">", after.id)])]));
  const rows = await q.orderBy("n", "desc").orderBy("id", "asc").limit(page.limit).execute();
  const shown = await shownTexts(db.kysely, rows.map((r) => r.id), viewer);
  return rows.map((r) => ({ id: r.id, consultationId, count: Number(r.n), text: shown.get(r.id)?.body ?? "", sectionId: shown.get(r.id)?.section_id ?? "", firstSeen: String(r.first_seen), lastSeen: String(r.last_seen) }));
}

/** One campaign as the viewer sees it; undefined when it is none for them (or does not exist, or was merged away). */
export async function readCampaign(db: Db, groupId: string, viewer: CampaignViewer): Promise<CampaignSummary | undefined> {
  const row = await db.kysely
    .selectFrom("comment_group_member as m")
    .innerJoin("comment as c", "c.id", "m.comment_id")
    .innerJoin("comment_group as g", "g.id", "m.group_id")
    .select((eb) => ["g.consultation_id", eb.fn.countAll<number>().as("n"), eb.fn.min("c.created_at").as("first_seen"), eb.fn.max("c.created_at").as("last_seen")])
    .where("m.group_id", "=", groupId)
    .where("m.kind", "=", "campaign")
    .where("g.merged_into", "is", null)
    .where(readable(viewer) as never)
    .groupBy("g.consultation_id")
    .executeTakeFirst();
  if (!row || Number(row.n) < CAMPAIGN_MIN_MEMBERS) return undefined;
  const shown = (await shownTexts(db.kysely, [groupId], viewer)).get(groupId);
  return { id: groupId, consultationId: row.consultation_id, count: Number(row.n), text: shown?.body ?? "", sectionId: shown?.section_id ?? "", firstSeen: String(row.first_seen), lastSeen: String(row.last_seen) };
}

/** Per campaign, the canonical text if the viewer may read it, else its earliest readable member's. */
async function shownTexts(db: Executor, groupIds: string[], viewer: CampaignViewer): Promise<Map<string, { body: string; section_id: string }>> {
  const out = new Map<string, { body: string; section_id: string }>();
  if (groupIds.length === 0) return out;
  const canon = await db
    .selectFrom("comment_group as g")
    .innerJoin("comment as c", "c.id", "g.canonical_id")
    .select(["g.id", "c.id as comment_id", "c.body", "c.section_id"])
    .where("g.id", "in", groupIds)
    .where(readable(viewer) as never)
    .execute();
  for (const r of canon) out.set(r.id, { body: openCommentText({ id: r.comment_id, body: r.body }).body, section_id: r.section_id });
  for (const id of groupIds.filter((g) => !out.has(g))) {
    const first = await db
      .selectFrom("comment_group_member as m")
      .innerJoin("comment as c", "c.id", "m.comment_id")
      .select(["c.id", "c.body", "c.section_id"])
      .where("m.group_id", "=", id)
      .where("m.kind", "=", "campaign")
      .where(readable(viewer) as never)
      .orderBy("c.created_at")
      .orderBy("c.id")
      .limit(1)
      .executeTakeFirst();
    if (first) out.set(id, { body: openCommentText(first).body, section_id: first.section_id });
  }
  return out;
}

export interface CampaignVariation {
  /** "same": the canonical text (give or take spacing, punctuation and words left out); "adds": `text` is what it adds; "edited": edited since it joined, so not shown. */
  kind: "same" | "adds" | "edited";
  text: string | null;
  count: number;
  /** The paging key: the smallest member id sharing this variation. */
  key: string;
}

/** A campaign's distinct variations, most submitted first, a page at a time (keyset on count, key). */
export async function listVariations(db: Db, groupId: string, viewer: CampaignViewer, page: { limit: number; after?: { count: number; key: string } }): Promise<CampaignVariation[]> {
  // A member edited since it joined: its stored variation may name words since removed, so it is counted apart, unnamed.
  const variant = sql<string | null>`case when c.edited_at is null then m.variation end`;
  const edited = sql<number>`case when c.edited_at is null then 0 else 1 end`;
  let q = db.kysely
    .selectFrom("comment_group_member as m")
    .innerJoin("comment as c", "c.id", "m.comment_id")
    .select((eb) => [variant.as("v"), edited.as("e"), eb.fn.countAll<number>().as("n"), eb.fn.min("m.comment_id").as("k")])
    .where("m.group_id", "=", groupId)
    .where("m.kind", "=", "campaign")
    .where(readable(viewer) as never)
    .groupBy([variant, edited]);
  const after = page.after;
  if (after) q = q.having((eb) => eb.or([eb(eb.fn.countAll(), "<", after.count), eb.and([eb(eb.fn.countAll(), "=", after.count), eb(eb.fn.min("m.comment_id"), ">", after.key)])]));
  const rows = await q.orderBy("n", "desc").orderBy("k", "asc").limit(page.limit).execute();
  return rows.map((r) => ({ kind: Number(r.e) === 1 ? "edited" : r.v === null ? "same" : "adds", text: Number(r.e) === 1 ? null : r.v, count: Number(r.n), key: String(r.k) }));
}

/**
 * For the section page's rail (issue 18 point 1): which of these comments belong to a campaign
 * the viewer sees as one (two or more readable members), with its readable count. Comments in
 * no such campaign are absent from the map.
 */
export async function campaignOf(db: Db, commentIds: readonly string[], viewer: CampaignViewer): Promise<Map<string, { campaignId: string; count: number }>> {
  const out = new Map<string, { campaignId: string; count: number }>();
  if (commentIds.length === 0) return out;
  const members = await db.kysely.selectFrom("comment_group_member").select(["comment_id", "group_id"]).where("kind", "=", "campaign").where("comment_id", "in", [...commentIds]).execute();
  const groups = [...new Set(members.map((m) => m.group_id))];
  if (groups.length === 0) return out;
  const counts = await db.kysely
    .selectFrom("comment_group_member as m")
    .innerJoin("comment as c", "c.id", "m.comment_id")
    .innerJoin("comment_group as g", "g.id", "m.group_id")
    .select((eb) => ["m.group_id", eb.fn.countAll<number>().as("n")])
    .where("m.group_id", "in", groups)
    .where("m.kind", "=", "campaign")
    .where("g.merged_into", "is", null)
    .where(readable(viewer) as never)
    .groupBy("m.group_id")
    .having((eb) => eb.fn.countAll(), ">=", CAMPAIGN_MIN_MEMBERS)
    .execute();
  const count = new Map(counts.map((c) => [c.group_id, Number(c.n)]));
  for (const m of members) {
    const n = count.get(m.group_id);
    if (n !== undefined) out.set(m.comment_id, { campaignId: m.group_id, count: n });
  }
  return out;
}

/** A section's campaigns as the viewer sees them (two or more readable members on this section), largest first, at most `limit`. */
export async function sectionCampaigns(db: Db, sectionId: string, viewer: CampaignViewer, limit: number): Promise<{ campaignId: string; count: number }[]> {
  const rows = await db.kysely
    .selectFrom("comment_group_member as m")
    .innerJoin("comment as c", "c.id", "m.comment_id")
    .innerJoin("comment_group as g", "g.id", "m.group_id")
    .select((eb) => ["m.group_id", eb.fn.countAll<number>().as("n")])
    .where("m.section_id", "=", sectionId)
    .where("m.kind", "=", "campaign")
    .where("g.merged_into", "is", null)
    .where(readable(viewer) as never)
    .groupBy("m.group_id")
    .having((eb) => eb.fn.countAll(), ">=", CAMPAIGN_MIN_MEMBERS)
    .orderBy("n", "desc")
    .orderBy("m.group_id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ campaignId: r.group_id, count: Number(r.n) }));
}
