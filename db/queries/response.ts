import type { Executor } from "../client.js";
import type { AccessLogRow, DisclosureLevel, InfoAnswerRow, InfoResponseRevisionRow, InfoResponseRow } from "../schema.js";

// Responses to information requests: drafts, revisions, answers and the access log.

/** The organisation's response; `lock` (PostgreSQL) holds its row until the transaction ends, so two submissions cannot take the same revision number. */
export async function findResponse(db: Executor, requestId: string, organisationId: string, lock = false): Promise<InfoResponseRow | undefined> {
  const q = db.selectFrom("info_response").selectAll().where("request_id", "=", requestId).where("organisation_id", "=", organisationId);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertResponse(db: Executor, row: InfoResponseRow): Promise<void> {
  await db.insertInto("info_response").values(row).execute();
}

export async function updateResponse(db: Executor, id: string, set: Partial<Omit<InfoResponseRow, "id" | "request_id" | "organisation_id">>): Promise<void> {
  await db.updateTable("info_response").set(set).where("id", "=", id).execute();
}

export async function insertRevision(db: Executor, row: InfoResponseRevisionRow): Promise<void> {
  await db.insertInto("info_response_revision").values(row).execute();
}

export async function revisionReferenceExists(db: Executor, reference: string): Promise<boolean> {
  return (await db.selectFrom("info_response_revision").select("reference").where("reference", "=", reference).executeTakeFirst()) !== undefined;
}

export interface RevisionWithSubmitter extends InfoResponseRevisionRow {
  submitter_name: string | null;
}

/** A response's revisions, newest first, with who submitted each. */
export async function listRevisions(db: Executor, responseId: string): Promise<RevisionWithSubmitter[]> {
  return db
    .selectFrom("info_response_revision")
    .leftJoin("user", "user.id", "info_response_revision.submitted_by")
    .selectAll("info_response_revision")
    .select("user.display_name as submitter_name")
    .where("info_response_revision.response_id", "=", responseId)
    .orderBy("info_response_revision.revision", "desc")
    .execute();
}

export async function insertAnswers(db: Executor, rows: InfoAnswerRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("info_answer").values(rows).execute();
}

export async function listRevisionAnswers(db: Executor, responseId: string, revision: number): Promise<InfoAnswerRow[]> {
  return db.selectFrom("info_answer").selectAll().where("response_id", "=", responseId).where("revision", "=", revision).execute();
}

/** Every revision's answer levels (no values): enough to tell which exports held a restricted answer. */
export async function listAnswerLevels(db: Executor, responseId: string): Promise<{ revision: number; level: DisclosureLevel }[]> {
  return db.selectFrom("info_answer").select(["revision", "level"]).where("response_id", "=", responseId).execute();
}

export interface AnswerWithOrganisation extends InfoAnswerRow {
  organisation_id: string;
  organisation_name: string;
  organisation_kind: string;
  submitted_at: string;
}

/**
 * The answers of every organisation's latest submitted revision at the given levels.
 * The levels are a filter in the query itself, so a level left out (aggregate) is
 * never even read from the database.
 */
export async function listLatestAnswersAtLevels(db: Executor, requestId: string, levels: readonly DisclosureLevel[]): Promise<AnswerWithOrganisation[]> {
  if (levels.length === 0) return [];
  return db
    .selectFrom("info_answer")
    .innerJoin("info_response", (j) => j.onRef("info_response.id", "=", "info_answer.response_id").onRef("info_response.revision", "=", "info_answer.revision"))
    .innerJoin("organisation", "organisation.id", "info_response.organisation_id")
    .innerJoin("info_response_revision", (j) => j.onRef("info_response_revision.response_id", "=", "info_answer.response_id").onRef("info_response_revision.revision", "=", "info_answer.revision"))
    .selectAll("info_answer")
    .select(["organisation.id as organisation_id", "organisation.name as organisation_name", "organisation.kind as organisation_kind", "info_response_revision.submitted_at"])
    .where("info_response.request_id", "=", requestId)
    .where("info_response.status", "=", "submitted")
    .where("info_answer.level", "in", [...levels])
    .orderBy("organisation.name")
    .orderBy("organisation.id")
    .execute();
}

export async function insertAccessLog(db: Executor, rows: AccessLogRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("access_log").values(rows).execute();
}

/** The reads of one response's answers, newest first. */
export async function listResponseReads(db: Executor, responseId: string): Promise<AccessLogRow[]> {
  return db.selectFrom("access_log").selectAll().where("response_id", "=", responseId).where("subject_kind", "=", "answer").orderBy("at", "desc").orderBy("id").execute();
}

/** A request's bulk exports (one row each, not tied to a response), newest first. */
export async function listRequestExports(db: Executor, requestId: string): Promise<AccessLogRow[]> {
  return db
    .selectFrom("access_log")
    .selectAll()
    .where("request_id", "=", requestId)
    .where("subject_kind", "=", "answer")
    .where("action", "=", "export")
    .orderBy("at", "desc")
    .orderBy("id")
    .execute();
}

/** How many reads and exports of a request's answers are logged. */
export async function countRequestAccess(db: Executor, requestId: string): Promise<{ reads: number; exports: number }> {
  const rows = await db
    .selectFrom("access_log")
    .select(["action", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("request_id", "=", requestId)
    .where("subject_kind", "=", "answer")
    .groupBy("action")
    .execute();
  const of = (a: string) => Number(rows.find((r) => r.action === a)?.n ?? 0);
  return { reads: of("read"), exports: of("export") };
}
