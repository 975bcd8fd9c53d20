import type { KeyObject } from "node:crypto";
import type { WireCheckpoint } from "./checkpoints.js";

/**
 * What the public record serves, read the same way from the database and from a
 * running server's API, so that `margin verify` can compare it with the ledger.
 * Each part of the record adds its reader here; a source that cannot read a part
 * leaves it out and the check notes that it was not compared.
 */
export interface ServedRecord {
  /** Signed checkpoints of the public chain, oldest first, with their co-signatures. */
  checkpoints?(): Promise<WireCheckpoint[]>;
  /** The key checkpoints must be signed with: never read from the record itself; null when none is known. */
  ledgerKey?(): Promise<KeyObject | null>;
}
