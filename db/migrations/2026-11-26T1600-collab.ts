import { PostgresAdapter, type Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/** Binary Yjs data: the one column type that differs between the dialects. */
function blobType(db: Kysely<any>): "blob" | "bytea" {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
}

export async function up(db: Kysely<any>): Promise<void> {
  const blob = blobType(db);

  // Section text now lives in the update log below; the static copies go.
  await db.schema.alterTable("section").dropColumn("body_html").execute();
  await db.schema.alterTable("section").dropColumn("body_text").execute();

  // Every accepted update, in order: the source of truth for a section's text.
  await db.schema
    .createTable("section_update")
    .addColumn("section_id", "text", (c) => c.notNull().references("section.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("data", blob, (c) => c.notNull())
    .addPrimaryKeyConstraint("section_update_pk", ["section_id", "seq"])
    .execute();

  // A contiguous run of one author's updates, folded; kept forever for the history.
  await db.schema
    .createTable("change_set")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("section_id", "text", (c) => c.notNull().references("section.id").onDelete("cascade"))
    .addColumn("seq_from", "integer", (c) => c.notNull())
    .addColumn("seq_to", "integer", (c) => c.notNull())
    .addColumn("authors", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text", (c) => c.notNull())
    .addColumn("data", blob, (c) => c.notNull())
    .addColumn("state_hash", "text", (c) => c.notNull())
    .addColumn("inserted", "integer", (c) => c.notNull())
    .addColumn("deleted", "integer", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("change_set_section_idx").on("change_set").columns(["section_id", "seq_to"]).unique().execute();

  // Full states, so a load reads one checkpoint and a short tail.
  await db.schema
    .createTable("section_checkpoint")
    .addColumn("section_id", "text", (c) => c.notNull().references("section.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("data", blob, (c) => c.notNull())
    .addPrimaryKeyConstraint("section_checkpoint_pk", ["section_id", "seq"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("section_checkpoint").execute();
  await db.schema.dropTable("change_set").execute();
  await db.schema.dropTable("section_update").execute();
  await db.schema.alterTable("section").addColumn("body_html", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("section").addColumn("body_text", "text", (c) => c.notNull().defaultTo("")).execute();
}
