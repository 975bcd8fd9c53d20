import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * Organisations as verified parties (issue 14): an organisation a site admin
 * registers, and may verify with the evidence recorded, and its members. A
 * person belongs to at most one organisation (the primary key on user_id), so
 * "who speaks for whom" has one answer; a user's own `organisation` text stays
 * as it was: self-declared, never shown as verified.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("email_domain", "text")
    .addColumn("verified_at", "text")
    .addColumn("verified_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("verification_evidence", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("organisation_member")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("added_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organisation_member_org_idx").on("organisation_member").column("organisation_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("organisation_member").execute();
  await db.schema.dropTable("organisation").execute();
}
