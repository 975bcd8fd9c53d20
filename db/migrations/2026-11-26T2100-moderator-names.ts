import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // 1: the public moderation log names the moderator behind each decision (off by default).
  await db.schema.alterTable("consultation").addColumn("show_moderator_names", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("consultation").dropColumn("show_moderator_names").execute();
}
