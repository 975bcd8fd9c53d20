/**
 * What the public record serves, read the same way from the database and from a
 * running server's API, so that `margin verify` can compare it with the ledger.
 * Each part of the record adds its reader here; a source that cannot read a part
 * leaves it out and the check notes that it was not compared.
 */
export interface ServedRecord {
  /** A consultation's title, summary, dates and moderation mode as its page and API serve them; null when it is not served. */
  consultationSettings?(ref: { consultationId: string; slug: string }): Promise<ServedSettings | null>;
  /** A version's frozen response report, byte for byte; null when no frozen copy is served. */
  frozenReport?(ref: FrozenReportRef): Promise<string | null>;
  /** Every frozen report held (the database only), so one the ledger does not cover is caught. */
  frozenReports?(): Promise<{ consultationId: string; versionId: string }[]>;
  /** A consultation's team with the salts of its membership entries (the database only: the team list is not public). */
  team?(consultationId: string): Promise<ServedTeam>;
}

export interface ServedTeam {
  members: { userId: string; role: string }[];
  /** Salts of the membership entries, by "chain#seq". */
  salts: Map<string, string>;
  /** Every account id, to recognise a former member. */
  accounts(): Promise<string[]>;
}

export interface ServedSettings {
  title: string;
  summary: string;
  opensAt: string | null;
  closesAt: string | null;
  moderationMode: string;
}

export interface FrozenReportRef {
  consultationId: string;
  slug: string;
  versionId: string;
  versionNumber: number;
}
