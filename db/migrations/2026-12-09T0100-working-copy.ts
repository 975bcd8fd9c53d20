import { PostgresAdapter, type Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * Drafting without an audience (issue 17, ADR 026). A consultation drafts
 * either live (`drafting_mode` 'live': every accepted keystroke is public, as
 * before) or in a working copy ('working'): the team's updates go to
 * `working_update`, a second log per section that only the team reads, and
 * move to `section_update` when they are published. `section.working_seq` is
 * the last working position handed out (raised inside each commit, like
 * `last_seq`), so several nodes can append to one working log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
  await db.schema
    .alterTable("consultation")
    .addColumn("drafting_mode", "text", (c) => c.notNull().defaultTo("live"))
    .execute();
  await db.schema
    .alterTable("section")
    .addColumn("working_seq", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("working_update")
    .addColumn("section_id", "text", (c) => c.notNull().references("section.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("data", blob, (c) => c.notNull())
    .addPrimaryKeyConstraint("working_update_pk", ["section_id", "seq"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("working_update").execute();
  await db.schema.alterTable("section").dropColumn("working_seq").execute();
  await db.schema.alterTable("consultation").dropColumn("drafting_mode").execute();
}
