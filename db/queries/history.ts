import type { Executor } from "../client.js";
import type { AnchorCarryRow,  DispositionRow, VersionRow, VersionSectionRow } from "../schema.js";
import { commentVisibleTo, type CommentViewer, type CommentWithAuthor } from "./comment.js";
import { openCommentText } from "./sealed-text.js";


function bytes(data: Uint8Array | null): Uint8Array | null {
  return data ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
}

export async function findMaxVersionNumber(db: Executor, consultationId: string): Promise<number> {
  const row = await db
    .selectFrom("version")
    .select((eb) => eb.fn.max<number | null>("number").as("n"))
    .where("consultation_id", "=", consultationId)
    .executeTakeFirst();
  return row?.n == null ? 0 : Number(row.n);
}

export async function insertVersion(db: Executor, row: VersionRow, sections: VersionSectionRow[], anchors: AnchorCarryRow[]): Promise<void> {
  await db.insertInto("version").values(row).execute();
  for (const s of sections) await db.insertInto("version_section").values(s).execute();
  for (const a of anchors) await db.insertInto("anchor_carry").values(a).execute();
}

/** Versions newest first; `publicOnly` leaves out the ones published while drafting. */
export async function listVersions(db: Executor, consultationId: string, publicOnly: boolean): Promise<VersionRow[]> {
  let q = db.selectFrom("version").selectAll().where("consultation_id", "=", consultationId);
  if (publicOnly) q = q.where("public", "=", 1);
  return q.orderBy("number", "desc").execute();
}

export async function findVersion(db: Executor, consultationId: string, number: number): Promise<VersionRow | undefined> {
  return db.selectFrom("version").selectAll().where("consultation_id", "=", consultationId).where("number", "=", number).executeTakeFirst();
}

export async function listVersionSections(db: Executor, versionId: string): Promise<VersionSectionRow[]> {
  return db.selectFrom("version_section").selectAll().where("version_id", "=", versionId).orderBy("position", "asc").execute();
}

export async function listSectionVersions(db: Executor, sectionId: string, publicOnly: boolean) {
  let q = db
    .selectFrom("version_section")
    .innerJoin("version", "version.id", "version_section.version_id")
    .select(["version.id", "version.number", "version.name", "version.note", "version.created_at", "version.public", "version_section.seq", "version_section.state_hash", "version_section.title", "version_section.text"])
    .where("version_section.section_id", "=", sectionId);
  if (publicOnly) q = q.where("version.public", "=", 1);
  return q.orderBy("version.number", "desc").execute();
}

export async function listAnchorCarries(db: Executor, versionId: string): Promise<AnchorCarryRow[]> {
  return db.selectFrom("anchor_carry").selectAll().where("version_id", "=", versionId).execute();
}

/** The comments whose passages a new version carries over: anchored, top-level and still open. */
export async function listOpenAnchoredComments(db: Executor, consultationId: string) {
  const rows = await db
    .selectFrom("comment")
    .select(["id", "section_id", "anchor_start", "anchor_end", "quote_exact", "position_start", "created_at"])
    .where("consultation_id", "=", consultationId)
    .where("parent_id", "is", null)
    .where("anchor_start", "is not", null)
    .where("status", "in", ["published", "pending"])
    .where((eb) => eb.or([eb("kind", "=", "comment"), eb("suggestion_status", "=", "open")]))
    .execute();
  return rows.map((r) => ({ ...r, anchor_start: bytes(r.anchor_start)!, anchor_end: bytes(r.anchor_end)! }));
}

/** The offsets each comment's passage had in the previous version, for telling "moved" from "exact". */
export async function listLatestCarries(db: Executor, consultationId: string): Promise<Map<string, AnchorCarryRow>> {
  const rows = await db
    .selectFrom("anchor_carry")
    .innerJoin("version", "version.id", "anchor_carry.version_id")
    .selectAll("anchor_carry")
    .select("version.number")
    .where("version.consultation_id", "=", consultationId)
    .orderBy("version.number", "asc")
    .execute();
  const latest = new Map<string, AnchorCarryRow>();
  for (const r of rows) latest.set(r.comment_id, r);
  return latest;
}

/** A comment's current response, if it has one. */
export async function findCurrentDisposition(db: Executor, commentId: string): Promise<DispositionRow | undefined> {
  return db.selectFrom("disposition").selectAll().where("comment_id", "=", commentId).where("superseded_at", "is", null).executeTakeFirst();
}

export async function insertDisposition(db: Executor, row: DispositionRow): Promise<void> {
  await db.updateTable("disposition").set({ superseded_at: row.created_at }).where("comment_id", "=", row.comment_id).where("superseded_at", "is", null).execute();
  await db.insertInto("disposition").values(row).execute();
}

/** Current dispositions (not superseded) of a consultation's comments, by comment id. */
export async function listCurrentDispositions(db: Executor, consultationId: string): Promise<Map<string, DispositionRow>> {
  const rows = await db.selectFrom("disposition").selectAll().where("consultation_id", "=", consultationId).where("superseded_at", "is", null).execute();
  return new Map(rows.map((r) => [r.comment_id, r]));
}

/** A thread without a current response, for the team's list before finalising. */
export interface UnansweredComment {
  id: string;
  section_id: string;
  section_title: string;
  kind: string;
  body: string;
  visibility: string;
  author_name: string;
  created_at: string;
}

