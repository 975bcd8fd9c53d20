import type { Db, Executor } from "../../../db/client.js";
import { findResponse, insertAnswers, insertResponse, insertRevision, listRevisionAnswers, revisionReferenceExists, updateResponse } from "../../../db/queries/response.js";
import { openFor, sealFor } from "../../../db/queries/sealed-text.js";
import type { DisclosureLevel, InfoAnswerRow, InfoResponseRow, ResponseStatus } from "../../../db/schema.js";
import { addressToConfirm, type Actor } from "../../auth/policy.js";
import { isPastDeadline } from "../../auth/request-policy.js";
import { AppError, confirmAddressFirst, forbidden, notFound } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import { appendToChain } from "../../ledger/append.js";
import { PUBLIC_CHAIN, canonical, newSalt, saltedDigest } from "../../ledger/chain.js";
import { newReceiptReference, normaliseReference } from "../../ledger/receipts.js";
import { checkAnswers, isPublicLevel, type AnswerItem, type AnswerValue, type CheckedAnswer } from "../request-schemas.js";
import { requestDeclinedEvent, requestSubmittedEvent } from "./ledger.js";
import { visibleRequest, type RequestContext, type RespondingOrganisation } from "./load.js";

/**
 * The respondent's side of an information request (issue 14): a representative of an
 * eligible organisation writes answers as a draft, submits them (each submission a new
 * revision, all kept, with a receipt), or declines; all until the deadline. Restricted
 * answers and the draft cross into the database sealed; the ledger learns only salted
 * digests, so before the deadline the record says that someone answered, never who or what.
 */

/** New references tried before giving up (50 random bits each: a second try is already rare). */
const REFERENCE_ATTEMPTS = 5;
export const REQUEST_RECEIPT_FORMAT = "margin-request-receipt/1";

/** The request and the actor's organisation, once the actor may write its answers now; otherwise the clearest refusal they may see. */
async function respondingFor(tx: Executor, actor: Actor, slugOrId: string, now: Date): Promise<{ ctx: RequestContext; org: RespondingOrganisation }> {
  const ctx = await visibleRequest(tx, actor, slugOrId, now);
  const org = ctx.organisation;
  // Whose organisation is not asked has nothing here to answer.
  if (!org || ctx.relation.status !== "issued") throw notFound("An answer form for your organisation on that request");
  if (org.role !== "representative") throw forbidden("Only your organisation's representatives can answer or decline. You can read its answers.");
  if (isPastDeadline(ctx.relation, now)) throw new AppError("conflict", "The deadline for this request has passed: answers can no longer be saved, submitted or declined.");
  const unconfirmed = addressToConfirm(actor);
  if (unconfirmed) throw confirmAddressFirst(unconfirmed);
  if (!ctx.can("request.respond")) throw notFound("An answer form for your organisation on that request");
  return { ctx, org };
}

function answersInvalid(errors: Record<string, string[]>): AppError {
  return new AppError("invalid_input", "Some answers need attention.", { fieldErrors: errors });
}

/** The organisation's response row, created (as a draft) on its first save. */
async function responseOf(db: Db, tx: Executor, requestId: string, org: RespondingOrganisation, userId: string, at: string): Promise<InfoResponseRow> {
  const found = await findResponse(tx, requestId, org.id, db.dialect === "postgres");
  if (found) return found;
  const row: InfoResponseRow = { id: newId(), request_id: requestId, organisation_id: org.id, status: "draft", draft: null, revision: 0, decline_reason: null, updated_by: userId, created_at: at, updated_at: at };
  await insertResponse(tx, row);
  return row;
}

function userIdOf(actor: Actor): string {
  if (actor.kind !== "user") throw notFound("That request");
  return actor.userId;
}

/**
 * The exact text a submission's answers digest commits to: the answers in question
 * order, each as {questionId, level, value}, in canonical JSON (RFC 8785). The receipt
 * gives its holder the answers and the salt, so they can recompute the digest.
 */
export function answersText(answers: readonly { questionId: string; level: DisclosureLevel; value: AnswerValue }[]): string {
  return canonical(answers.map((a) => ({ questionId: a.questionId, level: a.level, value: a.value })));
}

