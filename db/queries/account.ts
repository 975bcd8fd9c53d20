import type { Selectable } from "kysely";
import type { Executor } from "../client.js";
import type { AccountTokenPurpose, AccountTokenTable, DeletedShownAs } from "../schema.js";

export type AccountTokenRow = Selectable<AccountTokenTable>;

export async function insertAccountToken(db: Executor, row: AccountTokenRow): Promise<void> {
  await db.insertInto("account_token").values(row).execute();
}

export async function findAccountToken(db: Executor, id: string): Promise<AccountTokenRow | undefined> {
  return db
    .selectFrom("account_token")
    .select(["id", "user_id", "purpose", "secret_hash", "email", "created_at", "expires_at", "used_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/**
 * Marks a token used, once: only the first of two racing requests changes the
 * row, so only it may act on the link. True when this call used it.
 */
export async function useAccountToken(db: Executor, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable("account_token").set({ used_at: at }).where("id", "=", id).where("used_at", "is", null).where("expires_at", ">", at).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Makes the person's unused links of one purpose useless (a newer one was sent, or the matter is settled). */
export async function retireAccountTokens(db: Executor, userId: string, purpose: AccountTokenPurpose, at: string): Promise<void> {
  await db.updateTable("account_token").set({ used_at: at }).where("user_id", "=", userId).where("purpose", "=", purpose).where("used_at", "is", null).execute();
}

/** Retires every open link of the account, whatever its purpose (a new password, signing out everywhere, deletion). */
export async function retireAllAccountTokens(db: Executor, userId: string, at: string): Promise<void> {
  await db.updateTable("account_token").set({ used_at: at }).where("user_id", "=", userId).where("used_at", "is", null).execute();
}

export async function setEmailVerified(db: Executor, userId: string, at: string): Promise<void> {
  await db.updateTable("user").set({ email_verified_at: at }).where("id", "=", userId).where("email_verified_at", "is", null).execute();
}

/** The new address, verified by the link that confirmed it. */
export async function updateUserEmail(db: Executor, userId: string, email: string, at: string): Promise<void> {
  await db.updateTable("user").set({ email, email_verified_at: at }).where("id", "=", userId).execute();
}

/** Whether an account (deleted ones hold a placeholder, never a real address) uses this address. */
export async function emailTaken(db: Executor, email: string): Promise<boolean> {
  return (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst()) !== undefined;
}

/** Where mails about an account go and in which language; undefined for a deleted or unknown account. */
export async function findMailableUser(db: Executor, id: string): Promise<{ id: string; email: string; display_name: string; locale: string | null } | undefined> {
  return db.selectFrom("user").select(["id", "email", "display_name", "locale"]).where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
}

/**
 * Empties a deleted account: the row stays so its submissions keep an author,
 * but nothing in it leads back to the person. The name the public sees is
 * written into the row, so every page that joins the author shows it.
 */
export async function scrubUser(
  db: Executor,
  userId: string,
  values: { email: string; displayName: string; organisation: string; passwordHash: string; shownAs: DeletedShownAs; at: string },
): Promise<void> {
  await db
    .updateTable("user")
    .set({
      email: values.email,
      display_name: values.displayName,
      organisation: values.organisation,
      password_hash: values.passwordHash,
      deleted_at: values.at,
      deleted_shown_as: values.shownAs,
      locale: null,
      mail_key: null,
      notify_prefs: "{}",
      digest: "off",
      site_role: "member",
    })
    .where("id", "=", userId)
    .execute();
}

/** What a deleted account leaves behind that is about the person rather than the public record. */
export async function deletePersonalRows(db: Executor, userId: string, keepOrganisation: boolean): Promise<void> {
  await db.deleteFrom("session").where("user_id", "=", userId).execute();
  await db.deleteFrom("api_token").where("user_id", "=", userId).execute();
  await db.deleteFrom("notification").where("user_id", "=", userId).execute();
  await db.deleteFrom("follow").where("user_id", "=", userId).execute();
  await db.deleteFrom("account_token").where("user_id", "=", userId).execute();
  // Mails not yet handed over go; sent ones (already without bodies) keep no address.
  await db.deleteFrom("mail_outbox").where("user_id", "=", userId).where("status", "in", ["queued", "dead", "uncertain"]).execute();
  await db.updateTable("mail_outbox").set({ to_address: "", text_body: "", html_body: "" }).where("user_id", "=", userId).where("status", "=", "sent").execute();
  // Shown as a former participant, the account must not keep an organisation's badge beside its byline.
  if (!keepOrganisation) await db.deleteFrom("organisation_member").where("user_id", "=", userId).execute();
}
