import type { Executor } from "../client.js";
import type { FrozenReportRow, LedgerKind } from "../schema.js";
import { type PublicLedgerRow } from "./ledger.js";

/** The frozen response reports (issue 13): one per public version of a final consultation. */

export async function insertFrozenReport(db: Executor, row: FrozenReportRow): Promise<void> {
  await db.insertInto("frozen_report").values(row).execute();
}

export async function findFrozenReport(db: Executor, consultationId: string, versionId: string): Promise<FrozenReportRow | undefined> {
  return db
    .selectFrom("frozen_report")
    .select(["consultation_id", "version_id", "body", "hash", "created_at"])
    .where("consultation_id", "=", consultationId)
    .where("version_id", "=", versionId)
    .executeTakeFirst();
}

/** Every frozen report, for `margin verify` (bodies included: each is hashed). */
export async function listFrozenReports(db: Executor): Promise<FrozenReportRow[]> {
  return db
    .selectFrom("frozen_report")
    .select(["consultation_id", "version_id", "body", "hash", "created_at"])
    .orderBy("created_at", "asc")
    .orderBy("version_id", "asc")
    .execute();
}

const ENTRY_COLUMNS = ["chain", "seq", "kind", "consultation_id", "section_id", "subject_id", "created_at", "payload", "prev_hash", "hash"] as const;

/** The public entry that froze a version's report. */
export async function findReportFrozenEntry(db: Executor, consultationId: string, versionId: string): Promise<PublicLedgerRow | undefined> {
  const row = await db
    .selectFrom("ledger_entry")
    .select(ENTRY_COLUMNS)
    .where("chain", "=", "public")
    .where("kind", "=", "report_frozen")
    .where("consultation_id", "=", consultationId)
    .where("subject_id", "=", versionId)
    .executeTakeFirst();
  return row && { ...row, seq: Number(row.seq) };
}

/** A consultation's public entries of one kind after `afterSeq`, oldest first. */
export async function listConsultationEntriesAfter(db: Executor, consultationId: string, kind: LedgerKind, afterSeq: number): Promise<PublicLedgerRow[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(ENTRY_COLUMNS)
    .where("chain", "=", "public")
    .where("consultation_id", "=", consultationId)
    .where("kind", "=", kind)
    .where("seq", ">", afterSeq)
    .orderBy("seq", "asc")
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
