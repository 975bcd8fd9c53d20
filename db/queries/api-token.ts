import type { Executor } from "../client.js";
import type { ApiTokenRow } from "../schema.js";


export async function insertApiToken(db: Executor, row: ApiTokenRow): Promise<void> {
  await db.insertInto("api_token").values(row).execute();
}

export async function findApiTokenById(db: Executor, id: string): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom("api_token")
    .select(["id", "user_id", "name", "secret_hash", "created_at", "last_used_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function listApiTokensOfUser(db: Executor, userId: string): Promise<Omit<ApiTokenRow, "secret_hash">[]> {
  return db
    .selectFrom("api_token")
    .select(["id", "user_id", "name", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}

export async function updateApiTokenLastUsed(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable("api_token").set({ last_used_at: at }).where("id", "=", id).execute();
}

export async function deleteApiTokenOfUser(db: Executor, userId: string, id: string): Promise<number> {
  const r = await db.deleteFrom("api_token").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Revokes every token of the user (signing out everywhere, a password change). */
export async function deleteApiTokensOfUser(db: Executor, userId: string): Promise<number> {
  const r = await db.deleteFrom("api_token").where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
