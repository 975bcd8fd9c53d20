import type { Selectable } from "kysely";
import type { Executor } from "../client.js";
import type { CommentGroupTable, DispositionOutcome } from "../schema.js";
import { commentVisibleTo, type CommentViewer } from "./comment.js";
import { openCommentText } from "./sealed-text.js";

export type CommentGroupRow = Selectable<CommentGroupTable>;

const GROUP_COLUMNS = ["id", "consultation_id", "kind", "label", "terms", "gist", "canonical_id", "size", "centroid", "curated", "merged_into", "created_at", "updated_at"] as const;

/** A live topic of a consultation (not merged away), or undefined. */
export async function findTopic(db: Executor, consultationId: string, id: string): Promise<CommentGroupRow | undefined> {
  return db
    .selectFrom("comment_group")
    .select(GROUP_COLUMNS)
    .where("id", "=", id)
    .where("consultation_id", "=", consultationId)
    .where("kind", "=", "topic")
    .where("merged_into", "is", null)
    .executeTakeFirst();
}

/** Where a merged topic went (its `merged_into`), or undefined if it is not a merged topic of this consultation. */
export async function findMergedInto(db: Executor, consultationId: string, id: string): Promise<string | undefined> {
  const r = await db.selectFrom("comment_group").select("merged_into").where("id", "=", id).where("consultation_id", "=", consultationId).where("kind", "=", "topic").executeTakeFirst();
  return r?.merged_into ?? undefined;
}

