import { sql, type Kysely } from "kysely";

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Why a comment was hidden, and whether its author asked for another look.
  await db.schema.alterTable("comment").addColumn("moderation_reason", "text").execute();
  await db.schema.alterTable("comment").addColumn("review_requested_at", "text").execute();
  // How the author is shown publicly: name, organisation only, or anonymously (group only).
  await db.schema.alterTable("comment").addColumn("publication", "text", (c) => c.notNull().defaultTo("name")).execute();
  // A public, redacted version of a confidential submission points at the original.
  await db.schema.alterTable("comment").addColumn("redacted_of", "text").execute();
  // Spam friction: a new participant's first contribution waits for a moderator.
  await db.schema.alterTable("consultation").addColumn("premoderate_first_posts", "integer", (c) => c.notNull().defaultTo(0)).execute();

  // The public moderation ledger: every decision, never the hidden text.
  await db.schema
    .createTable("moderation_action")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("comment_id", "text", (c) => c.notNull().references("comment.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("reason_code", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("actor_id", "text", (c) => c.references("user.id"))
    .addColumn("actor_role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("moderation_action_check", sql`action in ('approve','hide','restore','reject','review_requested')`)
    .execute();
  await db.schema.createIndex("moderation_action_consultation_idx").on("moderation_action").columns(["consultation_id", "created_at"]).execute();

  // Every phase change (draft → open → closed → final), kept for the public timeline.
  await db.schema
    .createTable("phase_change")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("comment_report")
    .addColumn("comment_id", "text", (c) => c.notNull().references("comment.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addPrimaryKeyConstraint("comment_report_pk", ["comment_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("comment_report").execute();
  await db.schema.dropTable("phase_change").execute();
  await db.schema.dropTable("moderation_action").execute();
  await db.schema.alterTable("consultation").dropColumn("premoderate_first_posts").execute();
  await db.schema.alterTable("comment").dropColumn("redacted_of").execute();
  await db.schema.alterTable("comment").dropColumn("publication").execute();
  await db.schema.alterTable("comment").dropColumn("review_requested_at").execute();
  await db.schema.alterTable("comment").dropColumn("moderation_reason").execute();
}
