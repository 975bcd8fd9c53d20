import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * The e-Gov results table (issue 18, ADR 034) counts a version window's public
 * first comments by how they were answered, in SQL, at 50,000 comments per
 * consultation. Two covering indexes keep those counts off the comments' texts:
 *
 * - `comment_results_idx`: a consultation's comments by visibility, thread,
 *   status and time, carrying their section and id, so the counts never read a
 *   comment row (its body) at all.
 * - `disposition_current_idx`: a comment's current response and the group
 *   answer it carries, so the join reads no disposition row either; it also
 *   finds a group answer's members (`group_response_id` first) for the row that
 *   needs a group's first public text.
 * - `disposition_individual_idx`: a consultation's current responses without a
 *   group answer, the few comments answered one by one, found without reading
 *   the others.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("comment_results_idx").on("comment").columns(["consultation_id", "visibility", "parent_id", "status", "created_at", "section_id", "id"]).execute();
  await db.schema.createIndex("disposition_current_idx").on("disposition").columns(["comment_id", "superseded_at", "group_response_id", "id"]).execute();
  await db.schema.createIndex("disposition_by_group_response").on("disposition").columns(["group_response_id", "superseded_at"]).execute();
  await db.schema.createIndex("disposition_individual_idx").on("disposition").columns(["consultation_id", "superseded_at", "group_response_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["disposition_individual_idx", "disposition_by_group_response", "disposition_current_idx", "comment_results_idx"]) await db.schema.dropIndex(name).execute();
}