/** Topics of a consultation, largest first (with a section: those with members there, by their count there). */
export async function listTopics(db: Executor, consultationId: string, opts: { sectionId?: string; limit: number; offset: number }): Promise<{ rows: (CommentGroupRow & { shown: number })[]; total: number }> {
  if (opts.sectionId) {
    const base = db.selectFrom("comment_group_member").where("section_id", "=", opts.sectionId).where("kind", "=", "topic").where("consultation_id", "=", consultationId);
    const counts = await base.select(["group_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("group_id").orderBy("n", "desc").orderBy("group_id").limit(opts.limit).offset(opts.offset).execute();
    const total = await base.select((eb) => eb.fn.count<number>("group_id").distinct().as("n")).executeTakeFirstOrThrow();
    if (counts.length === 0) return { rows: [], total: Number(total.n) };
    const groups = await db.selectFrom("comment_group").select(GROUP_COLUMNS).where("id", "in", counts.map((c) => c.group_id)).execute();
    const byId = new Map(groups.map((g) => [g.id, g]));
    return { rows: counts.flatMap((c) => (byId.has(c.group_id) ? [{ ...byId.get(c.group_id)!, shown: Number(c.n) }] : [])), total: Number(total.n) };
  }
  const base = db.selectFrom("comment_group").where("consultation_id", "=", consultationId).where("kind", "=", "topic").where("merged_into", "is", null).where("size", ">", 0);
  const rows = await base.select(GROUP_COLUMNS).orderBy("size", "desc").orderBy("id").limit(opts.limit).offset(opts.offset).execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return { rows: rows.map((r) => ({ ...r, shown: Number(r.size) })), total: Number(total.n) };
}

/** The other live topics a group may be merged into or its members moved to (largest first, bounded). */
export async function listTopicChoices(db: Executor, consultationId: string, exceptId: string, limit: number): Promise<Pick<CommentGroupRow, "id" | "label" | "terms" | "size">[]> {
  return db
    .selectFrom("comment_group")
    .select(["id", "label", "terms", "size"])
    .where("consultation_id", "=", consultationId)
    .where("kind", "=", "topic")
    .where("merged_into", "is", null)
    .where("id", "!=", exceptId)
    .orderBy("size", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export interface TopicMember {
  id: string;
  section_id: string;
  section_title: string;
  author_name: string;
  body: string;
  status: string;
  visibility: string;
  similarity: number;
  pinned: number;
  outcome: DispositionOutcome | null;
  campaign_id: string | null;
  created_at: string;
}

/**
 * Members of a topic this viewer may see: the most representative first (closest to the
 * topic when they joined) or in order of arrival. Withdrawn and hidden ones are blanked.
 */
export async function listTopicMembers(
  db: Executor,
  groupId: string,
  viewer: CommentViewer,
  opts: { limit: number; offset: number; order: "representative" | "arrival"; sectionId?: string },
): Promise<TopicMember[]> {
  let q = db
    .selectFrom("comment_group_member as m")
    .innerJoin("comment", "comment.id", "m.comment_id")
    .innerJoin("section", "section.id", "comment.section_id")
    .innerJoin("user", "user.id", "comment.author_id")
    .leftJoin("disposition", (j) => j.onRef("disposition.comment_id", "=", "comment.id").on("disposition.superseded_at", "is", null))
    .leftJoin("comment_group_member as cm", (j) => j.onRef("cm.comment_id", "=", "comment.id").on("cm.kind", "=", "campaign"))
    .select([
      "comment.id",
      "comment.section_id",
      "section.title as section_title",
      "user.display_name as author_name",
      "comment.body",
      "comment.status",
      "comment.visibility",
      "comment.deleted_at",
      "m.similarity",
      "m.pinned",
      "disposition.outcome",
      "cm.group_id as campaign_id",
      "comment.created_at",
    ])
    .where("m.group_id", "=", groupId)
    .where("m.kind", "=", "topic")
    .where(commentVisibleTo(viewer));
  if (opts.sectionId) q = q.where("m.section_id", "=", opts.sectionId);
  if (opts.order === "representative") q = q.where("comment.status", "not in", ["hidden", "deleted"]).where("comment.deleted_at", "is", null).orderBy("m.similarity", "desc");
  const rows = await q.orderBy("m.created_at").orderBy("comment.id").limit(opts.limit).offset(opts.offset).execute();
  return rows.map((r) => {
    const blank = r.deleted_at !== null || r.status === "hidden" || r.status === "deleted";
    const { deleted_at: _d, ...rest } = r;
    return { ...rest, body: blank ? "" : openCommentText({ id: r.id, body: r.body }).body, similarity: Number(r.similarity), pinned: Number(r.pinned), outcome: r.outcome ?? null, campaign_id: r.campaign_id ?? null };
  });
}

/** Topic memberships of these comments in a consultation (the curation's check that each is a member). */
export async function listTopicMemberships(db: Executor, consultationId: string, commentIds: string[]): Promise<{ comment_id: string; group_id: string }[]> {
  if (commentIds.length === 0) return [];
  return db.selectFrom("comment_group_member").select(["comment_id", "group_id"]).where("kind", "=", "topic").where("consultation_id", "=", consultationId).where("comment_id", "in", commentIds).execute();
}

export async function moveTopicMembers(db: Executor, commentIds: string[], toGroupId: string): Promise<void> {
  await db.updateTable("comment_group_member").set({ group_id: toGroupId, pinned: 1 }).where("kind", "=", "topic").where("comment_id", "in", commentIds).execute();
}

/** Moves every member of one topic into another (a merge): they are the team's placement from now on. */
export async function moveAllTopicMembers(db: Executor, fromGroupId: string, toGroupId: string): Promise<void> {
  await db.updateTable("comment_group_member").set({ group_id: toGroupId, pinned: 1 }).where("kind", "=", "topic").where("group_id", "=", fromGroupId).execute();
}

export async function countTopicMembers(db: Executor, groupId: string): Promise<number> {
  const r = await db.selectFrom("comment_group_member").select((eb) => eb.fn.countAll<number>().as("n")).where("group_id", "=", groupId).where("kind", "=", "topic").executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The member closest to the topic (its most representative comment), or null for an empty topic. */
export async function findTopicCentre(db: Executor, groupId: string): Promise<string | null> {
  const r = await db
    .selectFrom("comment_group_member as m")
    .innerJoin("comment", "comment.id", "m.comment_id")
    .select("m.comment_id")
    .where("m.group_id", "=", groupId)
    .where("m.kind", "=", "topic")
    .where("comment.visibility", "=", "public")
    .orderBy("m.similarity", "desc")
    .orderBy("m.comment_id")
    .limit(1)
    .executeTakeFirst();
  return r?.comment_id ?? null;
}

export async function listSignatures(db: Executor, commentIds: string[]): Promise<{ comment_id: string; terms: string }[]> {
  if (commentIds.length === 0) return [];
  return db
    .selectFrom("comment_signature")
    .innerJoin("comment", "comment.id", "comment_signature.comment_id")
    .select(["comment_signature.comment_id", "comment_signature.terms"])
    .where("comment_signature.comment_id", "in", commentIds)
    // A confidential text's words never reach a centroid (ADR 031).
    .where("comment.visibility", "=", "public")
    .execute();
}

export async function insertTopic(db: Executor, row: Omit<CommentGroupRow, "curated" | "terms" | "size"> & { terms: string; size: number; curated: number }): Promise<void> {
  await db.insertInto("comment_group").values(row).execute();
}

export async function updateTopic(db: Executor, id: string, set: Partial<Pick<CommentGroupRow, "label" | "gist" | "terms" | "centroid" | "size" | "canonical_id" | "curated" | "merged_into" | "updated_at">>): Promise<void> {
  await db.updateTable("comment_group").set(set).where("id", "=", id).where("kind", "=", "topic").execute();
}
