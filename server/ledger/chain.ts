import * as nodeCrypto from "node:crypto";
import { createHash, randomBytes } from "node:crypto";
import canonicalize from "canonicalize";
import type { LedgerKind } from "../../db/schema.js";

/**
 * The ledger's hashing rules, shared by the writer and `margin verify`.
 * An entry's hash is SHA-256 over the canonical JSON (RFC 8785) of every
 * column that says something, including the previous entry's hash.
 */

/** The `prev_hash` of a chain's first entry. */
export const GENESIS_HASH = "0".repeat(64);
export const PUBLIC_CHAIN = "public";
const TEAM_PREFIX = "team:";

/** The chain a consultation's drafting goes to before it opens. */
export function teamChain(consultationId: string): string {
  return `${TEAM_PREFIX}${consultationId}`;
}

export function isTeamChain(chain: string): boolean {
  return chain.startsWith(TEAM_PREFIX);
}

export type LedgerPayload = Record<string, unknown>;

export interface HashedFields {
  chain: string;
  seq: number;
  kind: LedgerKind;
  consultationId: string | null;
  sectionId: string | null;
  subjectId: string | null;
  createdAt: string;
  payload: LedgerPayload;
  prevHash: string;
}

export function canonical(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new Error("value has no canonical JSON form");
  return out;
}

/**
 * Node's one-shot hash (20.12 on) costs a fraction of createHash for short
 * inputs, which is what verify hashes 100,000 times; Node 20.11 falls back.
 */
const oneShotHash = (nodeCrypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: "hex") => string }).hash;

export function sha256Hex(data: string | Uint8Array): string {
  return oneShotHash ? oneShotHash("sha256", data, "hex") : createHash("sha256").update(data).digest("hex");
}

export function entryHash(f: HashedFields): string {
  return sha256Hex(
    canonical({
      chain: f.chain,
      seq: f.seq,
      kind: f.kind,
      consultationId: f.consultationId,
      sectionId: f.sectionId,
      subjectId: f.subjectId,
      createdAt: f.createdAt,
      payload: f.payload,
      prev: f.prevHash,
    }),
  );
}

/**
 * Whether an entry's hash is right, the quick way first. The writer stores each
 * payload in canonical key order, and JSON parsing and serialising keep that
 * order, so JSON.stringify almost always gives the canonical text itself. When
 * the quick hash matches, its input is the writer's canonical input (SHA-256
 * does not collide), so the full canonicalisation would agree; only a mismatch
 * pays for the full one. The answer is the same as `entryHash(f) === hash`
 * (`payloadJson`, when given, must be the text `payload` was parsed from).
 */
export function hashMatches(f: HashedFields & { payloadJson?: string }, hash: string): boolean {
  return quickEntryHash(f) === hash || entryHash(f) === hash;
}

/**
 * The canonical input built by hand: the keys in their sorted order, the
 * payload as stored (when the source has its text) or as it serialises.
 */
function quickEntryHash(f: HashedFields & { payloadJson?: string }): string {
  const s = JSON.stringify;
  return sha256Hex(
    `{"chain":${s(f.chain)},"consultationId":${s(f.consultationId)},"createdAt":${s(f.createdAt)},"kind":${s(f.kind)},"payload":${f.payloadJson ?? s(f.payload)},"prev":${s(f.prevHash)},"sectionId":${s(f.sectionId)},"seq":${s(f.seq)},"subjectId":${s(f.subjectId)}}`,
  );
}

/** A fresh salt for an entry's private digests. */
export function newSalt(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Commits to text the public must not read (a hidden or confidential comment):
 * whoever holds the text and the salt can show it matches; nobody can guess it.
 */
export function saltedDigest(salt: string, text: string): string {
  return sha256Hex(`${salt}\n${text}`);
}
