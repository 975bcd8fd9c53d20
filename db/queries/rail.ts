import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { Executor } from "../client.js";
import type { Database, DispositionOutcome, DispositionRow, StakeholderGroup } from "../schema.js";
import { COMMENT_WITH_AUTHOR_COLUMNS, commentVisibleTo, openCommentRow, type CommentViewer, type CommentWithAuthor } from "./comment.js";
import { openCommentText } from "./sealed-text.js";

/**
 * The section page's rail at any size (issue 18, ADR 033): its first comments are
 * filtered, counted, ordered and paged in SQL, so a page reads one page of rows
 * whatever the section holds. Campaign members (comment_group_member, kind
 * 'campaign') are folded out of the list and counted per campaign instead.
 */

export interface RailFilter {
  /** all | open suggestions | the viewer's own | one stakeholder group's. */
  kind: "all" | "suggestions" | "mine" | "group";
  group?: StakeholderGroup;
  /** Only first comments whose passage started in [start, end) of the text when posted (a block of the heat strip). */
  range?: { start: number; end: number } | null;
}

type CommentEb = ExpressionBuilder<Database, "comment" | "user">;


function filtered(eb: CommentEb, filter: RailFilter, viewer: CommentViewer) {
  const parts = [];
  if (filter.kind === "suggestions") parts.push(eb.and([eb("comment.kind", "=", "suggestion"), eb("comment.suggestion_status", "=", "open")]));
  if (filter.kind === "mine") parts.push(viewer.userId ? eb("comment.author_id", "=", viewer.userId) : eb.lit(false));
  if (filter.kind === "group") parts.push(filter.group ? eb("user.stakeholder_group", "=", filter.group) : eb.lit(false));
  if (filter.range) {
    parts.push(eb("comment.position_start", "is not", null));
    parts.push(eb("comment.position_start", ">=", filter.range.start));
    parts.push(eb("comment.position_start", "<", filter.range.end));
  }
  return eb.and(parts);
}

/**
 * A public, published campaign member: shown in the rail as its campaign's one entry. A
 * confidential, held or hidden member stays a thread of its own for those who may see it
 * (its recipients, the moderators, its author): the entry shows and counts public copies only.
 */
function inCampaign(eb: CommentEb, sectionId: string) {
  return eb.and([
    eb("comment.visibility", "=", "public"),
    eb("comment.status", "=", "published"),
    eb.exists(
      eb
        .selectFrom("comment_group_member as m")
        .select(sql.lit(1).as("one"))
        .whereRef("m.comment_id", "=", "comment.id")
        .where("m.kind", "=", "campaign")
        .where("m.group_id", "in", foldedCampaigns(eb, sectionId)),
    ),
  ]);
}

/**
 * The section's campaigns with at least two public, published copies on it: only these fold. A
 * lone public copy whose fellow copies are held, hidden or confidential stays a thread of its own,
 * so the rail never hints that such copies exist. One grouped read per query (not per comment).
 */
function foldedCampaigns(eb: Pick<ExpressionBuilder<Database, never>, "selectFrom">, sectionId: string) {
  return eb
    .selectFrom("comment_group_member as f")
    .innerJoin("comment as fc", "fc.id", "f.comment_id")
    .select("f.group_id")
    .where("f.section_id", "=", sectionId)
    .where("f.kind", "=", "campaign")
    .where("fc.visibility", "=", "public")
    .where("fc.status", "=", "published")
    .groupBy("f.group_id")
    .having((h) => h.fn.countAll(), ">=", 2);
}

/** Counted in tallies (campaign sizes, the heat strip): what the viewer may see, not a tombstone. */
function counted(eb: CommentEb) {
  return eb("comment.status", "not in", ["deleted", "hidden"]);
}

function roots(db: Executor, sectionId: string, viewer: CommentViewer): SelectQueryBuilder<Database, "comment" | "user", object> {
  return db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .where("comment.section_id", "=", sectionId)
    .where("comment.parent_id", "is", null)
    .where(commentVisibleTo(viewer));
}

