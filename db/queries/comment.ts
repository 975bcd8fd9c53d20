import type { Executor } from "../client.js";
import type { ExpressionBuilder } from "kysely";
import type { CommentRow, Database, PositionRow, Stance, StakeholderGroup } from "../schema.js";
import { toBlob } from "./collab.js";
import { hasTextSealer, isSealedText, openCommentText, sealCommentText, sealEditText } from "./sealed-text.js";


const COMMENT_COLUMNS = [
  "comment.id",
  "comment.section_id",
  "comment.consultation_id",
  "comment.author_id",
  "comment.parent_id",
  "comment.kind",
  "comment.body",
  "comment.replacement",
  "comment.anchor_start",
  "comment.anchor_end",
  "comment.quote_exact",
  "comment.quote_prefix",
  "comment.quote_suffix",
  "comment.position_start",
  "comment.position_end",
  "comment.base_seq",
  "comment.visibility",
  "comment.status",
  "comment.suggestion_status",
  "comment.decided_by",
  "comment.decided_at",
  "comment.decision_reason",
  "comment.applied_seq",
  "comment.moderation_reason",
  "comment.review_requested_at",
  "comment.publication",
  "comment.redacted_of",
  "comment.created_at",
  "comment.edited_at",
  "comment.deleted_at",
] as const;

export interface CommentWithAuthor extends CommentRow {
  author_name: string;
  author_organisation: string;
  author_group: StakeholderGroup;
}

/**
 * Who is looking: their id, and whether they are on the consultation's team (who sees everything).
 * Every query that returns comment text takes one, with no default, so that a new caller
 * has to say whose eyes it reads for.
 */
export interface CommentViewer {
  userId: string | null;
  team: boolean;
  /** Reads the consultation's confidential submissions (its recipients): the team alone does not (ADR 019). */
  confidential: boolean;
}

/** Anyone at all: what the public may read (the read API, exports, feeds, public pages). */
export const PUBLIC_VIEWER: CommentViewer = Object.freeze({ userId: null, team: false, confidential: false });

/**
 * The comments a viewer may see, as a `where` that mirrors can(actor, "comment.view"):
 * the team sees every public item, recipients every confidential one; others public items
 * that are not pending, their own, and the (non-pending) replies in confidential threads
 * they started. Hidden and deleted ones are included as tombstones; callers that list
 * them blank their text.
 */
export function commentVisibleTo(viewer: CommentViewer) {
  return (eb: ExpressionBuilder<Database, "comment">) => {
    if (viewer.team && viewer.confidential) return eb.lit(true);
    const userId = viewer.userId;
    const listed = viewer.team
      ? eb("comment.visibility", "=", "public")
      : eb.and([eb("comment.visibility", "=", "public"), eb("comment.status", "in", ["published", "deleted", "hidden"])]);
    const read = viewer.confidential ? eb.or([listed, eb("comment.visibility", "=", "confidential")]) : listed;
    if (!userId) return read;
    return eb.or([
      read,
      eb("comment.author_id", "=", userId),
      eb.and([
        eb("comment.visibility", "=", "confidential"),
        eb("comment.status", "!=", "pending"),
        eb("comment.parent_id", "in", eb.selectFrom("comment as thread").select("thread.id").where("thread.author_id", "=", userId)),
      ]),
    ]);
  };
}

function bytes(data: Uint8Array | null): Uint8Array | null {
  return data ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
}

/** A comment with its author's shown name, organisation and group: what every list of comments reads. */
export const COMMENT_WITH_AUTHOR_COLUMNS = [...COMMENT_COLUMNS, "user.display_name as author_name", "user.organisation as author_organisation", "user.stakeholder_group as author_group"] as const;

/** A read comment row as the domain takes it: anchors as plain byte arrays, sealed texts opened. */
export function openCommentRow<T extends { id: string; body: string; replacement: string | null; anchor_start: Uint8Array | null; anchor_end: Uint8Array | null }>(row: T): T {
  return openCommentText({ ...row, anchor_start: bytes(row.anchor_start), anchor_end: bytes(row.anchor_end) });
}

export async function insertComment(db: Executor, row: CommentRow): Promise<void> {
  const stored = sealCommentText(row);
  await db
    .insertInto("comment")
    .values({ ...stored, anchor_start: row.anchor_start && toBlob(row.anchor_start), anchor_end: row.anchor_end && toBlob(row.anchor_end) })
    .execute();
}

/**
 * Comments of a section that this viewer may see, oldest first. Published
 * public ones for everyone; their own for authors; everything for the team.
 * Deleted and hidden ones are listed (as tombstones; callers blank the body).
 */
