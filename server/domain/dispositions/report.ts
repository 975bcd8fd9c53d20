import type { Db, Executor } from "../../../db/client.js";
import { PUBLIC_VIEWER } from "../../../db/queries/comment.js";
import { listConfidentialSubmissionTimes, listCurrentDispositions, listTopLevelComments, listVersions } from "../../../db/queries/history.js";
import { listSectionSummaries } from "../../../db/queries/section.js";
import { DISPOSITION_LABEL } from "../../../common/labels.js";
import type { CommentRow, ConsultationRow, DispositionOutcome, VersionRow } from "../../../db/schema.js";
import type { ConsultationView } from "../../auth/access.js";
import { notFound } from "../../errors.js";
import { csvFile } from "../../text/csv.js";
import { verifiedOrganisationsOf } from "../organisations/index.js";
import { shownAuthorWithBadge, type OrganisationBadge, type ShownAuthor } from "../shown-author.js";

const OUTCOME_LABEL = DISPOSITION_LABEL;

export interface ReportRow {
  commentId: string;
  sectionId: string;
  sectionTitle: string;
  kind: CommentRow["kind"];
  createdAt: string;
  /** `verifiedOrganisation` (issue 14) is absent from reports frozen before organisations existed. */
  author: ShownAuthor & { verifiedOrganisation?: OrganisationBadge | null };
  quote: string | null;
  body: string;
  replacement: string | null;
  outcome: DispositionOutcome | null;
  response: string | null;
  respondedAt: string | null;
  changeSetIds: string[];
  answeredInVersion: number | null;
  /** Its author withdrew it after the response: the words are gone, the entry and the response stay. */
  withdrawn: boolean;
}

/** The JSON report's format marker, described by docs/schemas/margin-report-1.schema.json. */
export const REPORT_FORMAT = "margin-report/1";

/**
 * The report as its JSON download serves it. When the consultation becomes
 * final this is what is frozen: its canonical JSON is stored and its SHA-256
 * goes into the ledger.
 */
export interface ReportDocument {
  /** Absent only from reports frozen before issue 19 (served byte for byte as frozen). */
  format: typeof REPORT_FORMAT;
  /** The consultation's address. */
  consultation: string;
  version: { number: number; name: string; publishedAt: string };
  /** The next public version, which ends this one's comment window. */
  until: { number: number; publishedAt: string } | null;
  totals: Record<DispositionOutcome | "open", number>;
  /** Confidential submissions are counted, never listed. */
  confidentialSubmissions: number;
  sections: { id: string; title: string; rows: ReportRow[] }[];
}

export interface ReportFilter {
  outcome?: DispositionOutcome | "open";
  sectionId?: string;
  group?: string;
  kind?: CommentRow["kind"];
}

/**
 * The "response to comments" report for a version, as anyone may read it: every
 * public comment and suggestion made against it (from its publication until the
 * next version's), grouped by section, with the team's current disposition.
 * `versions` are the versions whose windows count (the public ones for the
 * public). Undefined when there is no such version.
 */
export async function buildReport(
  db: Executor,
  consultation: Pick<ConsultationRow, "id" | "slug">,
  versions: VersionRow[],
  number: number,
): Promise<ReportDocument | undefined> {
  if (!versions.some((v) => v.number === number)) return undefined;
  return assembleReport(await reportInputs(db, consultation.id), consultation, versions, number);
}

type ReportInputs = Awaited<ReturnType<typeof reportInputs>>;

/** What every version's report is cut from: read once, so several versions' reports cost one read. */
async function reportInputs(db: Executor, consultationId: string) {
  // The report is public whoever reads it: confidential submissions are counted, never listed.
  const comments = await listTopLevelComments(db, consultationId, PUBLIC_VIEWER, { withDeleted: true });
  const verified = await verifiedOrganisationsOf(db, comments.map((c) => c.author_id));
  const confidentialTimes = await listConfidentialSubmissionTimes(db, consultationId);
  const dispositions = await listCurrentDispositions(db, consultationId);
  const sections = await listSectionSummaries(db, consultationId);
  return { comments, verified, confidentialTimes, dispositions, sections };
}

