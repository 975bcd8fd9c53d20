import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * Topics' inverted index (issue 18, ADR 031): each live topic's heaviest centroid terms,
 * so a new comment is compared with the topics that share its words as well as with the
 * largest ones, however many topics a consultation has. Replaced whenever a topic's
 * heaviest terms change; a topic's rows go with it.
 *
 * And a topic's members by closeness, so its most representative comments are read from
 * the top of an index rather than by sorting all its members (50,000-comment consultations).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("topic_term")
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull().references("comment_group.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("topic_term_pk", ["consultation_id", "term", "group_id"])
    .execute();
  await db.schema.createIndex("topic_term_by_group").on("topic_term").columns(["group_id"]).execute();
  await db.schema.createIndex("comment_group_member_by_similarity").on("comment_group_member").columns(["group_id", "similarity"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("comment_group_member_by_similarity").execute();
  await db.schema.dropTable("topic_term").execute();
}
