import type { Kysely, Transaction } from "kysely";
import type { Database, LedgerEntryRow } from "../schema.js";

type Q = Kysely<Database> | Transaction<Database>;

export type PublicLedgerRow = Omit<LedgerEntryRow, "salt">;

/** A chain's entries after `after`, oldest first. The salt column is never read here. */
export async function listLedgerEntries(db: Q, chain: string, after: number, limit: number): Promise<PublicLedgerRow[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["chain", "seq", "kind", "consultation_id", "section_id", "subject_id", "created_at", "payload", "prev_hash", "hash"])
    .where("chain", "=", chain)
    .where("seq", ">", after)
    .orderBy("seq", "asc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** A consultation's public entries of some kinds, newest first (feeds and timelines). */
export async function listConsultationEntries(db: Q, consultationId: string, kinds: LedgerEntryRow["kind"][], limit: number): Promise<PublicLedgerRow[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["chain", "seq", "kind", "consultation_id", "section_id", "subject_id", "created_at", "payload", "prev_hash", "hash"])
    .where("chain", "=", "public")
    .where("consultation_id", "=", consultationId)
    .where("kind", "in", kinds)
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function countLedgerEntries(db: Q, chain: string): Promise<number> {
  const row = await db.selectFrom("ledger_entry").select((eb) => eb.fn.countAll<number>().as("n")).where("chain", "=", chain).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The wire form of an entry: what the API serves and `margin verify` checks. */
export function toWireEntry(r: PublicLedgerRow) {
  return {
    chain: r.chain,
    seq: r.seq,
    kind: r.kind,
    consultationId: r.consultation_id,
    sectionId: r.section_id,
    subjectId: r.subject_id,
    createdAt: r.created_at,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export async function countLedgerByKind(db: Q, chain: string): Promise<{ kind: string; n: number }[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
    .where("chain", "=", chain)
    .groupBy("kind")
    .execute();
  return rows.map((r) => ({ kind: r.kind, n: Number(r.n) }));
}

/** The newest entries of a chain, newest first. */
export async function listRecentEntries(db: Q, chain: string, limit: number): Promise<PublicLedgerRow[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["chain", "seq", "kind", "consultation_id", "section_id", "subject_id", "created_at", "payload", "prev_hash", "hash"])
    .where("chain", "=", chain)
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
