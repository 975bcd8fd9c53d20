import type { Executor } from "../client.js";
import type { OrganisationKind, OrganisationRole, OrganisationRow } from "../schema.js";

export async function insertOrganisation(db: Executor, row: OrganisationRow): Promise<void> {
  await db.insertInto("organisation").values(row).execute();
}

export async function findOrganisationBySlug(db: Executor, slug: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom("organisation").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function listOrganisationRows(db: Executor): Promise<OrganisationRow[]> {
  return db.selectFrom("organisation").selectAll().orderBy("name").orderBy("id").execute();
}

export async function markOrganisationVerified(db: Executor, id: string, by: string | null, evidence: string, at: string): Promise<void> {
  await db.updateTable("organisation").set({ verified_at: at, verified_by: by, verification_evidence: evidence }).where("id", "=", id).execute();
}

export interface OrganisationMemberWithUser {
  organisation_id: string;
  user_id: string;
  role: OrganisationRole;
  added_at: string;
  display_name: string;
  email: string;
}

export async function listOrganisationMembers(db: Executor): Promise<OrganisationMemberWithUser[]> {
  return db
    .selectFrom("organisation_member")
    .innerJoin("user", "user.id", "organisation_member.user_id")
    .select(["organisation_member.organisation_id", "organisation_member.user_id", "organisation_member.role", "organisation_member.added_at", "user.display_name", "user.email"])
    .orderBy("organisation_member.added_at")
    .execute();
}

export async function findMembership(db: Executor, userId: string) {
  return db.selectFrom("organisation_member").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

export async function upsertMembership(db: Executor, row: { organisation_id: string; user_id: string; role: OrganisationRole; added_at: string }, existing: boolean): Promise<void> {
  if (existing) await db.updateTable("organisation_member").set({ role: row.role }).where("user_id", "=", row.user_id).execute();
  else await db.insertInto("organisation_member").values(row).execute();
}

export async function deleteMembership(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom("organisation_member").where("user_id", "=", userId).execute();
}

/** The verified organisation each of these people belongs to (those in none, or in an unverified one, are absent). */
export async function verifiedOrganisationsOfUsers(db: Executor, userIds: readonly string[]): Promise<{ user_id: string; slug: string; name: string; kind: OrganisationKind }[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("organisation_member")
    .innerJoin("organisation", "organisation.id", "organisation_member.organisation_id")
    .select(["organisation_member.user_id", "organisation.slug", "organisation.name", "organisation.kind"])
    .where("organisation_member.user_id", "in", [...new Set(userIds)])
    .where("organisation.verified_at", "is not", null)
    .execute();
}

export async function findOrganisationById(db: Executor, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom("organisation").selectAll().where("id", "=", id).executeTakeFirst();
}
