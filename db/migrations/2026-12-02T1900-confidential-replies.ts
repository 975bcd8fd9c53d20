import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Replies used to be stored as public even inside a confidential thread, so the read API
  // and exports showed them to anyone. A reply carries its thread's visibility.
  await db
    .updateTable("comment")
    .set({ visibility: "confidential" })
    .where("parent_id", "in", db.selectFrom("comment as root").select("root.id").where("root.visibility", "=", "confidential"))
    .where("visibility", "=", "public")
    .execute();
}

export async function down(_db: Kysely<any>): Promise<void> {
  // Deliberately nothing: which replies were public before cannot be told apart from those
  // written confidential since, and publishing a confidential reply is the one mistake that
  // cannot be undone. The older code reads them as confidential, which is safe.
}
