import type { Kysely } from "kysely";
import * as Y from "yjs";

// Frozen in time: this file must not import application code.

/** The Yjs encodings a section checkpoint may be stored in (ADR 041). */
const V1 = 1;
const V2 = 2;

/**
 * Section checkpoints say which Yjs update encoding their data is in (ADR 041):
 * every checkpoint stored so far is V1, and new ones are V2, which stores the
 * structure of deleted text in about a third of the bytes. Nothing is rewritten
 * on the way up: a V1 checkpoint still loads, and the next one written is V2.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("section_checkpoint").addColumn("format", "integer", (c) => c.notNull().defaultTo(V1)).execute();
}

/** Down converts V2 checkpoints back to V1, so the older code reads every checkpoint it finds. */
export async function down(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom("section_checkpoint").select(["section_id", "seq", "data"]).where("format", "=", V2).execute();
  for (const r of rows) {
    const data = new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
    await db
      .updateTable("section_checkpoint")
      .set({ data: Buffer.from(Y.convertUpdateFormatV2ToV1(data)), format: V1 })
      .where("section_id", "=", r.section_id)
      .where("seq", "=", r.seq)
      .execute();
  }
  await db.schema.alterTable("section_checkpoint").dropColumn("format").execute();
}
