import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * The section page, the moderation queue and the report at 50,000 comments (issue 18,
 * ADR 033): the lists are paged in SQL, and these indexes let each page be found
 * without reading every comment of the consultation.
 *
 * - `comment_parent_idx`: a page's replies (`parent_id in (…)`), and the confidential
 *   threads a participant started.
 * - `comment_consultation_status_idx`: the moderation queue (held and hidden items of
 *   one consultation) and the report's counts by status.
 * - `comment_section_rail_idx`: everything the rail and the heat strip read to filter,
 *   count and order a section's first comments (visibility, status, where the passage
 *   started, author, kind), so those counts read the index alone, never the texts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("comment_parent_idx").on("comment").columns(["parent_id", "created_at"]).execute();
  await db.schema.createIndex("comment_consultation_status_idx").on("comment").columns(["consultation_id", "status", "created_at"]).execute();
  await db.schema
    .createIndex("comment_section_rail_idx")
    .on("comment")
    .columns(["section_id", "parent_id", "visibility", "status", "position_start", "created_at", "id", "author_id", "kind", "suggestion_status"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("comment_section_rail_idx").execute();
  await db.schema.dropIndex("comment_consultation_status_idx").execute();
  await db.schema.dropIndex("comment_parent_idx").execute();
}
