import type { Executor } from "../client.js";
import type { NotificationMailState, NotificationTable } from "../schema.js";
import type { Insertable } from "kysely";

/** What notifying someone needs to know of them. */
export async function findRecipients(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("user")
    .select(["id", "email", "display_name", "locale", "email_verified_at", "deleted_at", "notify_prefs", "digest", "mail_key"])
    .where("id", "in", userIds)
    .execute();
}

/** Inserts a notification unless this person already has one for the same event; true when it was new. */
export async function insertNotificationOnce(db: Executor, row: Insertable<NotificationTable>): Promise<boolean> {
  const r = await db
    .insertInto("notification")
    .values(row)
    .onConflict((oc) => oc.columns(["user_id", "dedupe_key"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function setNotificationMailState(db: Executor, id: string, state: NotificationMailState): Promise<void> {
  await db.updateTable("notification").set({ mail_state: state }).where("id", "=", id).execute();
}

export async function setMailKey(db: Executor, userId: string, key: string): Promise<void> {
  await db.updateTable("user").set({ mail_key: key }).where("id", "=", userId).where("mail_key", "is", null).execute();
}

export async function findMailKey(db: Executor, userId: string): Promise<string | null> {
  return (await db.selectFrom("user").select("mail_key").where("id", "=", userId).executeTakeFirst())?.mail_key ?? null;
}
