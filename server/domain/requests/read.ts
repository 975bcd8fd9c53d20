import type { Db, Executor } from "../../../db/client.js";
import {
  countRequestAccess,
  findResponse,
  insertAccessLog,
  listAnswerLevels,
  listLatestAnswersAtLevels,
  listRequestExports,
  listResponseReads,
  listRevisionAnswers,
  listRevisions,
} from "../../../db/queries/response.js";
import { openFor } from "../../../db/queries/sealed-text.js";
import type { AccessLogRow, DisclosureLevel, OrganisationKind, ResponseStatus } from "../../../db/schema.js";
import type { Actor } from "../../auth/policy.js";
import { notFound } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import type { AnswerValue, CheckedAnswer } from "../request-schemas.js";
import { visibleRequest, type RequestContext } from "./load.js";
import { answerValueOf } from "./respond.js";

/**
 * Who reads which answers (issue 14). An organisation's own members read all of its
 * answers, the draft and the history, and see who else read them. Recipients read
 * the recipients-level and public answers of each organisation's latest revision,
 * attributed, and every restricted answer they are shown is logged in the same
 * transaction as the read. An aggregate-level answer is never returned to anyone
 * but its own organisation: the queries here leave that level out.
 */

/** The levels a recipient reads; "aggregate" is left out on purpose and must stay out. */
export const RECIPIENT_READABLE_LEVELS: readonly DisclosureLevel[] = ["public_named", "public_unnamed", "recipients"];

export interface OwnAnswer {
  questionId: string;
  prompt: string;
  level: DisclosureLevel;
  value: AnswerValue;
}

export interface OwnResponse {
  request: { id: string; slug: string; title: string; deadline: string };
  organisation: { slug: string; name: string; role: "representative" | "member" };
  status: ResponseStatus | null;
  declineReason: string | null;
  revision: number;
  answers: OwnAnswer[];
  draft: OwnAnswer[] | null;
  revisions: { revision: number; reference: string; submittedAt: string; submittedBy: string | null }[];
}

async function ownContext(db: Executor, actor: Actor, slugOrId: string, now: Date): Promise<RequestContext & { organisation: NonNullable<RequestContext["organisation"]> }> {
  const ctx = await visibleRequest(db, actor, slugOrId, now);
  if (!ctx.organisation || !ctx.can("request.viewOwnResponse")) throw notFound("Your organisation's answers to that request");
  return ctx as RequestContext & { organisation: NonNullable<RequestContext["organisation"]> };
}

function inQuestionOrder<T extends { questionId: string }>(ctx: RequestContext, items: readonly T[]): (T & { prompt: string })[] {
  return ctx.detail.questions.flatMap((q) => items.filter((a) => a.questionId === q.id).map((a) => ({ ...a, prompt: q.prompt })));
}

/** The organisation's own answers (latest revision), its draft and its revision history, for any of its members. */
export async function ownAnswers(db: Executor, actor: Actor, slugOrId: string, now: Date = new Date()): Promise<OwnResponse> {
  const ctx = await ownContext(db, actor, slugOrId, now);
  const { request } = ctx.detail;
  const org = ctx.organisation;
  const response = await findResponse(db, request.id, org.id);
  const base = { request: { id: request.id, slug: request.slug, title: request.title, deadline: request.deadline }, organisation: { slug: org.slug, name: org.name, role: org.role } };
  if (!response) return { ...base, status: null, declineReason: null, revision: 0, answers: [], draft: null, revisions: [] };
  const rows = response.revision > 0 ? await listRevisionAnswers(db, response.id, response.revision) : [];
  const answers = inQuestionOrder(
    ctx,
    rows.map((a) => ({ questionId: a.question_id, level: a.level, value: answerValueOf(a) })),
  );
  const draft = response.draft === null ? null : inQuestionOrder(ctx, JSON.parse(openFor("info_response", response.id, "draft", response.draft)) as CheckedAnswer[]);
  const revisions = (await listRevisions(db, response.id)).map((r) => ({ revision: r.revision, reference: r.reference, submittedAt: r.submitted_at, submittedBy: r.submitter_name }));
  return { ...base, status: response.status, declineReason: response.decline_reason, revision: response.revision, answers, draft, revisions };
}

export interface RecipientAnswer {
  answerId: string;
  responseId: string;
  questionId: string;
  prompt: string;
  organisation: { name: string; kind: OrganisationKind };
  level: DisclosureLevel;
  value: AnswerValue;
  submittedAt: string;
}

async function recipientContext(db: Executor, actor: Actor, slugOrId: string, now: Date): Promise<RequestContext> {
  const ctx = await visibleRequest(db, actor, slugOrId, now);
  if (!ctx.can("request.readRestricted")) throw notFound("The answers to that request");
  return ctx;
}

async function readableAnswers(tx: Executor, ctx: RequestContext): Promise<RecipientAnswer[]> {
  const rows = await listLatestAnswersAtLevels(tx, ctx.detail.request.id, RECIPIENT_READABLE_LEVELS);
  const prompts = new Map(ctx.detail.questions.map((q) => [q.id, { prompt: q.prompt, position: q.position }]));
  return rows
    .filter((r) => r.level !== "aggregate")
    .map((r) => ({
      answerId: r.id,
      responseId: r.response_id,
      questionId: r.question_id,
      prompt: prompts.get(r.question_id)?.prompt ?? "",
      organisation: { name: r.organisation_name, kind: r.organisation_kind as OrganisationKind },
      level: r.level,
      value: answerValueOf(r),
      submittedAt: r.submitted_at,
    }))
    .sort((a, b) => (a.organisation.name === b.organisation.name ? (prompts.get(a.questionId)?.position ?? 0) - (prompts.get(b.questionId)?.position ?? 0) : a.organisation.name < b.organisation.name ? -1 : 1));
}

