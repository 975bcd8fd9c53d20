import type { Executor } from "../client.js";
import type { NewUserRow, UserRow } from "../schema.js";


const PUBLIC_COLUMNS = [
  "id",
  "email",
  "display_name",
  "organisation",
  "stakeholder_group",
  "site_role",
  "created_at",
  "locale",
  "email_verified_at",
] as const;

/** What the server knows of a signed-in person: no password hash, no notification settings, no mail key. */
export type UserProfile = Pick<UserRow, (typeof PUBLIC_COLUMNS)[number]> & {
  /**
   * Set when a request is authenticated (the session or the API token): true while the
   * address is unconfirmed and REQUIRE_VERIFIED_EMAIL holds such accounts back from submitting.
   */
  mustVerify?: boolean;
};

export async function insertUser(db: Executor, row: NewUserRow): Promise<void> {
  await db.insertInto("user").values(row).execute();
}

export async function findUserById(db: Executor, id: string): Promise<UserProfile | undefined> {
  return db.selectFrom("user").select(PUBLIC_COLUMNS).where("id", "=", id).executeTakeFirst();
}

/** Includes the password hash: only for sign-in. */
export async function findUserCredentialsByEmail(
  db: Executor,
  email: string,
): Promise<(UserProfile & { password_hash: string }) | undefined> {
  return db
    .selectFrom("user")
    .select([...PUBLIC_COLUMNS, "password_hash"])
    .where("email", "=", email)
    .executeTakeFirst();
}

export async function listUsersByIds(db: Executor, ids: string[]): Promise<Pick<UserProfile, "id" | "display_name" | "stakeholder_group" | "organisation">[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("user").select(["id", "display_name", "stakeholder_group", "organisation"]).where("id", "in", ids).execute();
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserProfile | undefined> {
  return db.selectFrom("user").select(PUBLIC_COLUMNS).where("email", "=", email).executeTakeFirst();
}

export async function updateUserPassword(db: Executor, id: string, passwordHash: string): Promise<void> {
  await db.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", id).execute();
}

export async function updateUserSiteRole(db: Executor, id: string, role: UserRow["site_role"]): Promise<void> {
  await db.updateTable("user").set({ site_role: role }).where("id", "=", id).execute();
}

/** Includes the password hash: only for checking the current password before a change. */
export async function findPasswordHash(db: Executor, id: string): Promise<string | undefined> {
  return (await db.selectFrom("user").select("password_hash").where("id", "=", id).executeTakeFirst())?.password_hash;
}

export async function updateUserProfile(db: Executor, id: string, profile: { display_name: string; organisation: string }): Promise<void> {
  await db.updateTable("user").set(profile).where("id", "=", id).execute();
}

/** The interface language a person chose; null hands the choice back to the cookie and the browser. */
export async function setUserLocale(db: Executor, id: string, locale: string | null): Promise<void> {
  await db.updateTable("user").set({ locale }).where("id", "=", id).execute();
}

/** Records that the holder proved the address (an invitation mailed to it was accepted), unless already recorded or the address changed. */
export async function markAddressProven(db: Executor, id: string, email: string, at: string): Promise<void> {
  await db.updateTable("user").set({ email_verified_at: at }).where("id", "=", id).where("email", "=", email).where("email_verified_at", "is", null).execute();
}
