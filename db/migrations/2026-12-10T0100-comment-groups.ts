import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * Ten thousand comments (issue 18, ADR 030). Comments are grouped twice, each
 * kind independently: into a *campaign* (identical or near-identical texts,
 * found by MinHash/LSH over character shingles) and into a *topic* (what the
 * comment is about, TF-IDF over segmented words). Groups are consultation-wide;
 * a member row keeps its comment's section so a section's groups are one index
 * lookup.
 *
 * - `comment_group`: one group. `label` and `gist` are the team's words (null:
 *   derived from `terms` / the canonical comment). `size` is kept with the
 *   members. `centroid` (topics) is a JSON sparse vector. `merged_into` marks a
 *   group the team merged away (its members moved; the row stays so links hold).
 * - `comment_group_member`: a comment's group of each kind (primary key
 *   comment + kind). `pinned` = the team put it there, so regrouping leaves it.
 * - `comment_signature`: what grouping computed of a comment once (MinHash
 *   signature, term vector), so regrouping never re-reads and re-segments text.
 * - `comment_lsh`: LSH band buckets of the signature, for candidate lookup.
 * - `term_df`: document frequency of each term per consultation (IDF), kept
 *   incrementally; `doc_count` of a consultation is the row with term ''.
 * - `group_response`: one considered answer to a group. Every member comment
 *   gets a `disposition` row carrying `group_response_id`; a later response to
 *   the single comment supersedes that row only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
  await db.schema
    .createTable("comment_group")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("terms", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("gist", "text")
    .addColumn("canonical_id", "text")
    .addColumn("size", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("centroid", "text")
    .addColumn("curated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("merged_into", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("comment_group_kind_check", sql`kind in ('campaign','topic')`)
    .execute();
  await db.schema.createIndex("comment_group_by_consultation").on("comment_group").columns(["consultation_id", "kind", "size"]).execute();

  await db.schema
    .createTable("comment_group_member")
    .addColumn("comment_id", "text", (c) => c.notNull().references("comment.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("group_id", "text", (c) => c.notNull().references("comment_group.id").onDelete("cascade"))
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("section_id", "text", (c) => c.notNull())
    .addColumn("similarity", "real", (c) => c.notNull().defaultTo(1))
    .addColumn("pinned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("comment_group_member_pk", ["comment_id", "kind"])
    .addCheckConstraint("comment_group_member_kind_check", sql`kind in ('campaign','topic')`)
    .execute();
  await db.schema.createIndex("comment_group_member_by_group").on("comment_group_member").columns(["group_id", "created_at"]).execute();
  await db.schema.createIndex("comment_group_member_by_section").on("comment_group_member").columns(["section_id", "kind", "group_id"]).execute();

  await db.schema
    .createTable("comment_signature")
    .addColumn("comment_id", "text", (c) => c.primaryKey().references("comment.id").onDelete("cascade"))
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("minhash", blob, (c) => c.notNull())
    .addColumn("shingles", "integer", (c) => c.notNull())
    .addColumn("terms", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("comment_signature_by_consultation").on("comment_signature").columns(["consultation_id"]).execute();

  await db.schema
    .createTable("comment_lsh")
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("comment_id", "text", (c) => c.notNull().references("comment.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("comment_lsh_pk", ["consultation_id", "bucket", "comment_id"])
    .execute();
  await db.schema.createIndex("comment_lsh_by_comment").on("comment_lsh").columns(["comment_id"]).execute();

  await db.schema
    .createTable("term_df")
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("df", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("term_df_pk", ["consultation_id", "term"])
    .execute();

  await db.schema
    .createTable("group_response")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("comment_group.id").onDelete("cascade"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addCheckConstraint("group_response_outcome_check", sql`outcome in ('adopted','partly_adopted','not_adopted','noted','out_of_scope')`)
    .addColumn("response", "text", (c) => c.notNull())
    .addColumn("change_set_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("version_id", "text")
    .addColumn("decided_by", "text")
    .addColumn("member_count", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("superseded_at", "text")
    .execute();
  await db.schema.createIndex("group_response_by_group").on("group_response").columns(["group_id", "created_at"]).execute();

  await db.schema.alterTable("disposition").addColumn("group_response_id", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("disposition").dropColumn("group_response_id").execute();
  for (const t of ["group_response", "term_df", "comment_lsh", "comment_signature", "comment_group_member", "comment_group"]) await db.schema.dropTable(t).execute();
}
