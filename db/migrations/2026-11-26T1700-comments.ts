import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file must not import application code.

function blobType(db: Kysely<any>): "blob" | "bytea" {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
}

export async function up(db: Kysely<any>): Promise<void> {
  const blob = blobType(db);
  await db.schema
    .createTable("comment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("section_id", "text", (c) => c.notNull().references("section.id").onDelete("cascade"))
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.notNull().references("user.id"))
    .addColumn("parent_id", "text", (c) => c.references("comment.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("replacement", "text")
    // Yjs relative positions in the live text, and the W3C selectors frozen at creation.
    .addColumn("anchor_start", blob)
    .addColumn("anchor_end", blob)
    .addColumn("quote_exact", "text")
    .addColumn("quote_prefix", "text")
    .addColumn("quote_suffix", "text")
    .addColumn("position_start", "integer")
    .addColumn("position_end", "integer")
    .addColumn("base_seq", "integer", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull().defaultTo("public"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("suggestion_status", "text")
    .addColumn("decided_by", "text", (c) => c.references("user.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_reason", "text")
    // The log sequence number of the edit that applied an accepted suggestion.
    .addColumn("applied_seq", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("edited_at", "text")
    .addColumn("deleted_at", "text")
    .addCheckConstraint("comment_kind_check", sql`kind in ('comment','suggestion')`)
    .addCheckConstraint("comment_status_check", sql`status in ('published','pending','hidden','deleted')`)
    .addCheckConstraint("comment_visibility_check", sql`visibility in ('public','confidential')`)
    .execute();
  // A change set that applied an accepted suggestion says which one.
  await db.schema.alterTable("change_set").addColumn("suggestion_id", "text").execute();
  await db.schema.createIndex("comment_section_idx").on("comment").columns(["section_id", "created_at"]).execute();
  await db.schema.createIndex("comment_author_idx").on("comment").columns(["author_id", "created_at"]).execute();

  // Earlier bodies of edited comments: an edit never erases what was said.
  await db.schema
    .createTable("comment_edit")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("comment_id", "text", (c) => c.notNull().references("comment.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("replaced_at", "text", (c) => c.notNull())
    .execute();

  // Support or opposition for a suggested amendment: one per person.
  await db.schema
    .createTable("comment_reaction")
    .addColumn("comment_id", "text", (c) => c.notNull().references("comment.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("comment_reaction_pk", ["comment_id", "user_id"])
    .addCheckConstraint("comment_reaction_kind_check", sql`kind in ('endorse','oppose')`)
    .execute();

  // Positions: the current one has superseded_at null; earlier ones stay as history.
  await db.schema
    .createTable("position")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("section_id", "text", (c) => c.notNull().references("section.id").onDelete("cascade"))
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id"))
    .addColumn("stance", "text", (c) => c.notNull())
    .addColumn("rationale", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("quote_exact", "text")
    .addColumn("stakeholder_group", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("superseded_at", "text")
    .addCheckConstraint("position_stance_check", sql`stance in ('support','support_with_changes','oppose','neutral')`)
    .execute();
  await db.schema.createIndex("position_section_idx").on("position").columns(["section_id", "superseded_at"]).execute();
  await db.schema.createIndex("position_user_idx").on("position").columns(["user_id", "section_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("position").execute();
  await db.schema.dropTable("comment_reaction").execute();
  await db.schema.dropTable("comment_edit").execute();
  await db.schema.dropTable("comment").execute();
  await db.schema.alterTable("change_set").dropColumn("suggestion_id").execute();
}
