import type { Executor } from "../client.js";
import type { CommentStatus,  ModerationActionRow, ModerationReason, StakeholderGroup } from "../schema.js";
import { commentVisibleTo, type CommentViewer } from "./comment.js";
import { openCommentText } from "./sealed-text.js";


export async function insertModerationAction(db: Executor, row: ModerationActionRow): Promise<void> {
  await db.insertInto("moderation_action").values(row).execute();
}

export async function updateCommentModeration(db: Executor, id: string, status: CommentStatus, reason: ModerationReason | null): Promise<void> {
  await db.updateTable("comment").set({ status, moderation_reason: reason, review_requested_at: null }).where("id", "=", id).execute();
}

/** Whether the comment ever had this action (an author may ask for a review only once). */
export async function hasModerationAction(db: Executor, commentId: string, action: ModerationActionRow["action"]): Promise<boolean> {
  const row = await db.selectFrom("moderation_action").select("id").where("comment_id", "=", commentId).where("action", "=", action).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function markReviewRequested(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable("comment").set({ review_requested_at: at }).where("id", "=", id).execute();
}

/** Records a report; false if this user reported the comment already. */
export async function insertReport(db: Executor, commentId: string, userId: string, reason: string, at: string): Promise<boolean> {
  const existing = await db.selectFrom("comment_report").select("user_id").where("comment_id", "=", commentId).where("user_id", "=", userId).executeTakeFirst();
  if (existing) return false;
  await db.insertInto("comment_report").values({ comment_id: commentId, user_id: userId, reason, created_at: at, resolved_at: null }).execute();
  return true;
}

/**
 * Open reports that count towards the automatic hide: from accounts created
 * before `bornBefore` that are neither on the consultation's team nor site admins.
 */
export async function countWeightedReports(db: Executor, commentId: string, consultationId: string, bornBefore: string): Promise<number> {
  const row = await db
    .selectFrom("comment_report")
    .innerJoin("user", "user.id", "comment_report.user_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("comment_report.comment_id", "=", commentId)
    .where("comment_report.resolved_at", "is", null)
    .where("user.created_at", "<=", bornBefore)
    .where("user.site_role", "!=", "admin")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("consultation_member")
            .select("consultation_member.user_id")
            .whereRef("consultation_member.user_id", "=", "comment_report.user_id")
            .where("consultation_member.consultation_id", "=", consultationId),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function resolveReports(db: Executor, commentId: string, at: string): Promise<void> {
  await db.updateTable("comment_report").set({ resolved_at: at }).where("comment_id", "=", commentId).where("resolved_at", "is", null).execute();
}

export interface QueueItem {
  id: string;
  section_id: string;
  section_title: string;
  author_id: string;
  author_name: string;
  author_group: StakeholderGroup;
  parent_id: string | null;
  kind: string;
  body: string;
  replacement: string | null;
  quote_exact: string | null;
  status: CommentStatus;
  moderation_reason: ModerationReason | null;
  review_requested_at: string | null;
  created_at: string;
  open_reports: number;
}

/**
 * What needs a moderator: pending items, reported ones, and hidden ones whose author asked for a review;
 * as much of it as the viewer may read (the team: all of it).
 */
/** What awaits a moderator: held items, hidden ones whose author asked for a review, and reported ones. */
function queue(db: Executor, consultationId: string, viewer: CommentViewer) {
  return db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .where("comment.consultation_id", "=", consultationId)
    .where(commentVisibleTo(viewer))
    .where((eb) =>
      eb.or([
        eb("comment.status", "=", "pending"),
        eb.and([eb("comment.status", "=", "hidden"), eb("comment.review_requested_at", "is not", null)]),
        // An IN rather than a correlated EXISTS, so each branch of the OR is an index lookup (not a scan of the consultation).
        eb("comment.id", "in", eb.selectFrom("comment_report").select("comment_report.comment_id").where("comment_report.resolved_at", "is", null)),
      ]),
    );
}

/** How many items the moderation queue holds (its pages are listModerationQueue's). */
export async function countModerationQueue(db: Executor, consultationId: string, viewer: CommentViewer): Promise<number> {
  const row = await queue(db, consultationId, viewer)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the moderation queue, oldest first. */
export async function listModerationQueue(db: Executor, consultationId: string, viewer: CommentViewer, page: { limit: number; offset: number }): Promise<QueueItem[]> {
  const rows = await queue(db, consultationId, viewer)
    .innerJoin("section", "section.id", "comment.section_id")
    .select((eb) => [
      "comment.id",
      "comment.section_id",
      "section.title as section_title",
      "comment.author_id",
      "user.display_name as author_name",
      "user.stakeholder_group as author_group",
      "comment.parent_id",
      "comment.kind",
      "comment.body",
      "comment.replacement",
      "comment.quote_exact",
      "comment.status",
      "comment.moderation_reason",
      "comment.review_requested_at",
      "comment.created_at",
      eb
        .selectFrom("comment_report")
        .select((r) => r.fn.countAll<number>().as("n"))
        .whereRef("comment_report.comment_id", "=", "comment.id")
        .where("comment_report.resolved_at", "is", null)
        .as("open_reports"),
    ])
    .orderBy("comment.created_at", "asc")
    .orderBy("comment.id", "asc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => openCommentText({ ...r, open_reports: Number(r.open_reports ?? 0) }));
}

export interface LedgerEntry {
  id: string;
  comment_id: string;
  action: ModerationActionRow["action"];
  reason_code: ModerationReason | null;
  actor_role: string;
  actor_name: string | null;
  note: string;
  created_at: string;
  /** The item acted on (null if it is gone): what the public log may say of it is decided by the caller. */
  comment_kind: "comment" | "suggestion" | null;
  comment_parent_id: string | null;
  comment_status: string | null;
  comment_visibility: string | null;
  section_id: string | null;
  section_title: string | null;
}

/** The public moderation ledger of a consultation, newest first, with keyset paging. */
export async function listModerationLedger(db: Executor, consultationId: string, page: { limit: number; before?: { at: string; id: string } }): Promise<LedgerEntry[]> {
  let q = db
    .selectFrom("moderation_action")
    .leftJoin("user", "user.id", "moderation_action.actor_id")
    .leftJoin("comment", "comment.id", "moderation_action.comment_id")
    .leftJoin("section", "section.id", "comment.section_id")
    .select([
      "moderation_action.id",
      "moderation_action.comment_id",
      "comment.kind as comment_kind",
      "comment.parent_id as comment_parent_id",
      "comment.status as comment_status",
      "comment.visibility as comment_visibility",
      "section.id as section_id",
      "section.title as section_title",
      "moderation_action.action",
      "moderation_action.reason_code",
      "moderation_action.actor_role",
      "user.display_name as actor_name",
      "moderation_action.note",
      "moderation_action.created_at",
    ])
    .where("moderation_action.consultation_id", "=", consultationId);
  const before = page.before;
  if (before) {
    q = q.where((eb) =>
      eb.or([eb("moderation_action.created_at", "<", before.at), eb.and([eb("moderation_action.created_at", "=", before.at), eb("moderation_action.id", "<", before.id)])]),
    );
  }
  return q.orderBy("moderation_action.created_at", "desc").orderBy("moderation_action.id", "desc").limit(page.limit).execute();
}

export async function countModerationByReason(db: Executor, consultationId: string): Promise<{ action: string; reason_code: string | null; n: number }[]> {
  const rows = await db
    .selectFrom("moderation_action")
    .select(["action", "reason_code", (eb) => eb.fn.countAll<number>().as("n")])
    .where("consultation_id", "=", consultationId)
    .groupBy(["action", "reason_code"])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Why open reports were made, per comment of the consultation: reason and how many said so. */
export async function listOpenReportReasons(db: Executor, consultationId: string): Promise<Map<string, { reason: string; n: number }[]>> {
  const rows = await db
    .selectFrom("comment_report")
    .innerJoin("comment", "comment.id", "comment_report.comment_id")
    .select(["comment_report.comment_id", "comment_report.reason", (eb) => eb.fn.countAll<number>().as("n")])
    .where("comment.consultation_id", "=", consultationId)
    .where("comment_report.resolved_at", "is", null)
    .groupBy(["comment_report.comment_id", "comment_report.reason"])
    .execute();
  const out = new Map<string, { reason: string; n: number }[]>();
  for (const r of rows) {
    const list = out.get(r.comment_id) ?? [];
    list.push({ reason: r.reason, n: Number(r.n) });
    out.set(r.comment_id, list);
  }
  for (const list of out.values()) list.sort((a, b) => b.n - a.n || a.reason.localeCompare(b.reason));
  return out;
}
