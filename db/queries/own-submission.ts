import { sql, type ExpressionBuilder } from "kysely";
import type { Executor } from "../client.js";
import type { Database, RequestStatus, ResponseStatus } from "../schema.js";

// "My submissions": one list over two sources, a user's receipts (comments, replies,
// suggestions, positions) and the answers to information requests they wrote for
// their organisation. Both are indexed together so one page can be ordered by date.

/** What a list of one's submissions can be narrowed to; "all" leaves it whole. */
export const OWN_SUBMISSION_FILTERS = ["all", "comment", "reply", "suggestion", "position", "confidential", "request"] as const;
export type OwnSubmissionFilter = (typeof OWN_SUBMISSION_FILTERS)[number];

/** One entry of the index: a receipt's reference or an information-request response's id, and when it last changed hands. */
export interface OwnSubmissionKey {
  source: "receipt" | "request";
  key: string;
  sort_at: string;
}

/** Large enough for SQLite's bound-parameter limit with room to spare. */
const HYDRATE_CHUNK = 500;

function receiptKeys(db: Executor, userId: string, filter: OwnSubmissionFilter) {
  let q = db
    .selectFrom("receipt")
    .leftJoin("comment", (j) => j.onRef("comment.id", "=", "receipt.subject_id").on("receipt.subject_kind", "=", "comment"))
    .select([sql<"receipt" | "request">`'receipt'`.as("source"), "receipt.reference as key", "receipt.created_at as sort_at"])
    .where("receipt.user_id", "=", userId);
  if (filter === "position") q = q.where("receipt.subject_kind", "=", "position");
  if (filter === "comment") q = q.where("comment.kind", "=", "comment").where("comment.parent_id", "is", null);
  if (filter === "reply") q = q.where("comment.parent_id", "is not", null);
  if (filter === "suggestion") q = q.where("comment.kind", "=", "suggestion");
  if (filter === "confidential") q = q.where("comment.visibility", "=", "confidential");
  return q;
}

/** The responses a user wrote for: they submitted one of its revisions, or were the last to save, decline or submit it. */
function wroteFor(userId: string) {
  return (eb: ExpressionBuilder<Database, "info_response">) =>
    eb.or([
      eb("info_response.updated_by", "=", userId),
      eb.exists(
        eb
          .selectFrom("info_response_revision")
          .select("info_response_revision.response_id")
          .whereRef("info_response_revision.response_id", "=", "info_response.id")
          .where("info_response_revision.submitted_by", "=", userId),
      ),
    ]);
}

function requestKeys(db: Executor, userId: string) {
  return db
    .selectFrom("info_response")
    .select([sql<"receipt" | "request">`'request'`.as("source"), "info_response.id as key", "info_response.updated_at as sort_at"])
    .where(wroteFor(userId));
}

function ownKeys(db: Executor, userId: string, filter: OwnSubmissionFilter) {
  if (filter === "request") return requestKeys(db, userId);
  if (filter !== "all") return receiptKeys(db, userId, filter);
  return receiptKeys(db, userId, filter).unionAll(requestKeys(db, userId));
}

/** The user's submissions of both sources, newest first; a page of them when `page` is given. */
export async function listOwnSubmissionKeys(db: Executor, userId: string, filter: OwnSubmissionFilter, page?: { offset: number; limit: number }): Promise<OwnSubmissionKey[]> {
  const q = db.selectFrom(ownKeys(db, userId, filter).as("own")).select(["own.source", "own.key", "own.sort_at"]).orderBy("own.sort_at", "desc").orderBy("own.key", "asc");
  return (page ? q.offset(page.offset).limit(page.limit) : q).execute();
}

export async function countOwnSubmissionKeys(db: Executor, userId: string, filter: OwnSubmissionFilter): Promise<number> {
  const row = await db
    .selectFrom(ownKeys(db, userId, filter).as("own"))
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An information-request response as "my submissions" lists it; its answers are read through the request's own read functions. */
export interface OwnRequestResponseRow {
  id: string;
  request_id: string;
  request_slug: string;
  request_title: string;
  request_status: RequestStatus;
  deadline: string;
  results_published_at: string | null;
  organisation_id: string;
  organisation_slug: string;
  organisation_name: string;
  status: ResponseStatus;
  revision: number;
  decline_reason: string | null;
  has_draft: number;
  updated_at: string;
  /** The latest revision this user submitted themselves, if any. */
  own_reference: string | null;
  own_submitted_at: string | null;
}

/** The given responses (ids from listOwnSubmissionKeys), only those the user wrote for. */
export async function listOwnRequestResponses(db: Executor, userId: string, ids: readonly string[]): Promise<OwnRequestResponseRow[]> {
  const out: OwnRequestResponseRow[] = [];
  for (let i = 0; i < ids.length; i += HYDRATE_CHUNK) {
    const chunk = ids.slice(i, i + HYDRATE_CHUNK);
    const rows = await db
      .selectFrom("info_response")
      .innerJoin("info_request", "info_request.id", "info_response.request_id")
      .innerJoin("organisation", "organisation.id", "info_response.organisation_id")
      .select([
        "info_response.id",
        "info_response.request_id",
        "info_request.slug as request_slug",
        "info_request.title as request_title",
        "info_request.status as request_status",
        "info_request.deadline",
        "info_request.results_published_at",
        "organisation.id as organisation_id",
        "organisation.slug as organisation_slug",
        "organisation.name as organisation_name",
        "info_response.status",
        "info_response.revision",
        "info_response.decline_reason",
        (eb) => eb.case().when("info_response.draft", "is not", null).then(1).else(0).end().as("has_draft"),
        "info_response.updated_at",
      ])
      .where("info_response.id", "in", chunk)
      .where(wroteFor(userId))
      .execute();
    const mine = await db
      .selectFrom("info_response_revision")
      .select(["response_id", "revision", "reference", "submitted_at"])
      .where("response_id", "in", chunk)
      .where("submitted_by", "=", userId)
      .orderBy("revision", "desc")
      .execute();
    for (const r of rows) {
      const own = mine.find((m) => m.response_id === r.id);
      out.push({ ...r, revision: Number(r.revision), has_draft: Number(r.has_draft), own_reference: own?.reference ?? null, own_submitted_at: own?.submitted_at ?? null });
    }
  }
  return out;
}