/** Published first comments of threads (a confidential original, not its redacted copy) without a current response. */
export async function listUnansweredComments(db: Executor, consultationId: string): Promise<UnansweredComment[]> {
  const rows = await db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .innerJoin("section", "section.id", "comment.section_id")
    .select([
      "comment.id",
      "comment.section_id",
      "section.title as section_title",
      "comment.kind",
      "comment.body",
      "comment.visibility",
      "user.display_name as author_name",
      "comment.created_at",
    ])
    .where("comment.consultation_id", "=", consultationId)
    .where("comment.parent_id", "is", null)
    .where("comment.redacted_of", "is", null)
    .where("comment.status", "=", "published")
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("disposition").select("disposition.id").whereRef("disposition.comment_id", "=", "comment.id").where("disposition.superseded_at", "is", null))),
    )
    .orderBy("section.position", "asc")
    .orderBy("comment.created_at", "asc")
    .orderBy("comment.id", "asc")
    .execute();
  return rows.map(openCommentText);
}


/**
 * Published top-level comments and suggestions of a consultation that this viewer may
 * read, with their authors, oldest first (reports, exports, version pages).
 */
export async function listTopLevelComments(db: Executor, consultationId: string, viewer: CommentViewer, opts: { withDeleted?: boolean } = {}): Promise<CommentWithAuthor[]> {
  const rows = await db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .selectAll("comment")
    .select(["user.display_name as author_name", "user.organisation as author_organisation", "user.stakeholder_group as author_group"])
    .where("comment.consultation_id", "=", consultationId)
    .where("comment.parent_id", "is", null)
    // Deleted ones only when asked: the report keeps a withdrawn comment's entry with its response.
    .where("comment.status", "in", opts.withDeleted ? ["published", "deleted"] : ["published"])
    .where(commentVisibleTo(viewer))
    .orderBy("comment.created_at", "asc")
    .orderBy("comment.id", "asc")
    .execute();
  return rows.map((r) => openCommentText({ ...r, anchor_start: bytes(r.anchor_start), anchor_end: bytes(r.anchor_end) }));
}

/** When each confidential submission of a consultation was made: the report counts them, and learns nothing else. */
export async function listConfidentialSubmissionTimes(db: Executor, consultationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("comment")
    .select("created_at")
    .where("consultation_id", "=", consultationId)
    .where("parent_id", "is", null)
    .where("visibility", "=", "confidential")
    .where("status", "!=", "deleted")
    .execute();
  return rows.map((r) => r.created_at);
}

export async function findChangeSetsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("change_set")
    .innerJoin("section", "section.id", "change_set.section_id")
    .select(["change_set.id", "change_set.section_id", "change_set.seq_to", "change_set.public", "section.consultation_id"])
    .where("change_set.id", "in", ids)
    .execute();
}

/** Public comments (top-level and replies) per day, for the consultation timeline. */
export async function countPublicCommentsByDay(db: Executor, consultationId: string): Promise<{ day: string; n: number }[]> {
  const rows = await db
    .selectFrom("comment")
    .select("created_at")
    .where("consultation_id", "=", consultationId)
    .where("visibility", "=", "public")
    .where("status", "=", "published")
    .execute();
  const byDay = new Map<string, number>();
  for (const r of rows) byDay.set(r.created_at.slice(0, 10), (byDay.get(r.created_at.slice(0, 10)) ?? 0) + 1);
  return [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, n]) => ({ day, n }));
}

/** Public comments (top-level and replies, as the timeline counts them) per section, for the contents list. */
export async function countPublicCommentsBySection(db: Executor, consultationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("comment")
    .select(["section_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("consultation_id", "=", consultationId)
    .where("visibility", "=", "public")
    .where("status", "=", "published")
    .groupBy("section_id")
    .execute();
  return new Map(rows.map((r) => [r.section_id, Number(r.n)]));
}

/** Current dispositions of a section's comments, by comment id. */
export async function listSectionDispositions(db: Executor, sectionId: string): Promise<Map<string, DispositionRow>> {
  const rows = await db.selectFrom("disposition").selectAll().where("section_id", "=", sectionId).where("superseded_at", "is", null).execute();
  return new Map(rows.map((r) => [r.comment_id, r]));
}

/** The newest change sets across a consultation's sections, with the section's title. */
export async function listConsultationChanges(db: Executor, consultationId: string, opts: { limit: number; before?: string; publicOnly: boolean }) {
  let q = db
    .selectFrom("change_set")
    .innerJoin("section", "section.id", "change_set.section_id")
    .select([
      "change_set.id",
      "change_set.section_id",
      "section.title as section_title",
      "change_set.seq_from",
      "change_set.seq_to",
      "change_set.authors",
      "change_set.ended_at",
      "change_set.inserted",
      "change_set.deleted",
      "change_set.summary",
      "change_set.suggestion_id",
      "change_set.public",
    ])
    .where("section.consultation_id", "=", consultationId);
  if (opts.publicOnly) q = q.where("change_set.public", "=", 1);
  if (opts.before) q = q.where("change_set.ended_at", "<", opts.before);
  return q.orderBy("change_set.ended_at", "desc").orderBy("change_set.id", "desc").limit(opts.limit).execute();
}

/** A version's frozen copy of one section: where it stands in the section's log. */
export async function findVersionOfSection(db: Executor, consultationId: string, number: number, sectionId: string) {
  return db
    .selectFrom("version")
    .innerJoin("version_section", "version_section.version_id", "version.id")
    .select(["version.number", "version.name", "version.created_at", "version.public", "version_section.seq"])
    .where("version.consultation_id", "=", consultationId)
    .where("version.number", "=", number)
    .where("version_section.section_id", "=", sectionId)
    .executeTakeFirst();
}

/** The passage and proposed text of accepted suggestions that this viewer may read, for the history page. */
export async function listSuggestionQuotes(db: Executor, ids: string[], viewer: CommentViewer) {
  if (ids.length === 0) return [];
  return db.selectFrom("comment").select(["id", "quote_exact", "replacement"]).where("id", "in", ids).where(commentVisibleTo(viewer)).execute();
}
