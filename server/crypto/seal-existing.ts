import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { REWRAP_BATCH } from "./rotate.js";
import { SEALED_PREFIX, seal, type MasterKeyring } from "./sealed.js";

/**
 * Seals confidential texts written before sealing existed. A migration cannot do it
 * (migrations import no application code and hold no key), so the server runs this at
 * every start after migrating: idempotent (only unsealed values are touched), in
 * batches, each update naming the old value so a concurrent edit is never overwritten.
 * Returns how many values it sealed.
 */
export async function sealExistingConfidential(db: Kysely<Database>, ring: MasterKeyring): Promise<number> {
  let total = 0;
  for (const field of ["body", "replacement"] as const) {
    for (;;) {
      const rows = await db
        .selectFrom("comment")
        .select(["id", field])
        .where("visibility", "=", "confidential")
        .where(field, "is not", null)
        // A deleted submission's tombstone holds no text.
        .where(field, "!=", "")
        .where(field, "not like", `${SEALED_PREFIX}%`)
        .orderBy("id")
        .limit(REWRAP_BATCH)
        .execute();
      if (rows.length === 0) break;
      await db.transaction().execute(async (tx) => {
        for (const row of rows) {
          const value = row[field] as string;
          await tx.updateTable("comment").set({ [field]: seal(ring, value, `comment:${row.id}:${field}`) }).where("id", "=", row.id).where(field, "=", value).execute();
        }
      });
      total += rows.length;
    }
  }
  for (;;) {
    const rows = await db
      .selectFrom("comment_edit")
      .innerJoin("comment", "comment.id", "comment_edit.comment_id")
      .select(["comment_edit.id", "comment_edit.body"])
      .where("comment.visibility", "=", "confidential")
      .where("comment_edit.body", "not like", `${SEALED_PREFIX}%`)
      .orderBy("comment_edit.id")
      .limit(REWRAP_BATCH)
      .execute();
    if (rows.length === 0) return total;
    await db.transaction().execute(async (tx) => {
      for (const row of rows) {
        await tx.updateTable("comment_edit").set({ body: seal(ring, row.body, `comment_edit:${row.id}:body`) }).where("id", "=", row.id).where("body", "=", row.body).execute();
      }
    });
    total += rows.length;
  }
}
