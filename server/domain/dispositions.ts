import type { Kysely, Transaction } from "kysely";
import type { Db, Dialect } from "../../db/client.js";
import { PUBLIC_VIEWER, findComment, updateSuggestionDecision } from "../../db/queries/comment.js";
import { findChangeSetsByIds, findVersion, insertDisposition, listConfidentialSubmissionTimes, listCurrentDispositions, listTopLevelComments, listUnansweredComments, listVersions } from "../../db/queries/history.js";
import { listSectionSummaries } from "../../db/queries/section.js";
import type { UserProfile } from "../../db/queries/user.js";
import { DISPOSITION_LABEL } from "../../common/labels.js";
import { type CommentRow, type Database, type DispositionOutcome, type DispositionRow, type VersionRow } from "../../db/schema.js";
import type { Bus } from "../bus/bus.js";
import { AppError, forbidden, notFound, unauthenticated } from "../errors.js";
import { newId, nowIso } from "../ids.js";
import { appendLedger } from "../ledger/append.js";
import { newSalt, saltedDigest } from "../ledger/chain.js";
import { shownAuthor } from "./comments.js";
import type { ConsultationView } from "./consultations.js";

export const OUTCOME_LABEL = DISPOSITION_LABEL;

type Q = Kysely<Database> | Transaction<Database>;

export interface DispositionDeps {
  db: Db;
  bus: Bus;
}

export interface DispositionInput {
  commentId: string;
  outcome: DispositionOutcome;
  response: string;
  changeSetIds: string[];
  versionNumber?: number;
}

/** A disposition ready to be written, with the comment it answers. */
interface PreparedDisposition {
  row: DispositionRow;
  comment: CommentRow;
}

/**
 * Checks a response against the comment, the linked changes and the version,
 * and builds its row. The caller has checked that `decidedBy` may respond.
 */
async function prepareDisposition(db: Q, consultationId: string, decidedBy: string, input: DispositionInput, decidedAt: string): Promise<PreparedDisposition> {
  const comment = await findComment(db, input.commentId);
  if (!comment || comment.consultation_id !== consultationId) throw notFound("That comment");
  if (comment.parent_id !== null) throw new AppError("invalid_input", "Respond to the comment that starts the thread, not to a reply.");
  if (comment.status === "deleted") throw new AppError("conflict", "Its author deleted that comment.");
  const ids = [...new Set(input.changeSetIds)];
  const found = await findChangeSetsByIds(db, ids);
  const missing = ids.filter((id) => !found.some((f) => f.id === id && f.consultation_id === consultationId));
  if (missing.length > 0) throw new AppError("invalid_input", `No change ${missing[0]} in this consultation.`, { fieldErrors: { changeSetIds: ["Link changes from this consultation's history."] } });
  let version: VersionRow | undefined;
  if (input.versionNumber !== undefined) {
    version = await findVersion(db, consultationId, input.versionNumber);
    if (!version) throw new AppError("invalid_input", `There is no version ${input.versionNumber}.`, { fieldErrors: { versionNumber: ["Choose a published version."] } });
  }
  const row: DispositionRow = {
    id: newId(),
    consultation_id: consultationId,
    section_id: comment.section_id,
    comment_id: comment.id,
    outcome: input.outcome,
    response: input.response,
    change_set_ids: JSON.stringify(ids),
    version_id: version?.id ?? null,
    decided_by: decidedBy,
    created_at: decidedAt,
    superseded_at: null,
  };
  return { row, comment };
}

/** Writes a prepared disposition and its ledger entry in the caller's transaction. */
async function writeDisposition(tx: Q, dialect: Dialect, { row, comment }: PreparedDisposition): Promise<void> {
  await insertDisposition(tx, row);
  const salt = newSalt();
  await appendLedger(tx, dialect, {
    kind: "disposition",
    consultationId: row.consultation_id,
    sectionId: row.section_id,
    subjectId: row.id,
    createdAt: row.created_at,
    salt,
    payload: {
      commentId: comment.id,
      commentKind: comment.kind,
      commentDigest: saltedDigest(salt, comment.body),
      outcome: row.outcome,
      // A response to a confidential submission may quote it: published only as a digest.
      ...(comment.visibility === "confidential" ? { response: null, responseDigest: saltedDigest(salt, row.response) } : { response: row.response }),
      changeSetIds: JSON.parse(row.change_set_ids) as string[],
      versionId: row.version_id,
      decidedBy: row.decided_by,
    },
  });
}

