import type { Executor } from "../client.js";
import type { NewSectionRow, SectionRow } from "../schema.js";


const COLUMNS = [
  "id",
  "consultation_id",
  "position",
  "title",
  "created_at",
  "updated_at",
  "last_seq",
  "working_seq",
] as const;

export type SectionSummary = Pick<SectionRow, "id" | "consultation_id" | "position" | "title">;

export async function insertSection(db: Executor, row: NewSectionRow): Promise<void> {
  await db.insertInto("section").values(row).execute();
}

export async function findSectionById(db: Executor, id: string): Promise<SectionRow | undefined> {
  return db.selectFrom("section").select(COLUMNS).where("id", "=", id).executeTakeFirst();
}

export async function listSectionSummaries(db: Executor, consultationId: string): Promise<SectionSummary[]> {
  return db
    .selectFrom("section")
    .select(["id", "consultation_id", "position", "title"])
    .where("consultation_id", "=", consultationId)
    .orderBy("position", "asc")
    .execute();
}

/** When a consultation's sections last changed (added or renamed); null without sections. */
export async function findSectionsChangedAt(db: Executor, consultationId: string): Promise<string | null> {
  const row = await db
    .selectFrom("section")
    .select((eb) => eb.fn.max<string | null>("updated_at").as("at"))
    .where("consultation_id", "=", consultationId)
    .executeTakeFirst();
  return row?.at ?? null;
}

export async function findMaxSectionPosition(db: Executor, consultationId: string): Promise<number> {
  const row = await db
    .selectFrom("section")
    .select((eb) => eb.fn.max<number | null>("position").as("p"))
    .where("consultation_id", "=", consultationId)
    .executeTakeFirst();
  return row?.p == null ? 0 : Number(row.p);
}

export async function updateSectionTitle(db: Executor, id: string, title: string, at: string): Promise<void> {
  await db.updateTable("section").set({ title, updated_at: at }).where("id", "=", id).execute();
}

export async function updateSectionPosition(db: Executor, id: string, position: number): Promise<void> {
  await db.updateTable("section").set({ position }).where("id", "=", id).execute();
}

export async function deleteSection(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("section").where("id", "=", id).execute();
}
