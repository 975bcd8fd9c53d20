import type { Executor } from "../client.js";
import type { NotificationTable } from "../schema.js";
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

/** Inserts notifications, skipping anyone who already has one for the same event; returns the ids of the rows inserted. */
export async function insertNotificationsOnce(db: Executor, rows: Insertable<NotificationTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto("notification")
    .values(rows)
    .onConflict((oc) => oc.columns(["user_id", "dedupe_key"]).doNothing())
    .returning("id")
    .execute();
  return inserted.map((r) => r.id);
}

export async function setMailKey(db: Executor, userId: string, key: string): Promise<void> {
  await db.updateTable("user").set({ mail_key: key }).where("id", "=", userId).where("mail_key", "is", null).execute();
}

export async function findMailKey(db: Executor, userId: string): Promise<string | null> {
  return (await db.selectFrom("user").select("mail_key").where("id", "=", userId).executeTakeFirst())?.mail_key ?? null;
}
