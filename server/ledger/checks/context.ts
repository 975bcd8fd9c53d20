import type { LedgerKind } from "../../../db/schema.js";
import type { LedgerSource, WireEntry } from "../wire.js";

/**
 * What every check of the served record is given. The chain walk has already
 * proved the entries link and hash correctly; a record check compares what the
 * pages and API serve (or the database holds) with what the entries say.
 */
export interface CheckContext {
  source: LedgerSource;
  /** Every entry read, chain by chain (public first), each chain in order. */
  entries: WireEntry[];
  /** The entries of one kind, in the same order. */
  byKind(kind: LedgerKind): WireEntry[];
  /**
   * The text the replayed history had at a version's frozen update `seq`, or
   * undefined when the replay did not pass through it (a section without history).
   */
  replayedText(sectionId: string, seq: number): Promise<string | undefined>;
  /** Adds a line to the report that is not a failure (something not checked, say). */
  note(text: string): void;
}

/** Thrown by a check at the first mismatch: the message names the entry or the row. */
export class RecordMismatch extends Error {}

/** How a report names an entry: "public #12 (submission 01J…)". */
export function entryName(e: WireEntry): string {
  return `${e.chain} #${e.seq} (${e.kind}${e.subjectId ? ` ${e.subjectId}` : ""})`;
}

export type RecordCheck = (ctx: CheckContext) => Promise<void>;
