import type { Dialect, Executor } from "../client.js";
import type { WorkingUpdateRow } from "../schema.js";
import { fromBlob, toBlob } from "./collab.js";

// The team-only working copies' logs (ADR 026): what drafters wrote and have not published yet.

const INSERT_CHUNK = 150;

export async function insertWorkingUpdates(db: Executor, rows: WorkingUpdateRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("working_update")
      .values(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, data: toBlob(r.data) })))
      .execute();
  }
}

/** Hands out `n` new working-copy positions for a section (0 only takes the row's lock); returns the last of them. */
export async function reserveWorkingSeqs(db: Executor, sectionId: string, n: number): Promise<number> {
  const row = await db
    .updateTable("section")
    .set((eb) => ({ working_seq: eb("working_seq", "+", n) }))
    .where("id", "=", sectionId)
    .returning("working_seq")
    .executeTakeFirst();
  if (!row) throw new Error(`no section ${sectionId}`);
  return Number(row.working_seq);
}

/** The last working-copy position handed out for a section. */
export async function findWorkingSeq(db: Executor, sectionId: string): Promise<number> {
  const row = await db.selectFrom("section").select("working_seq").where("id", "=", sectionId).executeTakeFirst();
  return Number(row?.working_seq ?? 0);
}

/** The section's unpublished working updates after `afterSeq`, in order. */
export async function listWorkingUpdatesAfter(db: Executor, sectionId: string, afterSeq: number): Promise<WorkingUpdateRow[]> {
  const rows = await db
    .selectFrom("working_update")
    .select(["section_id", "seq", "user_id", "created_at", "data"])
    .where("section_id", "=", sectionId)
    .where("seq", ">", afterSeq)
    .orderBy("seq", "asc")
    .execute();
  return rows.map((r) => ({ ...r, data: fromBlob(r.data) }));
}

/** Removes the published working updates (up to `uptoSeq`); returns how many went. */
export async function deleteWorkingUpdatesUpTo(db: Executor, sectionId: string, uptoSeq: number): Promise<number> {
  const result = await db.deleteFrom("working_update").where("section_id", "=", sectionId).where("seq", "<=", uptoSeq).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Unpublished working updates per section of a consultation (sections with none are left out). */
export async function countWorkingUpdates(db: Executor, consultationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("working_update as w")
    .innerJoin("section as s", "s.id", "w.section_id")
    .select(["w.section_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("s.consultation_id", "=", consultationId)
    .groupBy("w.section_id")
    .execute();
  return new Map(rows.map((r) => [r.section_id, Number(r.n)]));
}

/**
 * The sections (of `sectionIds`) whose consultation no longer takes working-copy
 * writes: drafted live again, or final. On PostgreSQL the consultations' rows are
 * locked (in id order), the same lock a drafting-mode or phase change takes first,
 * so a write and such a change are ordered; SQLite's immediate transactions
 * order them already.
 */
export async function closedWorkingSections(db: Executor, dialect: Dialect, sectionIds: readonly string[]): Promise<Set<string>> {
  if (sectionIds.length === 0) return new Set();
  const sections = await db.selectFrom("section").select(["id", "consultation_id"]).where("id", "in", sectionIds).execute();
  const ids = [...new Set(sections.map((s) => s.consultation_id))].sort();
  if (ids.length === 0) return new Set(sectionIds);
  let q = db.selectFrom("consultation").select(["id", "drafting_mode", "status"]).where("id", "in", ids).orderBy("id");
  if (dialect === "postgres") q = q.forUpdate();
  const open = new Set((await q.execute()).filter((c) => c.drafting_mode === "working" && c.status !== "final").map((c) => c.id));
  const known = new Map(sections.map((s) => [s.id, s.consultation_id]));
  return new Set(sectionIds.filter((id) => !open.has(known.get(id) ?? "")));
}