function assembleReport(
  { comments, verified, confidentialTimes, dispositions, sections }: ReportInputs,
  consultation: Pick<ConsultationRow, "id" | "slug">,
  versions: VersionRow[],
  number: number,
): ReportDocument | undefined {
  const version = versions.find((v) => v.number === number);
  if (!version) return undefined;
  const ascending = [...versions].sort((a, b) => a.number - b.number);
  const next = ascending.find((v) => v.number > number) ?? null;
  const first = ascending[0]!;
  const inWindow = (c: { created_at: string }) => (version.number === first.number || c.created_at >= version.created_at) && (!next || c.created_at < next.created_at);
  const versionNumberById = new Map(versions.map((v) => [v.id, v.number]));
  const totals: ReportDocument["totals"] = { adopted: 0, partly_adopted: 0, not_adopted: 0, noted: 0, out_of_scope: 0, open: 0 };
  const rows: ReportRow[] = [];
  for (const c of comments) {
    if (!inWindow(c)) continue;
    const d = dispositions.get(c.id);
    const withdrawn = c.status === "deleted" && d !== undefined;
    if (c.status !== "published" && !withdrawn) continue;
    const row: ReportRow = {
      commentId: c.id,
      sectionId: c.section_id,
      sectionTitle: sections.find((s) => s.id === c.section_id)?.title ?? "Removed section",
      kind: c.kind,
      createdAt: c.created_at,
      author: shownAuthorWithBadge(c, false, verified.get(c.author_id)),
      quote: c.quote_exact,
      body: c.body,
      replacement: c.replacement,
      outcome: d?.outcome ?? null,
      response: d?.response ?? null,
      respondedAt: d?.created_at ?? null,
      changeSetIds: d ? (JSON.parse(d.change_set_ids) as string[]) : [],
      answeredInVersion: d?.version_id ? (versionNumberById.get(d.version_id) ?? null) : null,
      withdrawn,
    };
    totals[row.outcome ?? "open"] += 1;
    rows.push(row);
  }
  return {
    format: REPORT_FORMAT,
    consultation: consultation.slug,
    version: { number: version.number, name: version.name, publishedAt: version.created_at },
    until: next && { number: next.number, publishedAt: next.created_at },
    totals,
    confidentialSubmissions: confidentialTimes.filter((created_at) => inWindow({ created_at })).length,
    sections: sections.map((s) => ({ id: s.id, title: s.title, rows: rows.filter((r) => r.sectionId === s.id) })).filter((g) => g.rows.length > 0),
  };
}

/** The rows a filter keeps; the totals stay those of the whole report. */
export function filterReport(doc: ReportDocument, filter: ReportFilter): ReportDocument {
  const keep = (r: ReportRow) =>
    (!filter.outcome || (r.outcome ?? "open") === filter.outcome) &&
    (!filter.sectionId || r.sectionId === filter.sectionId) &&
    (!filter.group || r.author.group === filter.group) &&
    (!filter.kind || r.kind === filter.kind);
  return { ...doc, sections: doc.sections.map((g) => ({ ...g, rows: g.rows.filter(keep) })).filter((g) => g.rows.length > 0) };
}

/** How many comments a report lists. */
export function reportItemCount(doc: ReportDocument): number {
  return doc.sections.reduce((n, g) => n + g.rows.length, 0);
}

/** The live report for a version (the team also sees its drafting versions' reports). */
export async function responseReport(db: Db, view: ConsultationView, number: number, filter: ReportFilter = {}): Promise<ReportDocument> {
  const team = view.may("history.viewDrafting");
  const versions = await listVersions(db.kysely, view.consultation.id, !team);
  const doc = await buildReport(db.kysely, view.consultation, versions, number);
  if (!doc) throw notFound(`Version ${number}`);
  return filterReport(doc, filter);
}

/** One version's report in numbers: the comments it lists and how many have a response. */
interface ReportSummary {
  number: number;
  name: string;
  comments: number;
  answered: number;
}

/**
 * Every version's report in numbers, newest first (the team also counts its drafting versions), so a link can
 * lead to the report that holds the responses rather than to the newest, often empty, one.
 */
export async function reportSummaries(db: Db, view: ConsultationView): Promise<ReportSummary[]> {
  const versions = await listVersions(db.kysely, view.consultation.id, !view.may("history.viewDrafting"));
  if (versions.length === 0) return [];
  const inputs = await reportInputs(db.kysely, view.consultation.id);
  return [...versions]
    .sort((a, b) => b.number - a.number)
    .map((v) => {
      const doc = assembleReport(inputs, view.consultation, versions, v.number)!;
      const comments = reportItemCount(doc);
      return { number: v.number, name: v.name, comments, answered: comments - doc.totals.open };
    });
}

const REPORT_CSV_COLUMNS = ["section", "comment_id", "kind", "created_at", "author", "organisation", "stakeholder_group", "quote", "comment", "suggested_text", "outcome", "response", "responded_at", "changes", "answered_in_version"] as const;

export function csvCell(value: string | number | null): string {
  const s = value === null ? "" : String(value);
  // Spreadsheets run cells that start with these as formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The report as CSV; with the byte-order mark unless `bom` is false (csvFile). */
export function reportToCsv(report: ReportDocument, opts: { bom: boolean }): string {
  const lines = [REPORT_CSV_COLUMNS.join(",")];
  for (const g of report.sections) {
    for (const r of g.rows) {
      lines.push(
        [
          g.title,
          r.commentId,
          r.kind,
          r.createdAt,
          r.author.name,
          r.author.organisation,
          r.author.group,
          r.quote,
          r.withdrawn ? "(withdrawn by its author)" : r.body,
          r.replacement,
          r.outcome ? OUTCOME_LABEL[r.outcome] : "Awaiting response",
          r.response,
          r.respondedAt,
          r.changeSetIds.join(" "),
          r.answeredInVersion,
        ]
          .map(csvCell)
          .join(","),
      );
    }
  }
  return csvFile(`${lines.join("\r\n")}\r\n`, opts);
}
