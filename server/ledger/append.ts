import type { Executor } from "../../db/client.js";
import { sql } from "kysely";
import type { Dialect } from "../../db/client.js";
import type { LedgerKind } from "../../db/schema.js";
import { GENESIS_HASH, PUBLIC_CHAIN, canonical, entryHash, teamChain, type LedgerPayload } from "./chain.js";


export interface LedgerEvent {
  kind: LedgerKind;
  consultationId: string;
  sectionId?: string | null;
  subjectId?: string | null;
  createdAt: string;
  payload: LedgerPayload;
  /** The salt behind any salted digest in the payload (kept private). */
  salt?: string | null;
}

/** An event of the whole site, not of one consultation (organisations): it goes to the public chain by name. */
export type SiteLedgerEvent = Omit<LedgerEvent, "consultationId"> & { consultationId: null };

export interface LedgerHead {
  chain: string;
  seq: number;
  hash: string;
}

/**
 * The chain a consultation's events go to now: its team chain while it is a
 * draft, the public chain from opening on. On PostgreSQL the consultation row
 * is locked, so an opening and a drafting write cannot cross.
 */
export async function chainFor(tx: Executor, dialect: Dialect, consultationId: string): Promise<string> {
  let q = tx.selectFrom("consultation").select("status").where("id", "=", consultationId);
  if (dialect === "postgres") q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new Error(`no consultation ${consultationId}`);
  return row.status === "draft" ? teamChain(consultationId) : PUBLIC_CHAIN;
}

export async function readHead(tx: Executor, chain: string): Promise<LedgerHead | null> {
  const row = await tx
    .selectFrom("ledger_entry")
    .select(["seq", "hash"])
    .where("chain", "=", chain)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { chain, seq: Number(row.seq), hash: row.hash } : null;
}

/**
 * Appends one entry to a chain inside the caller's transaction. SQLite runs one
 * transaction at a time; on PostgreSQL a transaction-scoped advisory lock per
 * chain makes appends from several nodes queue instead of forking the chain.
 */
export async function appendToChain(tx: Executor, dialect: Dialect, chain: string, ev: LedgerEvent | SiteLedgerEvent): Promise<LedgerHead> {
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(hashtext(${chain}))`.execute(tx);
  const head = await readHead(tx, chain);
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const fields = {
    chain,
    seq,
    kind: ev.kind,
    consultationId: ev.consultationId,
    sectionId: ev.sectionId ?? null,
    subjectId: ev.subjectId ?? null,
    createdAt: ev.createdAt,
    payload: ev.payload,
    prevHash,
  };
  const hash = entryHash(fields);
  await tx
    .insertInto("ledger_entry")
    .values({
      chain,
      seq,
      kind: ev.kind,
      consultation_id: fields.consultationId,
      section_id: fields.sectionId,
      subject_id: fields.subjectId,
      created_at: ev.createdAt,
      payload: canonical(ev.payload),
      prev_hash: prevHash,
      hash,
      salt: ev.salt ?? null,
    })
    .execute();
  return { chain, seq, hash };
}

/** Appends to whichever chain the consultation is on now. */
export async function appendLedger(tx: Executor, dialect: Dialect, ev: LedgerEvent): Promise<LedgerHead> {
  return appendToChain(tx, dialect, await chainFor(tx, dialect, ev.consultationId), ev);
}

/** Ledger rows inserted per statement by appendManyLedger: under both databases' limits on bound values. */
const APPEND_CHUNK = 200;

/**
 * Appends several entries of one consultation, in order, inside the caller's
 * transaction: the chain's head is read (and on PostgreSQL locked) once and the
 * rows inserted a chunk per statement, so a group response to thousands of
 * comments costs a few statements per hundred entries instead of three each.
 * The entries are exactly those `appendLedger` would have written one by one.
 */
export async function appendManyLedger(tx: Executor, dialect: Dialect, consultationId: string, events: LedgerEvent[]): Promise<LedgerHead[]> {
  if (events.length === 0) return [];
  const chain = await chainFor(tx, dialect, consultationId);
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(hashtext(${chain}))`.execute(tx);
  const head = await readHead(tx, chain);
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const heads: LedgerHead[] = [];
  const rows = events.map((ev) => {
    if (ev.consultationId !== consultationId) throw new Error("appendManyLedger: entries of one consultation only");
    seq += 1;
    const fields = { chain, seq, kind: ev.kind, consultationId, sectionId: ev.sectionId ?? null, subjectId: ev.subjectId ?? null, createdAt: ev.createdAt, payload: ev.payload, prevHash };
    const hash = entryHash(fields);
    const row = { chain, seq, kind: ev.kind, consultation_id: consultationId, section_id: fields.sectionId, subject_id: fields.subjectId, created_at: ev.createdAt, payload: canonical(ev.payload), prev_hash: prevHash, hash, salt: ev.salt ?? null };
    prevHash = hash;
    heads.push({ chain, seq, hash });
    return row;
  });
  for (let i = 0; i < rows.length; i += APPEND_CHUNK) await tx.insertInto("ledger_entry").values(rows.slice(i, i + APPEND_CHUNK)).execute();
  return heads;
}
