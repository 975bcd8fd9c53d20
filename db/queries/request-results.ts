import type { Executor } from "../client.js";
import type { DisclosureLevel, OrganisationKind, ResponseStatus } from "../schema.js";

/**
 * What a request's results are computed from, and where they are recorded once
 * published. A respondent is an organisation with a submitted revision that it has
 * not since declined; only the answers of its latest submitted revision count.
 */

export interface CountedAnswerRow {
  answer_id: string;
  response_id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_slug: string;
  organisation_kind: OrganisationKind;
  question_id: string;
  level: DisclosureLevel;
  /** As stored: sealed unless the level is public. */
  value: string;
  submitted_at: string;
}

/** The answers of every respondent's latest submitted revision. */
export async function listCountedAnswers(db: Executor, requestId: string): Promise<CountedAnswerRow[]> {
  return db
    .selectFrom("info_answer")
    .innerJoin("info_response", (j) => j.onRef("info_response.id", "=", "info_answer.response_id").onRef("info_response.revision", "=", "info_answer.revision"))
    .innerJoin("info_response_revision", (j) =>
      j.onRef("info_response_revision.response_id", "=", "info_answer.response_id").onRef("info_response_revision.revision", "=", "info_answer.revision")
    )
    .innerJoin("organisation", "organisation.id", "info_response.organisation_id")
    .select([
      "info_answer.id as answer_id",
      "info_answer.response_id",
      "info_response.organisation_id",
      "organisation.name as organisation_name",
      "organisation.slug as organisation_slug",
      "organisation.kind as organisation_kind",
      "info_answer.question_id",
      "info_answer.level",
      "info_answer.value",
      "info_response_revision.submitted_at",
    ])
    .where("info_response.request_id", "=", requestId)
    .where("info_response.status", "!=", "declined")
    .where("info_response.revision", ">", 0)
    .orderBy("info_answer.id")
    .execute();
}

export interface ResponseStatusRow {
  organisation_id: string;
  organisation_kind: OrganisationKind;
  status: ResponseStatus;
  revision: number;
  decline_reason: string | null;
}

/** Every organisation's response to a request (its status only; never its answers). */
export async function listResponseStatuses(db: Executor, requestId: string): Promise<ResponseStatusRow[]> {
  return db
    .selectFrom("info_response")
    .innerJoin("organisation", "organisation.id", "info_response.organisation_id")
    .select(["info_response.organisation_id", "organisation.kind as organisation_kind", "info_response.status", "info_response.revision", "info_response.decline_reason"])
    .where("info_response.request_id", "=", requestId)
    .orderBy("info_response.organisation_id")
    .execute();
}

/**
 * Marks a request's results published unless something already did; false when
 * another reader won (on PostgreSQL the row lock makes the loser wait and see it set).
 */
export async function markResultsPublished(db: Executor, requestId: string, at: string): Promise<boolean> {
  const r = await db.updateTable("info_request").set({ results_published_at: at }).where("id", "=", requestId).where("results_published_at", "is", null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The payloads of a request's public ledger entries, oldest first. */
export async function listRequestEntryPayloads(db: Executor, requestId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select("payload")
    .where("chain", "=", "public")
    .where("kind", "=", "request")
    .where("subject_id", "=", requestId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => r.payload);
}
