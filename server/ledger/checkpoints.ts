import type { Db } from "../../db/client.js";
import {
  countWitnessSignatures,
  findCheckpoint,
  findLatestCheckpoint,
  insertCheckpoint,
  insertWitnessSignature,
  listCheckpoints,
  listRecentCheckpoints,
  listWitnessSignatures,
} from "../../db/queries/checkpoint.js";
import type { LedgerCheckpointRow } from "../../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { newId, nowIso } from "../ids.js";
import type { Logger } from "../logger.js";
import { readHead } from "./append.js";
import { PUBLIC_CHAIN } from "./chain.js";
import { keyIdOf, publicKeyFrom, signStatement, statementSignedBy, type SigningKey } from "./signing.js";

/**
 * Signed checkpoints of the public chain's head. Only the public chain is ever
 * signed or served: a team's drafting chain stays private, and its head is
 * already committed to by the public entry that opens the consultation.
 */

/** How many witnesses may co-sign one checkpoint; further ones are refused (409). */
export const WITNESSES_PER_CHECKPOINT_MAX = 50;

export interface WireWitness {
  keyId: string;
  /** Base64 raw 32-byte Ed25519 public key, so anyone can check the co-signature. */
  publicKey: string;
  /** The name the witness gave itself; Margin does not check it. */
  name: string;
  signature: string;
  at: string;
}

/** A checkpoint as the API serves it and verifiers read it. */
export interface WireCheckpoint {
  chain: string;
  seq: number;
  hash: string;
  time: string;
  keyId: string;
  signature: string;
  witnesses: WireWitness[];
}

export interface Checkpointer {
  /** Signs the public head if it moved since this key last signed; never throws (a failure is logged). */
  signHead(): Promise<void>;
  /** Signs every `intervalMs` from now on. */
  start(): void;
  /** Stops the timer and waits for a signing in progress. */
  stop(): Promise<void>;
}

export function createCheckpointer(deps: { db: Db; key: SigningKey; intervalMs: number; logger: Logger }): Checkpointer {
  const { db, key, logger } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  async function signOnce(): Promise<void> {
    const head = await readHead(db.kysely, PUBLIC_CHAIN);
    if (!head) return;
    const last = await findLatestCheckpoint(db.kysely, PUBLIC_CHAIN);
    if (last && last.key_id === key.info.keyId && last.seq >= head.seq) return;
    const statement = { chain: PUBLIC_CHAIN, seq: head.seq, hash: head.hash, time: nowIso() };
    // Another node may sign the same head at the same moment: the unique index keeps one.
    await insertCheckpoint(db.kysely, {
      id: newId(),
      chain: statement.chain,
      seq: statement.seq,
      hash: statement.hash,
      signed_at: statement.time,
      key_id: key.info.keyId,
      signature: signStatement(key.privateKey, statement),
    });
  }

  const signHead = () => {
    // One signing at a time per process; the next waits for the one before.
    running = running.then(() =>
      signOnce().catch((e: unknown) => {
        logger.error("could not sign a ledger checkpoint", { error: e });
      }),
    );
    return running;
  };

  return {
    signHead,
    start() {
      if (timer) return;
      timer = setInterval(() => void signHead(), deps.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

async function withWitnesses(db: Db, rows: LedgerCheckpointRow[]): Promise<WireCheckpoint[]> {
  const witnesses = await listWitnessSignatures(
    db.kysely,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    chain: r.chain,
    seq: r.seq,
    hash: r.hash,
    time: r.signed_at,
    keyId: r.key_id,
    signature: r.signature,
    witnesses: witnesses.filter((w) => w.checkpoint_id === r.id).map((w) => ({ keyId: w.key_id, publicKey: w.public_key, name: w.name, signature: w.signature, at: w.created_at })),
  }));
}

/** The public chain's checkpoints after `after` (a seq), oldest first; `limit + 1` rows are read so the caller can page. */
export async function publicCheckpoints(db: Db, after: number, limit: number): Promise<WireCheckpoint[]> {
  return withWitnesses(db, await listCheckpoints(db.kysely, PUBLIC_CHAIN, after, limit));
}

/** The public chain's newest checkpoints, newest first (feeds, the transparency page). */
export async function recentPublicCheckpoints(db: Db, limit: number): Promise<WireCheckpoint[]> {
  return withWitnesses(db, await listRecentCheckpoints(db.kysely, PUBLIC_CHAIN, limit));
}

export async function latestPublicCheckpoint(db: Db): Promise<WireCheckpoint | null> {
  const row = await findLatestCheckpoint(db.kysely, PUBLIC_CHAIN);
  return row ? (await withWitnesses(db, [row]))[0]! : null;
}

/**
 * Stores a witness's co-signature of the checkpoint at `seq` (signed by this
 * server's current key). The witness signs the same statement the server did;
 * a signature that does not check out is refused and nothing is stored.
 */
export async function addWitnessSignature(db: Db, key: SigningKey, seq: number, input: { publicKey: string; name: string; signature: string }): Promise<WireWitness> {
  const checkpoint = await findCheckpoint(db.kysely, PUBLIC_CHAIN, seq, key.info.keyId);
  if (!checkpoint) throw notFound(`A checkpoint of public entry #${seq}`);
  let witnessKey;
  try {
    witnessKey = publicKeyFrom(input.publicKey);
  } catch {
    throw new AppError("invalid_input", "publicKey is not a valid Ed25519 public key.");
  }
  const statement = { chain: checkpoint.chain, seq: checkpoint.seq, hash: checkpoint.hash, time: checkpoint.signed_at };
  if (!statementSignedBy(witnessKey, statement, input.signature)) {
    throw new AppError(
      "invalid_input",
      `The signature does not check out: sign the canonical JSON of {chain, seq, hash, time} exactly as served for checkpoint #${seq} (time ${checkpoint.signed_at}) with the key you sent.`,
    );
  }
  const keyId = keyIdOf(Buffer.from(input.publicKey, "base64"));
  if (keyId === key.info.keyId) throw new AppError("invalid_input", "That is this server's own key; a witness signs with a key of its own.");
  if ((await countWitnessSignatures(db.kysely, checkpoint.id)) >= WITNESSES_PER_CHECKPOINT_MAX) {
    throw new AppError("conflict", `Checkpoint #${seq} already has ${WITNESSES_PER_CHECKPOINT_MAX} co-signatures, the most one checkpoint keeps; co-sign a later one.`);
  }
  const row = { id: newId(), checkpoint_id: checkpoint.id, key_id: keyId, public_key: input.publicKey, name: input.name, signature: input.signature, created_at: nowIso() };
  // A witness that co-signs the same checkpoint again (a retried run) keeps its first co-signature.
  const stored = (await insertWitnessSignature(db.kysely, row)) ? row : (await listWitnessSignatures(db.kysely, [checkpoint.id])).find((w) => w.key_id === keyId)!;
  return { keyId, publicKey: stored.public_key, name: stored.name, signature: stored.signature, at: stored.created_at };
}
