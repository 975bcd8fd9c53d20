import type { Executor } from "../client.js";
import type { LedgerEntryRow } from "../schema.js";


export type PublicLedgerRow = Omit<LedgerEntryRow, "salt">;

/** A chain's entries after `after`, oldest first. The salt column is never read here. */
export async function listLedgerEntries(db: Executor, chain: string, after: number, limit: number): Promise<PublicLedgerRow[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["chain", "seq", "kind", "consultation_id", "section_id", "subject_id", "created_at", "payload", "prev_hash", "hash"])
    .where("chain", "=", chain)
    .where("seq", ">", after)
    .orderBy("seq", "asc")
    .limit(limit)
    .execute();
  // In place: verify reads 100,000 of these, and a copy per row is garbage to collect.
  for (const r of rows) r.seq = Number(r.seq);
  return rows;
}

/** A consultation's public entries of some kinds, newest first (feeds and timelines). */
export async function listConsultationEntries(db: Executor, consultationId: string, kinds: LedgerEntryRow["kind"][], limit: number): Promise<PublicLedgerRow[]> {
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

/** Every chain the ledger holds: "public" and each consultation's drafting chain. */
export async function listChains(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom("ledger_entry").select("chain").distinct().execute();
  return rows.map((r) => r.chain);
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

export async function countLedgerByKind(db: Executor, chain: string): Promise<{ kind: string; n: number }[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
    .where("chain", "=", chain)
    .groupBy("kind")
    .execute();
  return rows.map((r) => ({ kind: r.kind, n: Number(r.n) }));
}

/** The newest entries of a chain, newest first, with the slug and title of their consultation. */
export async function listRecentEntries(db: Executor, chain: string, limit: number) {
  const rows = await db
    .selectFrom("ledger_entry")
    .leftJoin("consultation", "consultation.id", "ledger_entry.consultation_id")
    .select(["ledger_entry.seq", "ledger_entry.kind", "ledger_entry.created_at", "ledger_entry.hash", "consultation.slug", "consultation.title"])
    .where("ledger_entry.chain", "=", chain)
    .orderBy("ledger_entry.seq", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