/** How many first comments the viewer may see on the section (campaign members included), and how many rail entries match the filter. */
export async function countRail(db: Executor, sectionId: string, viewer: CommentViewer, filter: RailFilter): Promise<{ total: number; matching: number }> {
  const row = await roots(db, sectionId, viewer)
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(eb.case().when(eb.and([filtered(eb, filter, viewer), eb.not(inCampaign(eb, sectionId))])).then(1).else(0).end()).as("matching"),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), matching: Number(row.matching ?? 0) };
}

/**
 * One page of the rail's first comments: filtered, campaign members left out, in a stable
 * order (anchored ones by where their passage started when posted, then the rest; then
 * oldest first).
 */
export async function listRailRoots(db: Executor, sectionId: string, viewer: CommentViewer, filter: RailFilter, page: { limit: number; offset: number }): Promise<CommentWithAuthor[]> {
  // The page's ids first, from the index alone (a sort over full rows would read every text of the section).
  const ids = (
    await roots(db, sectionId, viewer)
      .select("comment.id")
      .where((eb) => filtered(eb, filter, viewer))
      .where((eb) => eb.not(inCampaign(eb, sectionId)))
      .orderBy(sql`case when comment.position_start is null then 1 else 0 end`)
      .orderBy("comment.position_start", "asc")
      .orderBy("comment.created_at", "asc")
      .orderBy("comment.id", "asc")
      .limit(page.limit)
      .offset(page.offset)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("comment").innerJoin("user", "user.id", "comment.author_id").select(COMMENT_WITH_AUTHOR_COLUMNS).where("comment.id", "in", ids).execute();
  const at = new Map(ids.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => at.get(a.id)! - at.get(b.id)!)
    .map(openCommentRow);
}

/** The replies the viewer may see in these threads, oldest first. */
export async function listRailReplies(db: Executor, rootIds: readonly string[], viewer: CommentViewer): Promise<CommentWithAuthor[]> {
  if (rootIds.length === 0) return [];
  const rows = await db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .select(COMMENT_WITH_AUTHOR_COLUMNS)
    .where("comment.parent_id", "in", rootIds)
    .where(commentVisibleTo(viewer))
    .orderBy("comment.created_at", "asc")
    .orderBy("comment.id", "asc")
    .execute();
  return rows.map(openCommentRow);
}

/** The stakeholder groups of the first comments the viewer may see: the rail's filter offers these. */
export async function railGroups(db: Executor, sectionId: string, viewer: CommentViewer): Promise<StakeholderGroup[]> {
  const rows = await roots(db, sectionId, viewer).select("user.stakeholder_group").distinct().execute();
  return rows.map((r) => r.stakeholder_group).sort();
}

/**
 * The section's campaigns as the viewer may see them: per campaign, how many of its
 * members match the filter and are counted for this viewer, and one public, published
 * member to show its text (the canonical one when it is such). Largest first.
 */
export async function railCampaigns(
  db: Executor,
  sectionId: string,
  viewer: CommentViewer,
  filter: RailFilter,
  limit: number,
): Promise<{ id: string; members: number; sample: { id: string; body: string } | null }[]> {
  const rows = await roots(db, sectionId, viewer)
    .innerJoin("comment_group_member as m", (j) => j.onRef("m.comment_id", "=", "comment.id").on("m.kind", "=", "campaign"))
    .innerJoin("comment_group as g", "g.id", "m.group_id")
    .where((eb) => filtered(eb, filter, viewer))
    .where("g.id", "in", (eb) => foldedCampaigns(eb, sectionId))
    // The members folded into the entry (inCampaign): the others are threads of their own.
    .where("comment.visibility", "=", "public")
    .where("comment.status", "=", "published")
    .select((eb) => [
      "g.id",
      eb.fn.countAll<number>().as("members"),
      eb.fn.max(eb.case().when(eb.and([eb("comment.visibility", "=", "public"), eb("comment.status", "=", "published"), eb("comment.id", "=", eb.ref("g.canonical_id"))])).then(eb.ref("comment.id")).end()).as("canonical"),
      eb.fn.min(eb.case().when(eb.and([eb("comment.visibility", "=", "public"), eb("comment.status", "=", "published")])).then(eb.ref("comment.id")).end()).as("any"),
    ])
    .groupBy("g.id")
    .orderBy("members", "desc")
    .orderBy("g.id")
    .limit(limit)
    .execute();
  const sampleIds = rows.map((r) => r.canonical ?? r.any).filter((id): id is string => typeof id === "string");
  const bodies = new Map<string, string>();
  if (sampleIds.length > 0) {
    for (const b of await db.selectFrom("comment").select(["id", "body", "replacement", "visibility"]).where("id", "in", sampleIds).execute()) bodies.set(b.id, openCommentText(b).body);
  }
  return rows.map((r) => {
    const id = (r.canonical ?? r.any) as string | null;
    return { id: r.id, members: Number(r.members), sample: id && bodies.has(id) ? { id, body: bodies.get(id)! } : null };
  });
}

/**
 * Where the section's first comments the viewer may see start, counted by offset (as
 * posted): the heat strip buckets these into the text's blocks. No text, no ids.
 */
export async function countByPassageStart(db: Executor, sectionId: string, viewer: CommentViewer): Promise<{ at: number; n: number }[]> {
  const rows = await roots(db, sectionId, viewer)
    .where("comment.position_start", "is not", null)
    .where((eb) => counted(eb))
    .select((eb) => ["comment.position_start", eb.fn.countAll<number>().as("n")])
    .groupBy("comment.position_start")
    .execute();
  return rows.map((r) => ({ at: r.position_start ?? 0, n: Number(r.n) }));
}

/** Reactions on these comments only. */
export async function listReactionsOf(db: Executor, ids: readonly string[]): Promise<{ comment_id: string; user_id: string; kind: "endorse" | "oppose" }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("comment_reaction").select(["comment_id", "user_id", "kind"]).where("comment_id", "in", ids).execute();
}

