import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * What a campaign member adds to its campaign's canonical text (ADR 030), kept
 * when it joins so a campaign's variations are read with one GROUP BY instead of
 * a diff per member per request. Null: it adds nothing (or it is not a campaign
 * member). The index serves "a campaign's variations, by count".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("comment_group_member").addColumn("variation", "text").execute();
  await db.schema.createIndex("comment_group_member_variation").on("comment_group_member").columns(["group_id", "variation"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("comment_group_member_variation").execute();
  await db.schema.alterTable("comment_group_member").dropColumn("variation").execute();
}
