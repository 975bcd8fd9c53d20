import type { HashedFields } from "./chain.js";
import type { ServedRecord } from "./served.js";

/**
 * What `margin verify` reads, from the database or a server's API. Kept apart
 * from verify.ts so that the record checks can name these types without an
 * import circle (verify.ts runs the checks).
 */

/**
 * An entry as the API serves it and the verifier reads it: the hashed fields and
 * the hash. From the database, `payloadJson` is the payload's stored text (what
 * `payload` was parsed from): hashing it saves serialising again.
 */
export type WireEntry = HashedFields & { hash: string; payloadJson?: string };

export interface WireChangeSet {
  id: string;
  seqFrom: number;
  seqTo: number;
  stateHash: string;
  data: Uint8Array;
}

export interface WireSectionHistory {
  /** The state the public history starts from (drafting before opening), or null when replaying from empty. */
  baseline: { seq: number; update: Uint8Array } | null;
  changeSets: WireChangeSet[];
  current: { seq: number; contentHash: string; text: string } | null;
}

/**
 * Where a source reads from, in a form another thread can open again: verify
 * replays section histories in a worker thread from it (ADR 042).
 */
export type SourceAddress = { kind: "database"; url: string } | { kind: "http"; url: string };

export interface LedgerSource {
  describe: string;
  /** Absent when the source cannot be opened again elsewhere (an injected fetch, an in-memory database). */
  address?: SourceAddress;
  chains(): Promise<string[]>;
  entries(chain: string): AsyncIterable<WireEntry[]>;
  sectionHistory(sectionId: string): Promise<WireSectionHistory>;
  /** What the pages and API serve of the record, for the record checks. */
  served: ServedRecord;
}