function readerOf(actor: Actor): string {
  if (actor.kind !== "user") throw notFound("The answers to that request");
  return actor.userId;
}

async function readerName(tx: Executor, userId: string): Promise<string> {
  return (await tx.selectFrom("user").select("display_name").where("id", "=", userId).executeTakeFirst())?.display_name ?? "A deleted account";
}

/**
 * The answers a recipient may read, each restricted one logged as read (one row per
 * answer shown) in the same transaction, so an answer is never shown unlogged.
 */
export async function restrictedAnswers(db: Db, actor: Actor, slugOrId: string, now: Date = new Date()): Promise<{ request: { id: string; slug: string; title: string; timeZone: string; contentLanguage: string }; answers: RecipientAnswer[] }> {
  const readerId = readerOf(actor);
  return db.kysely.transaction().execute(async (tx) => {
    const ctx = await recipientContext(tx, actor, slugOrId, now);
    const answers = await readableAnswers(tx, ctx);
    const name = await readerName(tx, readerId);
    const at = nowIso(now);
    const request = ctx.detail.request;
    await insertAccessLog(
      tx,
      answers
        .filter((a) => a.level === "recipients")
        .map((a) => ({
          id: newId(),
          subject_kind: "answer",
          request_id: request.id,
          response_id: a.responseId,
          question_id: a.questionId,
          comment_id: null,
          consultation_id: null,
          reader_id: readerId,
          reader_name: name,
          action: "read",
          items: 1,
          at,
        })),
    );
    return { request: { id: request.id, slug: request.slug, title: request.title, timeZone: request.time_zone, contentLanguage: request.content_language }, answers };
  });
}

const EXPORT_COLUMNS = ["organisation", "organisation_kind", "question", "level", "answer", "submitted_at"] as const;

function csvCell(value: string): string {
  // Spreadsheets run cells that start with these as formulas.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function valueText(v: AnswerValue): string {
  if (Array.isArray(v)) return v.join("; ");
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

/**
 * A recipient's bulk download, logged as ONE export row with the number of answers it
 * holds (and shown as a bulk export to every organisation whose restricted answers it held).
 */
export async function exportRestrictedAnswers(db: Db, actor: Actor, slugOrId: string, now: Date = new Date()): Promise<{ slug: string; csv: string; items: number }> {
  const readerId = readerOf(actor);
  return db.kysely.transaction().execute(async (tx) => {
    const ctx = await recipientContext(tx, actor, slugOrId, now);
    const answers = await readableAnswers(tx, ctx);
    const request = ctx.detail.request;
    await insertAccessLog(tx, [
      {
        id: newId(),
        subject_kind: "answer",
        request_id: request.id,
        response_id: null,
        question_id: null,
        comment_id: null,
        consultation_id: null,
        reader_id: readerId,
        reader_name: await readerName(tx, readerId),
        action: "export",
        items: answers.length,
        at: nowIso(now),
      },
    ]);
    const lines = [EXPORT_COLUMNS.join(",")];
    for (const a of answers) lines.push([a.organisation.name, a.organisation.kind, a.prompt, a.level, valueText(a.value), a.submittedAt].map(csvCell).join(","));
    return { slug: request.slug, csv: `${lines.join("\r\n")}\r\n`, items: answers.length };
  });
}

export interface AccessEntry {
  at: string;
  reader: string;
  action: "read" | "export";
  /** The question read; null for a bulk export. */
  question: string | null;
  /** For an export: how many answers (of every organisation) it held. */
  items: number;
}

/**
 * Who read the organisation's answers and when, and the bulk exports that held a
 * restricted answer of theirs: an export made while their revision then current had
 * at least one recipients-level answer.
 */
export async function accessLogForOrganisation(db: Executor, actor: Actor, slugOrId: string, now: Date = new Date()): Promise<{ request: { slug: string; title: string; timeZone: string; contentLanguage: string }; organisation: { name: string }; entries: AccessEntry[] }> {
  const ctx = await ownContext(db, actor, slugOrId, now);
  const request = ctx.detail.request;
  const base = { request: { slug: request.slug, title: request.title, timeZone: request.time_zone, contentLanguage: request.content_language }, organisation: { name: ctx.organisation.name } };
  const response = await findResponse(db, request.id, ctx.organisation.id);
  if (!response) return { ...base, entries: [] };
  const prompts = new Map(ctx.detail.questions.map((q) => [q.id, q.prompt]));
  const reads = await listResponseReads(db, response.id);
  const revisions = (await listRevisions(db, response.id)).sort((a, b) => a.revision - b.revision);
  const levels = await listAnswerLevels(db, response.id);
  const restricted = new Set(levels.filter((l) => l.level === "recipients").map((l) => l.revision));
  const heldOurs = (e: AccessLogRow) => {
    const current = revisions.filter((r) => r.submitted_at <= e.at).at(-1);
    return current !== undefined && restricted.has(current.revision);
  };
  const exports = (await listRequestExports(db, request.id)).filter(heldOurs);
  const entries: AccessEntry[] = [...reads, ...exports]
    .map((e) => ({ at: e.at, reader: e.reader_name, action: e.action, question: e.question_id === null ? null : (prompts.get(e.question_id) ?? null), items: e.items }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { ...base, entries };
}

/** What the public sees of the access log: how many times answers to this request were read, and bulk-exported. */
export async function publicReadCount(db: Executor, requestId: string): Promise<number> {
  const { reads, exports } = await countRequestAccess(db, requestId);
  return reads + exports;
}

/** The same, split: reads of single answers and bulk exports. */
export async function publicAccessCounts(db: Executor, requestId: string): Promise<{ reads: number; exports: number }> {
  return countRequestAccess(db, requestId);
}