export async function listSectionComments(db: Executor, sectionId: string, viewer: CommentViewer): Promise<CommentWithAuthor[]> {
  const rows = await db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .select(COMMENT_WITH_AUTHOR_COLUMNS)
    .where("comment.section_id", "=", sectionId)
    .where(commentVisibleTo(viewer))
    .orderBy("comment.created_at", "asc").orderBy("comment.id", "asc").execute();
  return rows.map(openCommentRow);
}

/**
 * What a signed-in participant sees beyond the public list: their own pending or
 * confidential items, and the replies inside confidential threads they started.
 */
export async function listOwnUnlistedComments(db: Executor, sectionId: string, userId: string): Promise<CommentWithAuthor[]> {
  const rows = await db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .select(COMMENT_WITH_AUTHOR_COLUMNS)
    .where("comment.section_id", "=", sectionId)
    .where(commentVisibleTo({ userId, team: false, confidential: false }))
    .where((eb) => eb.or([eb("comment.visibility", "!=", "public"), eb("comment.status", "not in", ["published", "deleted", "hidden"])]))
    .orderBy("comment.created_at", "asc")
    .execute();
  return rows.map(openCommentRow);
}

export async function findComment(db: Executor, id: string): Promise<CommentRow | undefined> {
  const row = await db.selectFrom("comment").select(COMMENT_COLUMNS).where("comment.id", "=", id).executeTakeFirst();
  return row && openCommentRow(row);
}

export async function updateCommentBody(db: Executor, id: string, body: string, editedAt: string, editId: string, previous: string): Promise<void> {
  const { visibility } = await db.selectFrom("comment").select("visibility").where("id", "=", id).executeTakeFirstOrThrow();
  const confidential = visibility === "confidential";
  await db.insertInto("comment_edit").values({ id: editId, comment_id: id, body: sealEditText(editId, previous, confidential), replaced_at: editedAt }).execute();
  const stored = sealCommentText({ id, visibility, body, replacement: null }).body;
  await db.updateTable("comment").set({ body: stored, edited_at: editedAt }).where("id", "=", id).execute();
}

/** A tombstone: the text goes, the place in the thread stays. */
export async function markCommentDeleted(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable("comment").set({ status: "deleted", body: "", replacement: null, deleted_at: at }).where("id", "=", id).execute();
}

