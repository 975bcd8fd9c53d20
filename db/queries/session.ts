import type { Executor } from "../client.js";
import type { SessionRow } from "../schema.js";


export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto("session").values(row).execute();
}

export async function findSessionById(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom("session")
    .select(["id", "user_id", "secret_hash", "created_at", "last_seen_at", "user_agent"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function listSessionsOfUser(db: Executor, userId: string): Promise<Omit<SessionRow, "secret_hash">[]> {
  return db
    .selectFrom("session")
    .select(["id", "user_id", "created_at", "last_seen_at", "user_agent"])
    .where("user_id", "=", userId)
    .orderBy("last_seen_at", "desc")
    .execute();
}

export async function updateSessionLastSeen(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable("session").set({ last_seen_at: at }).where("id", "=", id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", id).execute();
}

/** Deletes one session only if it belongs to the user (so no one revokes another's). */
export async function deleteSessionOfUser(db: Executor, userId: string, id: string): Promise<number> {
  const r = await db.deleteFrom("session").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom("session").where("user_id", "=", userId).execute();
}
