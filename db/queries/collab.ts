import type { Kysely, Transaction } from "kysely";
import type { ChangeSetRow, Database, SectionCheckpointRow, SectionUpdateRow } from "../schema.js";

type Q = Kysely<Database> | Transaction<Database>;

/** Drivers hand back Buffers; callers get plain Uint8Arrays. */
function bytes(data: Uint8Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** better-sqlite3 binds Buffers, not bare Uint8Arrays. */
export function toBlob(data: Uint8Array): Uint8Array {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Rows per INSERT statement: five bound values each stays well under SQLite's variable limit. */
export const UPDATE_INSERT_CHUNK = 150;

export async function insertSectionUpdates(db: Q, rows: SectionUpdateRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += UPDATE_INSERT_CHUNK) {
    await db
      .insertInto("section_update")
      .values(rows.slice(i, i + UPDATE_INSERT_CHUNK).map((r) => ({ ...r, data: toBlob(r.data) })))
      .execute();
  }
}

export async function findLatestCheckpoint(db: Q, sectionId: string): Promise<SectionCheckpointRow | undefined> {
  const row = await db
    .selectFrom("section_checkpoint")
    .select(["section_id", "seq", "created_at", "data"])
    .where("section_id", "=", sectionId)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && { ...row, data: bytes(row.data) };
}

export async function listSectionUpdatesAfter(db: Q, sectionId: string, afterSeq: number): Promise<SectionUpdateRow[]> {
  const rows = await db
    .selectFrom("section_update")
    .select(["section_id", "seq", "user_id", "created_at", "data"])
    .where("section_id", "=", sectionId)
    .where("seq", ">", afterSeq)
    .orderBy("seq", "asc")
    .execute();
  return rows.map((r) => ({ ...r, data: bytes(r.data) }));
}

export async function findMaxSectionSeq(db: Q, sectionId: string): Promise<number> {
  const row = await db
    .selectFrom("section_update")
    .select((eb) => eb.fn.max<number | null>("seq").as("seq"))
    .where("section_id", "=", sectionId)
    .executeTakeFirst();
  return row?.seq == null ? 0 : Number(row.seq);
}

export async function insertCheckpoint(db: Q, row: SectionCheckpointRow): Promise<void> {
  await db
    .insertInto("section_checkpoint")
    .values({ ...row, data: toBlob(row.data) })
    .onConflict((oc) => oc.columns(["section_id", "seq"]).doNothing())
    .execute();
}

/** Keeps the newest checkpoints only; older ones are redundant with the log. */
export async function deleteCheckpointsBefore(db: Q, sectionId: string, seq: number): Promise<void> {
  await db.deleteFrom("section_checkpoint").where("section_id", "=", sectionId).where("seq", "<", seq).execute();
}

export async function insertChangeSet(db: Q, row: ChangeSetRow): Promise<void> {
  await db
    .insertInto("change_set")
    .values({ ...row, data: toBlob(row.data) })
    .execute();
}

export async function findLastChangeSet(db: Q, sectionId: string): Promise<Omit<ChangeSetRow, "data"> | undefined> {
  return db
    .selectFrom("change_set")
    .select(["id", "section_id", "seq_from", "seq_to", "authors", "started_at", "ended_at", "state_hash", "inserted", "deleted", "summary", "suggestion_id"])
    .where("section_id", "=", sectionId)
    .orderBy("seq_to", "desc")
    .limit(1)
    .executeTakeFirst();
}

export type ChangeSetSummary = Omit<ChangeSetRow, "data">;

/** Change sets newest first, with keyset paging on seq_to. */
export async function listChangeSets(db: Q, sectionId: string, page: { limit: number; beforeSeq?: number }): Promise<ChangeSetSummary[]> {
  let q = db
    .selectFrom("change_set")
    .select(["id", "section_id", "seq_from", "seq_to", "authors", "started_at", "ended_at", "state_hash", "inserted", "deleted", "summary", "suggestion_id"])
    .where("section_id", "=", sectionId);
  if (page.beforeSeq !== undefined) q = q.where("seq_to", "<", page.beforeSeq);
  return q.orderBy("seq_to", "desc").limit(page.limit).execute();
}
