import type { Db, Executor } from "../../../db/client.js";
import { findRequestById } from "../../../db/queries/request.js";
import { listRequestEntryPayloads, markResultsPublished } from "../../../db/queries/request-results.js";
import type { InfoRequestRow } from "../../../db/schema.js";
import type { Actor } from "../../auth/policy.js";
import { isPastDeadline } from "../../auth/request-policy.js";
import { AppError, notFound } from "../../errors.js";
import { nowIso } from "../../ids.js";
import { appendToChain, type SiteLedgerEvent } from "../../ledger/append.js";
import { PUBLIC_CHAIN } from "../../ledger/chain.js";
import { visibleRequest } from "./load.js";
import { computeResults, type ResultsDocument } from "./results.js";

/**
 * Publishing a request's results: once, after the deadline, on the first read (or a
 * sweep), in one transaction that marks the request published and appends the
 * results_published entry with the whole document. From then on every reader is
 * served that recorded document, so the published numbers can never move.
 */

export const RESULTS_PUBLISHED = "results_published";

export function resultsPublishedEvent(request: Pick<InfoRequestRow, "id" | "slug">, results: ResultsDocument): SiteLedgerEvent {
  return {
    kind: "request",
    consultationId: null,
    subjectId: request.id,
    createdAt: results.publishedAt,
    payload: { slug: request.slug, action: RESULTS_PUBLISHED, results: results as unknown as Record<string, unknown> },
  };
}

/** The results a request's ledger entry recorded, or null before publication. */
export async function recordedResults(db: Executor, requestId: string): Promise<ResultsDocument | null> {
  for (const text of await listRequestEntryPayloads(db, requestId)) {
    const payload = JSON.parse(text) as { action?: string; results?: ResultsDocument };
    if (payload.action === RESULTS_PUBLISHED && payload.results) return payload.results;
  }
  return null;
}

/**
 * The request's published results, publishing them first if nobody has. Two first
 * readers at once make one entry: only the one whose conditional update marks the
 * request computes and records; the other reads what it recorded.
 */
export async function publishResults(db: Db, request: InfoRequestRow, now: Date = new Date()): Promise<ResultsDocument> {
  if (request.status !== "issued") throw notFound("That request");
  if (!isPastDeadline(request, now)) throw resultsNotYet(request);
  if (request.results_published_at !== null) {
    const recorded = await recordedResults(db.kysely, request.id);
    if (recorded) return recorded;
  }
  return db.kysely.transaction().execute(async (tx) => {
    const at = nowIso(now);
    if (!(await markResultsPublished(tx, request.id, at))) {
      const recorded = await recordedResults(tx, request.id);
      if (!recorded) throw new Error(`request ${request.id} is marked published but its results entry is missing`);
      return recorded;
    }
    // The row as this transaction sees it: a deadline moved meanwhile must not be published past.
    const current = await findRequestById(tx, request.id);
    if (!current || !isPastDeadline(current, now)) throw resultsNotYet(current ?? request);
    const results = await computeResults(tx, current, at);
    await appendToChain(tx, db.dialect, PUBLIC_CHAIN, resultsPublishedEvent(current, results));
    return results;
  });
}

/** Publishes every issued request whose deadline has passed and whose results nobody has read yet (for a sweep or the CLI). */
export async function publishDueResults(db: Db, now: Date = new Date()): Promise<string[]> {
  const unpublished = await db.kysely.selectFrom("info_request").select(["id", "deadline"]).where("status", "=", "issued").where("results_published_at", "is", null).execute();
  const published: string[] = [];
  for (const { id } of unpublished.filter((r) => isPastDeadline(r, now))) {
    const request = await findRequestById(db.kysely, id);
    if (!request || request.results_published_at !== null) continue;
    await publishResults(db, request, now);
    published.push(request.slug);
  }
  return published;
}

/** The refusal before the deadline: the results do not exist yet (409, with when they will). */
export function resultsNotYet(request: Pick<InfoRequestRow, "deadline">): AppError {
  return new AppError("conflict", `The results are published after the deadline, ${request.deadline}.`);
}

export type ServedResults = { state: "pending"; request: InfoRequestRow } | { state: "published"; request: InfoRequestRow; results: ResultsDocument };

/**
 * What a reader is served of a request's results: a 404 for a draft (whoever asks:
 * a draft has no results), "pending" before the deadline, else the published document.
 */
export async function servedResults(db: Db, actor: Actor, slugOrId: string, now: Date = new Date()): Promise<ServedResults> {
  const ctx = await visibleRequest(db.kysely, actor, slugOrId, now);
  const request = ctx.detail.request;
  if (request.status !== "issued") throw notFound("That request");
  if (!ctx.can("request.viewResults")) return { state: "pending", request };
  return { state: "published", request, results: await publishResults(db, request, now) };
}
