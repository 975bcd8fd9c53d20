import { sql, type Kysely } from "kysely";

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The database hands out each section's log positions, so several nodes can append to one log.
  await db.schema.alterTable("section").addColumn("last_seq", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await sql`update section set last_seq = coalesce((select max(seq) from section_update where section_update.section_id = section.id), 0)`.execute(db);
  // An update made on the server for an accepted suggestion: its change set names it and credits its proposer.
  await db.schema.alterTable("section_update").addColumn("suggestion_id", "text").execute();
  await db.schema.alterTable("section_update").addColumn("credit", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("section_update").dropColumn("credit").execute();
  await db.schema.alterTable("section_update").dropColumn("suggestion_id").execute();
  await db.schema.alterTable("section").dropColumn("last_seq").execute();
}
