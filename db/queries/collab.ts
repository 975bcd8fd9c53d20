import type { Executor } from "../client.js";
import type { ChangeSetRow,  NewSectionUpdateRow, SectionCheckpointRow, SectionUpdateRow } from "../schema.js";


/** Drivers hand back Buffers; callers get plain Uint8Arrays. */
export function fromBlob(data: Uint8Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** better-sqlite3 binds Buffers, not bare Uint8Arrays. */
export function toBlob(data: Uint8Array): Uint8Array {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Rows per INSERT statement: five bound values each stays well under SQLite's variable limit. */
const UPDATE_INSERT_CHUNK = 150;

export async function insertSectionUpdates(db: Executor, rows: NewSectionUpdateRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += UPDATE_INSERT_CHUNK) {
    await db
      .insertInto("section_update")
      .values(rows.slice(i, i + UPDATE_INSERT_CHUNK).map((r) => ({ ...r, data: toBlob(r.data) })))
      .execute();
  }
}

/** Hands out `n` new log positions for a section; returns the last of them. */
export async function reserveSeqs(db: Executor, sectionId: string, n: number): Promise<number> {
  const row = await db
    .updateTable("section")
    .set((eb) => ({ last_seq: eb("last_seq", "+", n) }))
    .where("id", "=", sectionId)
    .returning("last_seq")
    .executeTakeFirst();
  if (!row) throw new Error(`no section ${sectionId}`);
  return Number(row.last_seq);
}

/** The section's last log position (raised with every append, in its transaction); null when there is no such section. */
export async function sectionLastSeq(db: Executor, sectionId: string): Promise<number | null> {
  const row = await db.selectFrom("section").select("last_seq").where("id", "=", sectionId).executeTakeFirst();
  return row ? Number(row.last_seq) : null;
}

export async function findLatestCheckpoint(db: Executor, sectionId: string): Promise<SectionCheckpointRow | undefined> {
  const row = await db
    .selectFrom("section_checkpoint")
    .select(["section_id", "seq", "created_at", "data", "format"])
    .where("section_id", "=", sectionId)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && { ...row, data: fromBlob(row.data) };
}

/** The newest checkpoint at or before `seq`. */
export async function findCheckpointAtOrBefore(db: Executor, sectionId: string, seq: number): Promise<SectionCheckpointRow | undefined> {
  const row = await db
    .selectFrom("section_checkpoint")
    .select(["section_id", "seq", "created_at", "data", "format"])
    .where("section_id", "=", sectionId)
    .where("seq", "<=", seq)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && { ...row, data: fromBlob(row.data) };
}

/** Updates in (afterSeq, uptoSeq], in order. */
export async function listSectionUpdatesBetween(db: Executor, sectionId: string, afterSeq: number, uptoSeq: number): Promise<SectionUpdateRow[]> {
  const rows = await db
    .selectFrom("section_update")
    .select(["section_id", "seq", "user_id", "created_at", "data", "suggestion_id", "credit"])
    .where("section_id", "=", sectionId)
    .where("seq", ">", afterSeq)
    .where("seq", "<=", uptoSeq)
    .orderBy("seq", "asc")
    .execute();
  return rows.map((r) => ({ ...r, data: fromBlob(r.data) }));
}

/** Seq ranges per query when reading several stretches of the log: two bound values each. */
const RANGES_PER_QUERY = 200;

/** The updates in each of the ranges (after, upto] (not overlapping), in log order: sender and bytes only. */
export async function listSectionUpdatesInRanges(db: Executor, sectionId: string, ranges: { after: number; upto: number }[]): Promise<{ seq: number; user_id: string | null; data: Uint8Array }[]> {
  const out: { seq: number; user_id: string | null; data: Uint8Array }[] = [];
  for (let i = 0; i < ranges.length; i += RANGES_PER_QUERY) {
    const chunk = ranges.slice(i, i + RANGES_PER_QUERY);
    const rows = await db
      .selectFrom("section_update")
      .select(["seq", "user_id", "data"])
      .where("section_id", "=", sectionId)
      .where((eb) => eb.or(chunk.map((r) => eb.and([eb("seq", ">", r.after), eb("seq", "<=", r.upto)]))))
      .orderBy("seq", "asc")
      .execute();
    for (const r of rows) out.push({ ...r, data: fromBlob(r.data) });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

export async function listSectionUpdatesAfter(db: Executor, sectionId: string, afterSeq: number): Promise<SectionUpdateRow[]> {
  const rows = await db
    .selectFrom("section_update")
    .select(["section_id", "seq", "user_id", "created_at", "data", "suggestion_id", "credit"])
    .where("section_id", "=", sectionId)
    .where("seq", ">", afterSeq)
    .orderBy("seq", "asc")
    .execute();
  return rows.map((r) => ({ ...r, data: fromBlob(r.data) }));
}

export async function insertCheckpoint(db: Executor, row: SectionCheckpointRow): Promise<void> {
  await db
    .insertInto("section_checkpoint")
    .values({ ...row, data: toBlob(row.data) })
    .onConflict((oc) => oc.columns(["section_id", "seq"]).doNothing())
    .execute();
}

/** Keeps the newest checkpoints only; older ones are redundant with the log. */
export async function deleteCheckpointsBefore(db: Executor, sectionId: string, seq: number): Promise<void> {
  await db.deleteFrom("section_checkpoint").where("section_id", "=", sectionId).where("seq", "<", seq).execute();
}

export async function insertChangeSet(db: Executor, row: ChangeSetRow): Promise<void> {
  await db
    .insertInto("change_set")
    .values({ ...row, data: toBlob(row.data) })
    .execute();
}

const SUMMARY_COLUMNS = ["id", "section_id", "seq_from", "seq_to", "authors", "started_at", "ended_at", "state_hash", "inserted", "deleted", "summary", "suggestion_id", "public"] as const;

export async function findLastChangeSet(db: Executor, sectionId: string): Promise<Omit<ChangeSetRow, "data"> | undefined> {
  return db
    .selectFrom("change_set")
    .select(SUMMARY_COLUMNS)
    .where("section_id", "=", sectionId)
    .orderBy("seq_to", "desc")
    .limit(1)
    .executeTakeFirst();
}

export type ChangeSetSummary = Omit<ChangeSetRow, "data">;

/** Change sets newest first, with keyset paging on seq_to; `publicOnly` leaves out drafting before opening. */
export async function listChangeSets(db: Executor, sectionId: string, page: { limit: number; beforeSeq?: number; publicOnly?: boolean }): Promise<ChangeSetSummary[]> {
  let q = db
    .selectFrom("change_set")
    .select(SUMMARY_COLUMNS)
    .where("section_id", "=", sectionId);
  if (page.beforeSeq !== undefined) q = q.where("seq_to", "<", page.beforeSeq);
  if (page.publicOnly) q = q.where("public", "=", 1);
  return q.orderBy("seq_to", "desc").limit(page.limit).execute();
}

/** Change sets with their updates, oldest first, up to and including `uptoSeq`: what a replay reads. */
export async function listChangeSetsForReplay(db: Executor, sectionId: string, uptoSeq?: number, afterSeq?: number): Promise<ChangeSetRow[]> {
  let q = db.selectFrom("change_set").selectAll().where("section_id", "=", sectionId);
  if (uptoSeq !== undefined) q = q.where("seq_to", "<=", uptoSeq);
  if (afterSeq !== undefined) q = q.where("seq_to", ">", afterSeq);
  const rows = await q.orderBy("seq_to", "asc").execute();
  return rows.map((r) => ({ ...r, data: fromBlob(r.data) }));
}

/** Whether change set `id` of the section is still there and ends at `seqTo` (a cached replay point is still good). */
export async function changeSetEndsAt(db: Executor, sectionId: string, id: string, seqTo: number): Promise<boolean> {
  const row = await db.selectFrom("change_set").select("seq_to").where("id", "=", id).where("section_id", "=", sectionId).executeTakeFirst();
  return row !== undefined && Number(row.seq_to) === seqTo;
}

/**
 * What verifying a section's history reads of its change sets: the updates and
 * what the ledger records of each, oldest first. Only these columns: the rest
 * (authors, summaries) would double the cost of reading 100,000 change sets.
 */
export async function listChangeSetUpdates(db: Executor, sectionId: string) {
  const rows = await db.selectFrom("change_set").select(["id", "seq_from", "seq_to", "state_hash", "data"]).where("section_id", "=", sectionId).orderBy("seq_to", "asc").execute();
  return rows.map((r) => ({ id: r.id, seqFrom: r.seq_from, seqTo: r.seq_to, stateHash: r.state_hash, data: fromBlob(r.data) }));
}

/** The last change-set boundary at or before `seq` (a point in the history). */
export async function findChangeSetAtOrBefore(db: Executor, sectionId: string, seq: number) {
  return db
    .selectFrom("change_set")
    .select(["seq_to", "ended_at"])
    .where("section_id", "=", sectionId)
    .where("seq_to", "<=", seq)
    .orderBy("seq_to", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The change set that applied an accepted suggestion. */
export async function findChangeSetOfSuggestion(db: Executor, suggestionId: string): Promise<string | null> {
  const row = await db.selectFrom("change_set").select("id").where("suggestion_id", "=", suggestionId).executeTakeFirst();
  return row?.id ?? null;
}

/** The last log position drafted before the consultation opened (0 if none): where the public history starts. */
export async function findPublicBaseSeq(db: Executor, sectionId: string): Promise<number> {
  const row = await db
    .selectFrom("change_set")
    .select((eb) => eb.fn.max<number | null>("seq_to").as("seq"))
    .where("section_id", "=", sectionId)
    .where("public", "=", 0)
    .executeTakeFirst();
  return row?.seq == null ? 0 : Number(row.seq);
}
