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
  /** Database only: the words of every comment the public may not read, to compare with the ledger's salted digests (body null: sealed, and this process holds no data key). */
  privateCommentTexts?(): Promise<{ id: string; body: string | null; replacement: string | null }[]>;
  /** Database only: the private salts of entries of these kinds, by `chain#seq` (never served over HTTP). */
  entrySalts?(kinds: readonly string[]): Promise<Map<string, string>>;
  /** Signed checkpoints of the public chain, oldest first, with their co-signatures. */
  checkpoints?(): Promise<WireCheckpoint[]>;
  /** The key checkpoints must be signed with: never read from the record itself; null when none is known. */
  ledgerKey?(): Promise<KeyObject | null>;
  /** A consultation's title, summary, dates and moderation mode as its page and API serve them; null when it is not served. */
  consultationSettings?(ref: { consultationId: string; slug: string }): Promise<ServedSettings | null>;
  /** A version's frozen response report, byte for byte; null when no frozen copy is served. */
  frozenReport?(ref: FrozenReportRef): Promise<string | null>;
  /** Every frozen report held (the database only), so one the ledger does not cover is caught. */
  frozenReports?(): Promise<{ consultationId: string; versionId: string }[]>;
  /** A consultation's team with the salts of its membership entries (the database only: the team list is not public). */
  team?(consultationId: string): Promise<ServedTeam>;
  /** A section's current positions counted by group and stance, as its page shows them. */
  positionCounts?(sectionId: string): Promise<ServedPositionCount[]>;
  /** Database only: every current position row, with the salt of its ledger entry (null when it has none). */
  currentPositions?(): Promise<StoredPosition[]>;
  /** The versions a section's history page lists, with the frozen text each shows. */
  versionSections?(sectionId: string): Promise<ServedVersionSection[]>;
  /** Database only: every registered organisation, with its verification (issue 14). */
  organisations?(): Promise<{ id: string; slug: string; name: string; kind: string; verified: boolean; evidence: string | null }[]>;
  /** Database only: the recipient bodies each consultation names for its confidential submissions, by address (ADR 019). */
  consultationRecipients?(): Promise<Map<string, string[]>>;
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
  /** Database only: the author's publication choice as stored. */
  publication?: string;
  /** Database only: what the current response links to, and who decided it. */
  dispositionLinks?: { versionId: string | null; changeSetIds: string[]; decidedBy: string | null } | null;
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

export interface ServedTeam {
  members: { userId: string; role: string }[];
  /** Salts of the membership entries, by "chain#seq". */
  salts: Map<string, string>;
  /** Every account id, to recognise a former member. */
  accounts(): Promise<string[]>;
}

export interface ServedSettings {
  /** draft, open, closed or final: what the last phase change made it. */
  status: string;
  title: string;
  summary: string;
  opensAt: string | null;
  closesAt: string | null;
  moderationMode: string;
  /** Served by the API since issue 15; undefined from an older server (then not compared). */
  contentLanguage?: string;
  timeZone?: string;
  /** Served since issue 17 (ADR 026); undefined from an older server. */
  draftingMode?: string;
  /** Database only (the API does not serve them). */
  premoderateFirstPosts?: boolean;
  showModeratorNames?: boolean;
}

export interface FrozenReportRef {
  consultationId: string;
  slug: string;
  versionId: string;
  versionNumber: number;
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
  /** The reason given with it (shown only to its author): compared with the entry's salted digest. */
  rationale: string;
  /** The salt of the position's ledger entry; null when the position predates the record. */
  salt: string | null;
}

export interface ServedVersionSection {
  number: number;
  seq: number;
  stateHash: string;
  text: string;
}