/**
 * Records the drafting team's answer to a comment or suggestion, superseding
 * any earlier one, and puts it in the ledger. The comment's own words are in
 * the ledger only as a salted digest (it may be confidential, or hidden later).
 */
export async function recordDisposition(deps: DispositionDeps, view: ConsultationView, user: UserProfile | null, input: DispositionInput, decidedAt: string = nowIso()): Promise<string> {
  if (!user) throw unauthenticated();
  if (!view.may("comment.respond")) throw forbidden("Only the drafting team can respond to comments.");
  const { db } = deps;
  const prepared = await prepareDisposition(db.kysely, view.consultation.id, user.id, input, decidedAt);
  await db.kysely.transaction().execute((tx) => writeDisposition(tx, db.dialect, prepared));
  deps.bus.publish({ type: "section.activity", sectionId: prepared.comment.section_id });
  return prepared.row.id;
}

/**
 * Answers every comment still without a response as "Noted", with one reason,
 * in one transaction (each with its ledger entry): what lets a team finalise
 * without leaving anyone unanswered. Returns how many were answered.
 */
export async function respondNotedToUnanswered(deps: DispositionDeps, view: ConsultationView, user: UserProfile | null, reason: string): Promise<number> {
  if (!user) throw unauthenticated();
  if (!view.may("comment.respond")) throw forbidden("Only the drafting team can respond to comments.");
  const { db } = deps;
  const at = nowIso();
  const sections = new Set<string>();
  const n = await db.kysely.transaction().execute(async (tx) => {
    const open = await listUnansweredComments(tx, view.consultation.id);
    for (const u of open) {
      const comment = await findComment(tx, u.id);
      if (!comment) continue;
      sections.add(comment.section_id);
      await writeDisposition(tx, db.dialect, { comment, row: {
        id: newId(),
        consultation_id: view.consultation.id,
        section_id: comment.section_id,
        comment_id: comment.id,
        outcome: "noted",
        response: reason,
        change_set_ids: "[]",
        version_id: null,
        decided_by: user.id,
        created_at: at,
        superseded_at: null,
      } });
    }
    return open.length;
  });
  for (const sectionId of sections) deps.bus.publish({ type: "section.activity", sectionId });
  return n;
}

export interface ReportRow {
  commentId: string;
  sectionId: string;
  sectionTitle: string;
  kind: CommentRow["kind"];
  createdAt: string;
  author: { name: string; organisation: string; group: string };
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

export interface ResponseReport {
  version: VersionRow;
  next: VersionRow | null;
  sections: { id: string; title: string; rows: ReportRow[] }[];
  /** Confidential submissions are counted, never listed. */
  confidential: number;
  totals: Record<DispositionOutcome | "open", number>;
}

export interface ReportFilter {
  outcome?: DispositionOutcome | "open";
  sectionId?: string;
  group?: string;
  kind?: CommentRow["kind"];
}

/**
 * The "response to comments" report for a version: every public comment and
 * suggestion made against it (from its publication until the next version's),
 * grouped by section, with the team's current disposition.
 */
export async function responseReport(db: Db, view: ConsultationView, number: number, filter: ReportFilter = {}): Promise<ResponseReport> {
  const team = view.may("history.viewDrafting");
  const versions = await listVersions(db.kysely, view.consultation.id, !team);
  const version = versions.find((v) => v.number === number);
  if (!version) throw notFound(`Version ${number}`);
  const ascending = [...versions].sort((a, b) => a.number - b.number);
  const next = ascending.find((v) => v.number > number) ?? null;
  const first = ascending[0]!;
  const inWindow = (c: { created_at: string }) => (version.number === first.number || c.created_at >= version.created_at) && (!next || c.created_at < next.created_at);
  // The report is public whoever reads it: confidential submissions are counted, never listed.
  const [comments, confidentialTimes, dispositions, sections] = await Promise.all([
    listTopLevelComments(db.kysely, view.consultation.id, PUBLIC_VIEWER, { withDeleted: true }),
    listConfidentialSubmissionTimes(db.kysely, view.consultation.id),
    listCurrentDispositions(db.kysely, view.consultation.id),
    listSectionSummaries(db.kysely, view.consultation.id),
  ]);
  const versionNumberById = new Map(versions.map((v) => [v.id, v.number]));
  const totals: ResponseReport["totals"] = { adopted: 0, partly_adopted: 0, not_adopted: 0, noted: 0, out_of_scope: 0, open: 0 };
  const confidential = confidentialTimes.filter((created_at) => inWindow({ created_at })).length;
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
      author: shownAuthor(c, false),
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
    if (filter.outcome && (row.outcome ?? "open") !== filter.outcome) continue;
    if (filter.sectionId && row.sectionId !== filter.sectionId) continue;
    if (filter.group && row.author.group !== filter.group) continue;
    if (filter.kind && row.kind !== filter.kind) continue;
    rows.push(row);
  }
  const grouped = sections
    .map((s) => ({ id: s.id, title: s.title, rows: rows.filter((r) => r.sectionId === s.id) }))
    .filter((g) => g.rows.length > 0);
  return { version, next, sections: grouped, confidential, totals };
}

