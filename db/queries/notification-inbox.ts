import type { Executor } from "../client.js";
import type { DigestMode } from "../schema.js";

/**
 * One person's notifications, newest first (the notifications page). Those of a
 * kind switched off in the app are left out: notify() keeps them only as the
 * mail's source, marked read at the instant they were made (read_at = created_at).
 */
export async function listOwnNotifications(db: Executor, userId: string, limit: number) {
  return db
    .selectFrom("notification")
    .select(["id", "kind", "params", "link", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("read_at", "is", null), eb("read_at", "<>", eb.ref("created_at"))]))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function countUnreadNotifications(db: Executor, userId: string): Promise<number> {
  const r = await db.selectFrom("notification").select((eb) => eb.fn.countAll<number | string | bigint>().as("n")).where("user_id", "=", userId).where("read_at", "is", null).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Marks one of this person's notifications read; its link, or undefined when it is not theirs. */
export async function markNotificationRead(db: Executor, userId: string, id: string, at: string): Promise<string | undefined> {
  const row = await db.selectFrom("notification").select(["link", "read_at"]).where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  if (!row) return undefined;
  if (!row.read_at) await db.updateTable("notification").set({ read_at: at }).where("id", "=", id).where("user_id", "=", userId).where("read_at", "is", null).execute();
  return row.link;
}

export async function markAllNotificationsRead(db: Executor, userId: string, at: string): Promise<number> {
  const r = await db.updateTable("notification").set({ read_at: at }).where("user_id", "=", userId).where("read_at", "is", null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findNotifySettings(db: Executor, userId: string) {
  return db.selectFrom("user").select(["notify_prefs", "digest"]).where("id", "=", userId).executeTakeFirst();
}

export async function updateNotifySettings(db: Executor, userId: string, settings: { notify_prefs?: string; digest?: DigestMode }): Promise<void> {
  await db.updateTable("user").set(settings).where("id", "=", userId).execute();
}

/** The people with notifications waiting for the digest whose oldest waiting one was made before `before`. */
export async function listDigestDue(db: Executor, before: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("notification")
    .select("user_id")
    .where("mail_state", "=", "digest")
    .groupBy("user_id")
    .having((eb) => eb.fn.min("created_at"), "<=", before)
    .limit(limit)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Takes a person's notifications waiting for the digest, marking them digested,
 * and returns them. Conditional on their state: of two nodes running the digest
 * at once, the second takes nothing (on PostgreSQL it waits for the first's row
 * locks and then finds the rows changed; SQLite writes one transaction at a time).
 */
export async function takeDigestNotifications(db: Executor, userId: string) {
  return db
    .updateTable("notification")
    .set({ mail_state: "digested" })
    .where("user_id", "=", userId)
    .where("mail_state", "=", "digest")
    .returning(["id", "kind", "params", "link", "created_at"])
    .execute();
}
