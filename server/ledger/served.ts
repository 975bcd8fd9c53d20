import type { KeyObject } from "node:crypto";
import type { WireCheckpoint } from "./checkpoints.js";

/**
 * What the public record serves, read the same way from the database and from a
 * running server's API, so that `margin verify` can compare it with the ledger.
 * Each part of the record adds its reader here; a source that cannot read a part
 * leaves it out and the check notes that it was not compared.
 */
export interface ServedRecord {
  /** The comments anyone may read in a section (published, and withdrawn ones with their response); null when the section is not public. */
  publicComments?(sectionId: string): Promise<ServedComment[] | null>;
  /** Database only: every section that holds a comment, so comments the ledger never named are compared too. */
  commentSections?(): Promise<string[]>;
  /** Database only: the responses that a later one replaced. */
  supersededDispositions?(): Promise<{ id: string; commentId: string }[]>;
  /** A consultation's public moderation log, newest first; `sectionId` is any of its sections (how a server finds it). Null when not public. */
  moderationLog?(consultation: { id: string; sectionId: string }): Promise<ServedModerationAction[] | null>;
  /** Database only: the private salts of entries of these kinds, by `chain#seq` (never served over HTTP). */
  entrySalts?(kinds: readonly string[]): Promise<Map<string, string>>;
  /** Signed checkpoints of the public chain, oldest first, with their co-signatures. */
  checkpoints?(): Promise<WireCheckpoint[]>;
  /** The key checkpoints must be signed with: never read from the record itself; null when none is known. */
  ledgerKey?(): Promise<KeyObject | null>;
}

/** A comment as the public read API shows it. */
export interface ServedComment {
  id: string;
  parentId: string | null;
  kind: string;
  body: string;
  replacement: string | null;
  author: { name: string; organisation: string; group: string };
  createdAt: string;
  withdrawn: boolean;
  disposition: { outcome: string; response: string; at: string } | null;
  /** Database only: the account the row names as author, and the current response's id. */
  authorId?: string;
  dispositionId?: string | null;
}

/** An action in the public moderation log. */
export interface ServedModerationAction {
  id: string;
  commentId: string;
  action: string;
  reason: string | null;
  role: string;
  reports: number | null;
  at: string;
  /** Database only: the team's note, compared with the entry's salted digest. */
  note?: string;
}