/** Saves the answers being written. Partial answers are fine; the draft is sealed whatever its levels. */
export async function saveDraft(db: Db, actor: Actor, slugOrId: string, items: readonly AnswerItem[], now: Date = new Date()): Promise<{ savedAt: string; answers: CheckedAnswer[] }> {
  const userId = userIdOf(actor);
  return db.kysely.transaction().execute(async (tx) => {
    const { ctx, org } = await respondingFor(tx, actor, slugOrId, now);
    const checked = checkAnswers(ctx.detail.questions, items, { final: false });
    if (!checked.ok) throw answersInvalid(checked.errors);
    const at = nowIso(now);
    const response = await responseOf(db, tx, ctx.detail.request.id, org, userId, at);
    await updateResponse(tx, response.id, { draft: sealFor("info_response", response.id, "draft", JSON.stringify(checked.answers)), updated_by: userId, updated_at: at });
    return { savedAt: at, answers: checked.answers };
  });
}

/** What a submitter keeps: a reference, the ledger entry that holds the digest, and what it commits to. */
export interface RequestReceipt {
  format: typeof REQUEST_RECEIPT_FORMAT;
  reference: string;
  request: { id: string; slug: string; title: string };
  organisation: { slug: string; name: string };
  revision: number;
  submittedAt: string;
  /** The public ledger entry of this submission (null only if the record lost it). */
  ledger: { chain: string; seq: number; hash: string } | null;
  /** saltedDigest(salt, answersText(answers)): what the entry's `answersDigest` says. */
  digest: { alg: "salted-sha256"; value: string };
  salt: string | null;
  answers: { questionId: string; prompt: string; level: DisclosureLevel; value: AnswerValue }[];
}

async function unusedReference(tx: Executor): Promise<string> {
  for (let i = 0; i < REFERENCE_ATTEMPTS; i++) {
    const reference = newReceiptReference();
    if (!(await revisionReferenceExists(tx, reference))) return reference;
  }
  throw new Error("could not find an unused receipt reference");
}

/**
 * Submits a new revision: the answers checked in full, each stored with its level
 * (sealed unless public), the receipt recorded in the ledger, the draft cleared. A
 * submission after a decline withdraws the decline; the record says so.
 */
export async function submitResponse(db: Db, actor: Actor, slugOrId: string, items: readonly AnswerItem[], now: Date = new Date()): Promise<RequestReceipt> {
  const userId = userIdOf(actor);
  return db.kysely.transaction().execute(async (tx) => {
    const { ctx, org } = await respondingFor(tx, actor, slugOrId, now);
    const checked = checkAnswers(ctx.detail.questions, items, { final: true });
    if (!checked.ok) throw answersInvalid(checked.errors);
    if (checked.answers.length === 0) throw new AppError("invalid_input", "Answer at least one question before submitting, or decline instead.");
    const request = ctx.detail.request;
    const at = nowIso(now);
    const response = await responseOf(db, tx, request.id, org, userId, at);
    const revision = response.revision + 1;
    const salt = newSalt();
    const digest = saltedDigest(salt, answersText(checked.answers));
    const reference = await unusedReference(tx);
    await insertRevision(tx, { response_id: response.id, revision, reference, digest, submitted_by: userId, submitted_at: at });
    const rows: InfoAnswerRow[] = checked.answers.map((a) => {
      const id = newId();
      const json = JSON.stringify(a.value);
      return { id, response_id: response.id, revision, question_id: a.questionId, level: a.level, value: isPublicLevel(a.level) ? json : sealFor("info_answer", id, "value", json) };
    });
    await insertAnswers(tx, rows);
    await updateResponse(tx, response.id, { status: "submitted", revision, draft: null, decline_reason: null, updated_by: userId, updated_at: at });
    const head = await appendToChain(tx, db.dialect, PUBLIC_CHAIN, requestSubmittedEvent(request, { salt, organisation: saltedDigest(salt, org.id), answers: digest }, response.status === "declined", at));
    const prompts = new Map(ctx.detail.questions.map((q) => [q.id, q.prompt]));
    return {
      format: REQUEST_RECEIPT_FORMAT,
      reference,
      request: { id: request.id, slug: request.slug, title: request.title },
      organisation: { slug: org.slug, name: org.name },
      revision,
      submittedAt: at,
      ledger: head,
      digest: { alg: "salted-sha256", value: digest },
      salt,
      answers: checked.answers.map((a) => ({ questionId: a.questionId, prompt: prompts.get(a.questionId) ?? "", level: a.level, value: a.value })),
    };
  });
}

