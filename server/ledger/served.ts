/**
 * What the public record serves, read the same way from the database and from a
 * running server's API, so that `margin verify` can compare it with the ledger.
 * Each part of the record adds its reader here; a source that cannot read a part
 * leaves it out and the check notes that it was not compared.
 */
export interface ServedRecord {
  /** A section's current positions counted by group and stance, as its page shows them. */
  positionCounts?(sectionId: string): Promise<ServedPositionCount[]>;
  /** Database only: every current position row, with the salt of its ledger entry (null when it has none). */
  currentPositions?(): Promise<StoredPosition[]>;
  /** The versions a section's history page lists, with the frozen text each shows. */
  versionSections?(sectionId: string): Promise<ServedVersionSection[]>;
}

export interface ServedPositionCount {
  group: string;
  stance: string;
  n: number;
}

export interface StoredPosition {
  id: string;
  sectionId: string;
  userId: string;
  stance: string;
  group: string;
  /** The salt of the position's ledger entry; null when the position predates the record. */
  salt: string | null;
}

export interface ServedVersionSection {
  number: number;
  seq: number;
  stateHash: string;
  text: string;
}
