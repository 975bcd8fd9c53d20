import { sql, type Kysely } from "kysely";

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The hash-chained ledger. "public" is the one public chain; "team:<consultation id>"
  // holds a consultation's drafting before it opens. `salt` never leaves the server.
  await db.schema
    .createTable("ledger_entry")
    .addColumn("chain", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("consultation_id", "text")
    .addColumn("section_id", "text")
    .addColumn("subject_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("salt", "text")
    .addPrimaryKeyConstraint("ledger_entry_pk", ["chain", "seq"])
    .execute();
  await db.schema.createIndex("ledger_entry_consultation_idx").on("ledger_entry").columns(["consultation_id", "kind"]).execute();
  await db.schema.createIndex("ledger_entry_subject_idx").on("ledger_entry").column("subject_id").execute();

  // Change sets made while the consultation was a draft stay with the team.
  await db.schema.alterTable("change_set").addColumn("public", "integer", (c) => c.notNull().defaultTo(1)).execute();

  await db.schema
    .createTable("version")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("public", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("version_number_unique", ["consultation_id", "number"])
    .execute();

  // A version's frozen copy of each section.
  await db.schema
    .createTable("version_section")
    .addColumn("version_id", "text", (c) => c.notNull().references("version.id").onDelete("cascade"))
    .addColumn("section_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("state_hash", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("version_section_pk", ["version_id", "section_id"])
    .execute();

  // Where each open comment's passage stood when a version was published.
  await db.schema
    .createTable("anchor_carry")
    .addColumn("version_id", "text", (c) => c.notNull().references("version.id").onDelete("cascade"))
    .addColumn("comment_id", "text", (c) => c.notNull().references("comment.id").onDelete("cascade"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("start_offset", "integer")
    .addColumn("end_offset", "integer")
    .addColumn("current_text", "text")
    .addPrimaryKeyConstraint("anchor_carry_pk", ["version_id", "comment_id"])
    .addCheckConstraint("anchor_carry_outcome", sql`outcome in ('exact','moved','changed','orphaned')`)
    .execute();

  // The drafting team's answer to a comment or suggestion; a newer one supersedes.
  await db.schema
    .createTable("disposition")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("section_id", "text", (c) => c.notNull())
    .addColumn("comment_id", "text", (c) => c.notNull().references("comment.id").onDelete("cascade"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("response", "text", (c) => c.notNull())
    .addColumn("change_set_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("version_id", "text")
    .addColumn("decided_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("superseded_at", "text")
    .addCheckConstraint("disposition_outcome", sql`outcome in ('adopted','partly_adopted','not_adopted','noted','out_of_scope')`)
    .execute();
  await db.schema.createIndex("disposition_comment_idx").on("disposition").columns(["comment_id", "superseded_at"]).execute();
  await db.schema.createIndex("disposition_consultation_idx").on("disposition").column("consultation_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("disposition").execute();
  await db.schema.dropTable("anchor_carry").execute();
  await db.schema.dropTable("version_section").execute();
  await db.schema.dropTable("version").execute();
  await db.schema.alterTable("change_set").dropColumn("public").execute();
  await db.schema.dropTable("ledger_entry").execute();
}