export interface DeclineResult {
  status: ResponseStatus;
  declinedAt: string;
  reason: string | null;
  ledger: { chain: string; seq: number; hash: string };
}

/**
 * Declines to answer, with an optional reason that the participation list shows after
 * the deadline. An organisation that has submitted answers revises them instead: a
 * decline would otherwise hide answers already given.
 */
export async function declineRequest(db: Db, actor: Actor, slugOrId: string, reason: string | null, now: Date = new Date()): Promise<DeclineResult> {
  const userId = userIdOf(actor);
  return db.kysely.transaction().execute(async (tx) => {
    const { ctx, org } = await respondingFor(tx, actor, slugOrId, now);
    const request = ctx.detail.request;
    const at = nowIso(now);
    const response = await responseOf(db, tx, request.id, org, userId, at);
    if (response.status === "submitted") throw new AppError("conflict", "Your organisation has already submitted answers; you can revise them until the deadline, but not decline.");
    if (response.status === "declined") throw new AppError("conflict", "Your organisation has already declined this request. Submitting answers before the deadline withdraws the decline.");
    await updateResponse(tx, response.id, { status: "declined", decline_reason: reason, updated_by: userId, updated_at: at });
    const salt = newSalt();
    const head = await appendToChain(
      tx,
      db.dialect,
      PUBLIC_CHAIN,
      requestDeclinedEvent(request, { salt, organisation: saltedDigest(salt, org.id), reason: reason === null ? null : saltedDigest(salt, reason) }, at),
    );
    return { status: "declined", declinedAt: at, reason, ledger: head };
  });
}

/** The ledger entry that holds a submission's digest, with its salt (private to the organisation and the operator). */
async function submissionEntry(db: Executor, requestId: string, digest: string): Promise<{ chain: string; seq: number; hash: string; salt: string | null } | null> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["chain", "seq", "hash", "salt", "payload"])
    .where("kind", "=", "request")
    .where("subject_id", "=", requestId)
    .where("chain", "=", PUBLIC_CHAIN)
    .execute();
  const row = rows.find((r) => (JSON.parse(r.payload) as { answersDigest?: unknown }).answersDigest === digest);
  return row ? { chain: row.chain, seq: Number(row.seq), hash: row.hash, salt: row.salt } : null;
}

/** Opens a stored answer value (sealed or not) as the value it was given as. */
export function answerValueOf(row: Pick<InfoAnswerRow, "id" | "value">): AnswerValue {
  return JSON.parse(openFor("info_answer", row.id, "value", row.value)) as AnswerValue;
}

/**
 * A receipt, for the members of the organisation that submitted it. Anyone else, and a
 * reference that does not exist, get the same 404, so references cannot be probed.
 */
export async function ownRequestReceipt(db: Executor, actor: Actor, slugOrId: string, reference: string, now: Date = new Date()): Promise<RequestReceipt> {
  const missing = notFound("That receipt");
  const ctx = await visibleRequest(db, actor, slugOrId, now).catch(() => {
    throw missing;
  });
  const normal = normaliseReference(reference);
  if (!ctx.organisation || !ctx.can("request.viewOwnResponse") || !normal) throw missing;
  const request = ctx.detail.request;
  const response = await findResponse(db, request.id, ctx.organisation.id);
  const rev = response && (await db.selectFrom("info_response_revision").selectAll().where("response_id", "=", response.id).where("reference", "=", normal).executeTakeFirst());
  if (!response || !rev) throw missing;
  const entry = await submissionEntry(db, request.id, rev.digest);
  const answers = await listRevisionAnswers(db, response.id, rev.revision);
  const questions = ctx.detail.questions;
  const ordered = questions.flatMap((q) => answers.filter((a) => a.question_id === q.id).map((a) => ({ questionId: q.id, prompt: q.prompt, level: a.level, value: answerValueOf(a) })));
  return {
    format: REQUEST_RECEIPT_FORMAT,
    reference: rev.reference,
    request: { id: request.id, slug: request.slug, title: request.title },
    organisation: { slug: ctx.organisation.slug, name: ctx.organisation.name },
    revision: rev.revision,
    submittedAt: rev.submitted_at,
    ledger: entry ? { chain: entry.chain, seq: entry.seq, hash: entry.hash } : null,
    digest: { alg: "salted-sha256", value: rev.digest },
    salt: entry?.salt ?? null,
    answers: ordered,
  };
}