/** Whether this user posted exactly this text since `since` (anywhere): the duplicate rule. */
export async function hasRecentIdenticalComment(db: Executor, authorId: string, body: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom("comment")
    .select("id")
    .where("author_id", "=", authorId)
    .where("created_at", ">=", since)
    .where("body", "=", body)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertPosition(db: Executor, row: PositionRow): Promise<void> {
  await db.insertInto("position").values(row).execute();
}

/** Marks the person's current position on a section as superseded; returns the id it had (null if none). */
export async function supersedePositions(db: Executor, sectionId: string, userId: string, at: string): Promise<string | null> {
  const current = await db
    .selectFrom("position")
    .select("id")
    .where("section_id", "=", sectionId)
    .where("user_id", "=", userId)
    .where("superseded_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!current) return null;
  await db
    .updateTable("position")
    .set({ superseded_at: at })
    .where("section_id", "=", sectionId)
    .where("user_id", "=", userId)
    .where("superseded_at", "is", null)
    .execute();
  return current.id;
}

export async function listPositionsOfUser(db: Executor, sectionId: string, userId: string): Promise<PositionRow[]> {
  return db
    .selectFrom("position")
    .select(["id", "section_id", "consultation_id", "user_id", "stance", "rationale", "quote_exact", "stakeholder_group", "created_at", "superseded_at"])
    .where("section_id", "=", sectionId)
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}

/** Current positions counted by stakeholder group and stance. */
export async function countPositions(db: Executor, where: { sectionId?: string; consultationId?: string }): Promise<{ stakeholder_group: StakeholderGroup; stance: Stance; n: number }[]> {
  let q = db
    .selectFrom("position")
    .select(["stakeholder_group", "stance", (eb) => eb.fn.countAll<number>().as("n")])
    .where("superseded_at", "is", null);
  if (where.sectionId) q = q.where("section_id", "=", where.sectionId);
  if (where.consultationId) q = q.where("consultation_id", "=", where.consultationId);
  const rows = await q.groupBy(["stakeholder_group", "stance"]).execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** A section's current positions that name a passage, counted by passage, stakeholder group and stance. */
export async function countPositionsByPassage(db: Executor, sectionId: string): Promise<{ quote_exact: string; stakeholder_group: StakeholderGroup; stance: Stance; n: number }[]> {
  const rows = await db
    .selectFrom("position")
    .select(["quote_exact", "stakeholder_group", "stance", (eb) => eb.fn.countAll<number>().as("n")])
    .where("section_id", "=", sectionId)
    .where("superseded_at", "is", null)
    .where("quote_exact", "is not", null)
    .groupBy(["quote_exact", "stakeholder_group", "stance"])
    .execute();
  return rows.map((r) => ({ quote_exact: r.quote_exact ?? "", stakeholder_group: r.stakeholder_group, stance: r.stance, n: Number(r.n) }));
}

/** Decides an open suggestion; false if it was no longer open. */
export async function updateSuggestionDecision(
  db: Executor,
  id: string,
  decision: { status: "accepted" | "declined"; by: string; at: string; reason: string | null; appliedSeq: number | null },
): Promise<boolean> {
  const result = await db
    .updateTable("comment")
    .set({ suggestion_status: decision.status, decided_by: decision.by, decided_at: decision.at, decision_reason: decision.reason, applied_seq: decision.appliedSeq })
    .where("id", "=", id)
    .where("suggestion_status", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Adds, changes or (same kind again) withdraws a reaction. */
export async function toggleReaction(db: Executor, commentId: string, userId: string, kind: "endorse" | "oppose", at: string): Promise<void> {
  const existing = await db.selectFrom("comment_reaction").select("kind").where("comment_id", "=", commentId).where("user_id", "=", userId).executeTakeFirst();
  if (existing?.kind === kind) {
    await db.deleteFrom("comment_reaction").where("comment_id", "=", commentId).where("user_id", "=", userId).execute();
  } else if (existing) {
    await db.updateTable("comment_reaction").set({ kind, created_at: at }).where("comment_id", "=", commentId).where("user_id", "=", userId).execute();
  } else {
    await db.insertInto("comment_reaction").values({ comment_id: commentId, user_id: userId, kind, created_at: at }).execute();
  }
}

export async function listReactions(db: Executor, sectionId: string): Promise<{ comment_id: string; user_id: string; kind: "endorse" | "oppose" }[]> {
  return db
    .selectFrom("comment_reaction")
    .innerJoin("comment", "comment.id", "comment_reaction.comment_id")
    .select(["comment_reaction.comment_id", "comment_reaction.user_id", "comment_reaction.kind"])
    .where("comment.section_id", "=", sectionId)
    .execute();
}

/** Confidential submissions on a section: the public may know how many, nothing else. */
export async function countConfidential(db: Executor, sectionId: string): Promise<number> {
  const row = await db
    .selectFrom("comment")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("section_id", "=", sectionId)
    .where("visibility", "=", "confidential")
    // Submissions, not the replies inside their threads.
    .where("parent_id", "is", null)
    .where("status", "!=", "deleted")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether this person has a published contribution in the consultation already. */
export async function hasPublishedComment(db: Executor, consultationId: string, authorId: string): Promise<boolean> {
  const row = await db
    .selectFrom("comment")
    .select("id")
    .where("consultation_id", "=", consultationId)
    .where("author_id", "=", authorId)
    .where("status", "=", "published")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every current position with the salt of its ledger entry (null when it has none), for `margin verify`. */
export async function listCurrentPositionsWithSalt(db: Executor) {
  return db
    .selectFrom("position")
    .leftJoin("ledger_entry", (j) => j.onRef("ledger_entry.subject_id", "=", "position.id").on("ledger_entry.kind", "=", "position"))
    .select(["position.id", "position.section_id", "position.user_id", "position.stance", "position.stakeholder_group", "position.rationale", "ledger_entry.salt"])
    .where("position.superseded_at", "is", null)
    .orderBy("position.id")
    .execute();
}

/**
 * Every comment whose words the public may not read (confidential, held, hidden),
 * for `margin verify` from the database: their text is compared with the ledger's
 * salted digests. Deleted comments have no text left to compare. Sealed texts are
 * opened when this process holds the data key; otherwise they come back as null.
 */
export async function listPrivateCommentTexts(db: Executor): Promise<{ id: string; body: string | null; replacement: string | null }[]> {
  const rows = await db
    .selectFrom("comment")
    .select(["id", "body", "replacement"])
    .where((eb) => eb.or([eb("visibility", "=", "confidential"), eb("status", "in", ["pending", "hidden"])]))
    .where("status", "!=", "deleted")
    .orderBy("id")
    .execute();
  const canOpen = hasTextSealer();
  return rows.map((r) => (canOpen ? openCommentText(r) : isSealedText(r.body) || isSealedText(r.replacement) ? { id: r.id, body: null, replacement: null } : r));
}