export const REPORT_CSV_COLUMNS = ["section", "comment_id", "kind", "created_at", "author", "organisation", "stakeholder_group", "quote", "comment", "suggested_text", "outcome", "response", "responded_at", "changes", "answered_in_version"] as const;

function csvCell(value: string | number | null): string {
  const s = value === null ? "" : String(value);
  // Spreadsheets run cells that start with these as formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportToCsv(report: ResponseReport): string {
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
  return `${lines.join("\r\n")}\r\n`;
}

export async function currentDispositions(db: Db, consultationId: string): Promise<Map<string, DispositionRow>> {
  return listCurrentDispositions(db.kysely, consultationId);
}

/** The response recorded with an accepted suggestion; the team may replace it with a fuller one. */
export const ACCEPTED_RESPONSE = "Accepted as suggested.";

/**
 * Records that a suggestion was declined: its status, the ledger entry and the
 * matching disposition, in one transaction. The caller has checked that the
 * user may decide on suggestions.
 */
export async function recordDeclinedSuggestion(db: Db, decidedBy: string, suggestion: CommentRow, reason: string): Promise<void> {
  const at = nowIso();
  const prepared = await prepareDisposition(db.kysely, suggestion.consultation_id, decidedBy, { commentId: suggestion.id, outcome: "not_adopted", response: reason, changeSetIds: [] }, at);
  await db.kysely.transaction().execute(async (tx) => {
    const changed = await updateSuggestionDecision(tx, suggestion.id, { status: "declined", by: decidedBy, at, reason, appliedSeq: null });
    if (!changed) throw new AppError("conflict", "Someone decided on that suggestion a moment ago.");
    await appendLedger(tx, db.dialect, {
      kind: "suggestion_decision",
      consultationId: suggestion.consultation_id,
      sectionId: suggestion.section_id,
      subjectId: suggestion.id,
      createdAt: at,
      payload: { decision: "declined", reason, decidedBy },
    });
    await writeDisposition(tx, db.dialect, prepared);
  });
}

/**
 * Records that a suggestion was applied to the text, in the transaction that
 * writes the change set applying it (the fold): its status, the ledger entry
 * naming that change set, and the matching disposition all land with the
 * change itself or not at all. Does nothing if the suggestion is no longer open.
 */
export async function recordAcceptedSuggestion(
  tx: Q,
  dialect: Dialect,
  accepted: { suggestionId: string; changeSetId: string; decidedBy: string; at: string; appliedSeq: number },
): Promise<boolean> {
  const suggestion = await findComment(tx, accepted.suggestionId);
  if (!suggestion || suggestion.kind !== "suggestion" || suggestion.suggestion_status !== "open") return false;
  const prepared = await prepareDisposition(
    tx,
    suggestion.consultation_id,
    accepted.decidedBy,
    { commentId: suggestion.id, outcome: "adopted", response: ACCEPTED_RESPONSE, changeSetIds: [accepted.changeSetId] },
    accepted.at,
  );
  await updateSuggestionDecision(tx, suggestion.id, { status: "accepted", by: accepted.decidedBy, at: accepted.at, reason: null, appliedSeq: accepted.appliedSeq });
  await appendLedger(tx, dialect, {
    kind: "suggestion_decision",
    consultationId: suggestion.consultation_id,
    sectionId: suggestion.section_id,
    subjectId: suggestion.id,
    createdAt: accepted.at,
    payload: { decision: "accepted", changeSetId: accepted.changeSetId, decidedBy: accepted.decidedBy },
  });
  await writeDisposition(tx, dialect, prepared);
  return true;
}
