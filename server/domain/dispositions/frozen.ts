import type { Db, Dialect, Executor } from "../../../db/client.js";
import { findFrozenReport, findReportFrozenEntry, insertFrozenReport, listConsultationEntriesAfter } from "../../../db/queries/frozen-report.js";
import { findVersion, listVersions } from "../../../db/queries/history.js";
import type { ConsultationRow, DispositionOutcome } from "../../../db/schema.js";
import type { ConsultationView } from "../../auth/access.js";
import { notFound } from "../../errors.js";
import { appendLedger } from "../../ledger/append.js";
import { canonical, sha256Hex } from "../../ledger/chain.js";
import { buildReport, filterReport, reportItemCount, responseReport, type ReportDocument, type ReportFilter } from "./report.js";

/**
 * Results that cannot change (issue 13): when a consultation becomes final,
 * each public version's response report is frozen. Its canonical JSON is
 * stored and its SHA-256 goes into the ledger in the same transaction; the
 * report pages serve that copy from then on. A response recorded afterwards
 * is an ordinary disposition entry, shown next to the report as a correction;
 * the frozen copy itself never changes.
 */

/** The header the report's JSON download carries when it serves the frozen copy: the seq of its report_frozen entry. */
export const FROZEN_REPORT_HEADER = "X-Margin-Frozen-Report-Entry";

/** Freezes the report of every public version, in the caller's transaction (the consultation is final by now). */
export async function freezeReports(tx: Executor, dialect: Dialect, consultation: Pick<ConsultationRow, "id" | "slug">, at: string): Promise<void> {
  const versions = await listVersions(tx, consultation.id, true);
  for (const v of [...versions].sort((a, b) => a.number - b.number)) {
    const doc = await buildReport(tx, consultation, versions, v.number);
    if (!doc) continue;
    const body = canonical(doc);
    const hash = sha256Hex(body);
    await insertFrozenReport(tx, { consultation_id: consultation.id, version_id: v.id, body, hash, created_at: at });
    await appendLedger(tx, dialect, {
      kind: "report_frozen",
      consultationId: consultation.id,
      subjectId: v.id,
      createdAt: at,
      payload: { slug: consultation.slug, versionId: v.id, versionNumber: v.number, reportSha256: hash, items: reportItemCount(doc) },
    });
  }
}

/** A response recorded after the report was frozen: what the frozen report said, and what the record says now. */
export interface ReportCorrection {
  /** The disposition's public ledger entry. */
  seq: number;
  at: string;
  commentId: string;
  sectionTitle: string;
  author: string;
  before: { outcome: DispositionOutcome | null; response: string | null };
  after: { outcome: DispositionOutcome; response: string | null };
}

export interface FrozenInfo {
  frozenAt: string;
  /** The report_frozen entry in the public ledger, and the fingerprint it carries. */
  seq: number;
  reportSha256: string;
  corrections: ReportCorrection[];
}

/** A report as the pages serve it: the frozen copy once there is one, the live one before. */
export interface ServedReport {
  /** The report with the reader's filters applied. */
  document: ReportDocument;
  /** The frozen canonical JSON, byte for byte (what the ledger's fingerprint covers); null while live. */
  frozenBody: string | null;
  frozen: FrozenInfo | null;
}

export async function servedReport(db: Db, view: ConsultationView, number: number, filter: ReportFilter = {}): Promise<ServedReport> {
  const version = await findVersion(db.kysely, view.consultation.id, number);
  const row = version && (await findFrozenReport(db.kysely, view.consultation.id, version.id));
  if (!version || !row) return { document: await responseReport(db, view, number, filter), frozenBody: null, frozen: null };
  const entry = await findReportFrozenEntry(db.kysely, view.consultation.id, version.id);
  if (!entry) throw notFound(`The ledger entry of version ${number}'s frozen report`);
  const doc = JSON.parse(row.body) as ReportDocument;
  const later = await listConsultationEntriesAfter(db.kysely, view.consultation.id, "disposition", entry.seq);
  const reportSha256 = String((JSON.parse(entry.payload) as { reportSha256: unknown }).reportSha256);
  return {
    document: filterReport(doc, filter),
    frozenBody: row.body,
    frozen: { frozenAt: row.created_at, seq: entry.seq, reportSha256, corrections: correctionsOf(doc, later) },
  };
}

/** The responses recorded after the freeze to comments the frozen report lists, oldest first. */
function correctionsOf(doc: ReportDocument, later: { seq: number; created_at: string; payload: string }[]): ReportCorrection[] {
  const rows = new Map(doc.sections.flatMap((g) => g.rows.map((r) => [r.commentId, r] as const)));
  const current = new Map([...rows].map(([id, r]) => [id, { outcome: r.outcome, response: r.response }]));
  const out: ReportCorrection[] = [];
  for (const e of later) {
    const p = JSON.parse(e.payload) as { commentId: string; outcome: DispositionOutcome; response?: string | null };
    const row = rows.get(p.commentId);
    if (!row) continue;
    const after = { outcome: p.outcome, response: p.response ?? null };
    out.push({ seq: e.seq, at: e.created_at, commentId: p.commentId, sectionTitle: row.sectionTitle, author: row.author.name, before: current.get(p.commentId)!, after });
    current.set(p.commentId, after);
  }
  return out;
}
