import type { Executor } from "../client.js";
import type { LedgerCheckpointRow, WitnessSignatureRow } from "../schema.js";

const CHECKPOINT_COLUMNS = ["id", "chain", "seq", "hash", "signed_at", "key_id", "signature"] as const;

/** Stores a signed head; another node that signed the same head with the same key first wins (returns false). */
export async function insertCheckpoint(db: Executor, row: LedgerCheckpointRow): Promise<boolean> {
  const res = await db
    .insertInto("ledger_checkpoint")
    .values(row)
    .onConflict((oc) => oc.columns(["chain", "seq", "key_id"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A chain's checkpoints after `after` (a seq), oldest first. */
export async function listCheckpoints(db: Executor, chain: string, after: number, limit: number): Promise<LedgerCheckpointRow[]> {
  const rows = await db
    .selectFrom("ledger_checkpoint")
    .select(CHECKPOINT_COLUMNS)
    .where("chain", "=", chain)
    .where("seq", ">", after)
    .orderBy("seq", "asc")
    .orderBy("signed_at", "asc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** A chain's newest checkpoints, newest first. */
export async function listRecentCheckpoints(db: Executor, chain: string, limit: number): Promise<LedgerCheckpointRow[]> {
  const rows = await db.selectFrom("ledger_checkpoint").select(CHECKPOINT_COLUMNS).where("chain", "=", chain).orderBy("seq", "desc").orderBy("signed_at", "desc").limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function findLatestCheckpoint(db: Executor, chain: string): Promise<LedgerCheckpointRow | undefined> {
  const row = await db.selectFrom("ledger_checkpoint").select(CHECKPOINT_COLUMNS).where("chain", "=", chain).orderBy("seq", "desc").orderBy("signed_at", "desc").limit(1).executeTakeFirst();
  return row && { ...row, seq: Number(row.seq) };
}

export async function findCheckpoint(db: Executor, chain: string, seq: number, keyId: string): Promise<LedgerCheckpointRow | undefined> {
  const row = await db.selectFrom("ledger_checkpoint").select(CHECKPOINT_COLUMNS).where("chain", "=", chain).where("seq", "=", seq).where("key_id", "=", keyId).executeTakeFirst();
  return row && { ...row, seq: Number(row.seq) };
}

export async function countWitnessSignatures(db: Executor, checkpointId: string): Promise<number> {
  const row = await db.selectFrom("witness_signature").select((eb) => eb.fn.countAll<number>().as("n")).where("checkpoint_id", "=", checkpointId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Stores a co-signature; the same witness key signing the same checkpoint twice keeps the first (returns false). */
export async function insertWitnessSignature(db: Executor, row: WitnessSignatureRow): Promise<boolean> {
  const res = await db
    .insertInto("witness_signature")
    .values(row)
    .onConflict((oc) => oc.columns(["checkpoint_id", "key_id"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The co-signatures of some checkpoints, oldest first. */
export async function listWitnessSignatures(db: Executor, checkpointIds: string[]): Promise<WitnessSignatureRow[]> {
  if (checkpointIds.length === 0) return [];
  return db
    .selectFrom("witness_signature")
    .select(["id", "checkpoint_id", "key_id", "public_key", "name", "signature", "created_at"])
    .where("checkpoint_id", "in", checkpointIds)
    .orderBy("created_at", "asc")
    .execute();
}