/** The current responses to these comments only, by comment. */
export async function listDispositionsOf(db: Executor, ids: readonly string[]): Promise<Map<string, DispositionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("disposition").selectAll().where("comment_id", "in", ids).where("superseded_at", "is", null).execute();
  return new Map(rows.map((r) => [r.comment_id, r]));
}

/**
 * Per campaign, the group answer most of its public, published copies hold now (ADR 032), with how
 * many hold it: what the campaign's one entry on the rail says was answered. Public already, with each copy.
 */
export async function campaignAnswers(
  db: Executor,
  campaignIds: readonly string[],
): Promise<Map<string, { groupResponseId: string; outcome: DispositionOutcome; response: string; count: number }>> {
  const out = new Map<string, { groupResponseId: string; outcome: DispositionOutcome; response: string; count: number }>();
  if (campaignIds.length === 0) return out;
  const rows = await db
    .selectFrom("comment_group_member as m")
    .innerJoin("comment", "comment.id", "m.comment_id")
    .innerJoin("disposition as d", "d.comment_id", "m.comment_id")
    .select((eb) => ["m.group_id", "d.group_response_id", eb.fn.max("d.outcome").as("outcome"), eb.fn.max("d.response").as("response"), eb.fn.countAll<number | string>().as("n")])
    .where("m.group_id", "in", [...campaignIds])
    .where("m.kind", "=", "campaign")
    .where("d.superseded_at", "is", null)
    .where("d.group_response_id", "is not", null)
    .where("comment.visibility", "=", "public")
    .where("comment.status", "=", "published")
    .groupBy(["m.group_id", "d.group_response_id"])
    .execute();
  for (const r of rows) {
    const count = Number(r.n);
    if ((out.get(r.group_id)?.count ?? 0) >= count) continue;
    out.set(r.group_id, { groupResponseId: r.group_response_id!, outcome: r.outcome as DispositionOutcome, response: String(r.response), count });
  }
  return out;
}
