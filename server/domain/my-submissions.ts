import { z } from "zod";
import type { Executor } from "../../db/client.js";
import { OWN_SUBMISSION_FILTERS, countOwnSubmissionKeys, listOwnRequestResponses, listOwnSubmissionKeys, type OwnRequestResponseRow, type OwnSubmissionFilter, type OwnSubmissionKey } from "../../db/queries/own-submission.js";
import { listOwnSubmissions, type OwnSubmissionRow } from "../../db/queries/receipt.js";
import type { Actor } from "../auth/policy.js";
import { isAppError, notFound } from "../errors.js";
import { accessToComments, type CommentAccess } from "./comments/access-log.js";
import { ownAnswers, type OwnResponse } from "./requests/read.js";
import { PageQuerySchema } from "./schemas.js";

/**
 * "My submissions" (issue 16): everything a person sent, from two sources. Comments,
 * replies, suggestions and positions come with a receipt each; answers to information
 * requests are the organisation's, listed for the member who wrote, submitted or
 * declined them. Their answers are read through ownAnswers, which opens what is sealed
 * and asks the request policy, so a former member keeps the line but not the answers.
 */

/** Submissions per page of "my submissions". */
export const SUBMISSIONS_PAGE = 20;
/** The page's query string: which page, and which kind of submission (anything unknown shows all). */
export const MySubmissionsQuerySchema = PageQuerySchema.extend({ kind: z.enum(OWN_SUBMISSION_FILTERS).catch("all").default("all") });

/** Receipts read per query when every submission is wanted (the download). */
const RECEIPT_CHUNK = 500;

export type OwnEntry =
  | { source: "receipt"; row: OwnSubmissionRow; reads: CommentAccess[] | null }
  /** `own` is null when the user may no longer read their organisation's answers (they left it). */
  | { source: "request"; row: OwnRequestResponseRow; own: OwnResponse | null };

async function ownResponseOf(db: Executor, actor: Actor, row: OwnRequestResponseRow, now: Date): Promise<OwnResponse | null> {
  try {
    const own = await ownAnswers(db, actor, row.request_id, now);
    // Their current organisation's answers are not these if they have moved to another one.
    return own.organisation.slug === row.organisation_slug ? own : null;
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") return null;
    throw e;
  }
}

/** Whose submissions: only a signed-in person has any. */
function userIdOf(actor: Actor): string {
  if (actor.kind !== "user") throw notFound("Your submissions");
  return actor.userId;
}

async function entriesOf(db: Executor, actor: Actor, keys: readonly OwnSubmissionKey[], now: Date): Promise<OwnEntry[]> {
  const userId = userIdOf(actor);
  const references = keys.filter((k) => k.source === "receipt").map((k) => k.key);
  const receipts = new Map<string, OwnSubmissionRow>();
  for (let i = 0; i < references.length; i += RECEIPT_CHUNK) {
    for (const r of await listOwnSubmissions(db, userId, references.slice(i, i + RECEIPT_CHUNK))) receipts.set(r.reference, r);
  }
  // Who read each confidential submission, and when: the submitter's side of the access log (ADR 019).
  const confidential = [...receipts.values()].filter((r) => r.subject_kind === "comment" && r.comment_visibility === "confidential").map((r) => r.subject_id);
  const reads = await accessToComments(db, confidential);
  const responses = new Map((await listOwnRequestResponses(db, userId, keys.filter((k) => k.source === "request").map((k) => k.key))).map((r) => [r.id, r]));
  const out: OwnEntry[] = [];
  for (const k of keys) {
    const receipt = k.source === "receipt" ? receipts.get(k.key) : undefined;
    if (receipt) out.push({ source: "receipt", row: receipt, reads: receipt.comment_visibility === "confidential" ? (reads.get(receipt.subject_id) ?? []) : null });
    const response = k.source === "request" ? responses.get(k.key) : undefined;
    if (response) out.push({ source: "request", row: response, own: await ownResponseOf(db, actor, response, now) });
  }
  return out;
}

/** One page of the user's submissions of both sources, newest first, with the total for paging. */
export async function mySubmissions(
  db: Executor,
  actor: Actor,
  filter: OwnSubmissionFilter,
  page: number,
  now: Date = new Date(),
): Promise<{ entries: OwnEntry[]; total: number; page: number; pages: number }> {
  const userId = userIdOf(actor);
  const total = await countOwnSubmissionKeys(db, userId, filter);
  const pages = Math.max(1, Math.ceil(total / SUBMISSIONS_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const keys = await listOwnSubmissionKeys(db, userId, filter, { offset: (current - 1) * SUBMISSIONS_PAGE, limit: SUBMISSIONS_PAGE });
  return { entries: await entriesOf(db, actor, keys, now), total, page: current, pages };
}

/** Every submission of the user's, newest first: what the download holds. */
export async function allMySubmissions(db: Executor, actor: Actor, now: Date = new Date()): Promise<OwnEntry[]> {
  return entriesOf(db, actor, await listOwnSubmissionKeys(db, userIdOf(actor), "all"), now);
}
