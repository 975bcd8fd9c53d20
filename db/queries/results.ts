import type { SelectQueryBuilder } from "kysely";
import type { Executor } from "../client.js";
import type { Database, DispositionOutcome } from "../schema.js";
import { openCommentText } from "./sealed-text.js";

/**
 * The reads behind the e-Gov results table (issue 18, ADR 034). Each groups in
 * SQL and returns what the table numbers and orders, never a comment's text:
 * texts are read only for the rows printed (`commentTexts`, `firstPublicMember`).
 *
 * Who counts: the version window's public first comments (never a confidential
 * one, a pending or a hidden one); a comment its author withdrew counts only when
 * it had been answered, as in the flat report.
 */
export interface ResultsWindow {
  consultationId: string;
  /** Inclusive; null for the first version (its window starts with the consultation). */
  from: string | null;
  /** Exclusive; null while no later version exists. */
  until: string | null;
}

function counted(db: Executor, w: ResultsWindow) {
  let q = db
    .selectFrom("comment as c")
    .leftJoin("disposition as d", (j) => j.onRef("d.comment_id", "=", "c.id").on("d.superseded_at", "is", null))
    .leftJoin("group_response as gr", (j) => j.onRef("gr.id", "=", "d.group_response_id").on("gr.superseded_at", "is", null))
    .where("c.consultation_id", "=", w.consultationId)
    .where("c.parent_id", "is", null)
    .where("c.visibility", "=", "public")
    .where((eb) => eb.or([eb("c.status", "=", "published"), eb.and([eb("c.status", "=", "deleted"), eb("d.id", "is not", null)])]));
  if (w.from !== null) q = q.where("c.created_at", ">=", w.from);
  if (w.until !== null) q = q.where("c.created_at", "<", w.until);
  return q as SelectQueryBuilder<Database & { c: Database["comment"]; d: Database["disposition"]; gr: Database["group_response"] }, "c" | "d" | "gr", object>;
}

/**
 * Per current group response, section and status: how many of the window's counted comments carry it, and the
 * first one's time (the status tells published members from withdrawn ones, for the awaiting count).
 */
export async function countGroupMembers(db: Executor, w: ResultsWindow): Promise<{ group_response_id: string; section_id: string; published: boolean; n: number; first_at: string }[]> {
  const rows = await counted(db, w)
    .where("gr.id", "is not", null)
    .select(["gr.id as group_response_id", "c.section_id", "c.status"])
    .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.min<string>("c.created_at").as("first_at")])
    .groupBy(["gr.id", "c.section_id", "c.status"])
    .execute();
  return rows.map((r) => ({ group_response_id: String(r.group_response_id), section_id: r.section_id, published: r.status === "published", n: Number(r.n), first_at: r.first_at }));
}

export interface IndividualAnswer {
  comment_id: string;
  section_id: string;
  created_at: string;
  withdrawn: boolean;
  outcome: DispositionOutcome;
  response: string;
  change_set_ids: string;
  version_id: string | null;
}

/**
 * The window's counted comments answered one by one (their current response carries no group answer, or one
 * since superseded), without their texts. Read from the responses' side: only these few comments are looked up.
 */
export async function listIndividualAnswers(db: Executor, w: ResultsWindow): Promise<IndividualAnswer[]> {
  let q = db
    .selectFrom("disposition as d")
    .innerJoin("comment as c", "c.id", "d.comment_id")
    .select(["c.id as comment_id", "c.section_id", "c.created_at", "c.status", "d.outcome", "d.response", "d.change_set_ids", "d.version_id"])
    .where("d.consultation_id", "=", w.consultationId)
    .where("d.superseded_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("d.group_response_id", "is", null),
        eb("d.group_response_id", "in", eb.selectFrom("group_response").select("id").where("consultation_id", "=", w.consultationId).where("superseded_at", "is not", null)),
      ]),
    )
    .where("c.parent_id", "is", null)
    .where("c.visibility", "=", "public")
    .where("c.status", "in", ["published", "deleted"]);
  if (w.from !== null) q = q.where("c.created_at", ">=", w.from);
  if (w.until !== null) q = q.where("c.created_at", "<", w.until);
  const rows = await q.orderBy("c.created_at", "asc").orderBy("c.id", "asc").execute();
  return rows.map((r) => ({
    comment_id: r.comment_id,
    section_id: r.section_id,
    created_at: r.created_at,
    withdrawn: r.status === "deleted",
    outcome: r.outcome,
    response: r.response,
    change_set_ids: r.change_set_ids,
    version_id: r.version_id,
  }));
}

/** Per section: the window's public, published first comments (answered or not), read from an index alone. */
export async function countPublished(db: Executor, w: ResultsWindow): Promise<{ section_id: string; n: number }[]> {
  let q = db
    .selectFrom("comment as c")
    .select("c.section_id")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("c.consultation_id", "=", w.consultationId)
    .where("c.visibility", "=", "public")
    .where("c.parent_id", "is", null)
    .where("c.status", "=", "published");
  if (w.from !== null) q = q.where("c.created_at", ">=", w.from);
  if (w.until !== null) q = q.where("c.created_at", "<", w.until);
  const rows = await q.groupBy("c.section_id").execute();
  return rows.map((r) => ({ section_id: r.section_id, n: Number(r.n) }));
}

/** Confidential submissions of the window: counted, never listed (as the flat report does). */
export async function countConfidentialSubmissions(db: Executor, w: ResultsWindow): Promise<number> {
  let q = db
    .selectFrom("comment")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("consultation_id", "=", w.consultationId)
    .where("parent_id", "is", null)
    .where("visibility", "=", "confidential")
    .where("status", "!=", "deleted");
  if (w.from !== null) q = q.where("created_at", ">=", w.from);
  if (w.until !== null) q = q.where("created_at", "<", w.until);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

const IN_CHUNK = 500;

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) out.push(...(await read(ids.slice(i, i + IN_CHUNK))));
  return out;
}

/** The considered answers and their groups' words (the team's gist, its label, its canonical comment). */
export async function findGroupResponses(db: Executor, consultationId: string, ids: readonly string[]) {
  return inChunks(ids, (chunk) =>
    db
      .selectFrom("group_response as gr")
      .innerJoin("comment_group as g", "g.id", "gr.group_id")
      .select(["gr.id", "gr.outcome", "gr.response", "gr.change_set_ids", "gr.version_id", "g.kind", "g.gist", "g.label", "g.canonical_id"])
      .where("gr.consultation_id", "=", consultationId)
      .where("gr.id", "in", chunk)
      .execute(),
  );
}

/** The texts of public, published comments among `ids` (others are simply absent: a confidential or hidden text is never read out). */
export async function commentTexts(db: Executor, consultationId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await inChunks(ids, (chunk) =>
    db
      .selectFrom("comment")
      .select(["id", "body"])
      .where("consultation_id", "=", consultationId)
      .where("id", "in", chunk)
      .where("visibility", "=", "public")
      .where("status", "=", "published")
      .execute(),
  );
  return new Map(rows.map((r) => [r.id, openCommentText(r).body]));
}

/** The text of the first public, published comment of the window that carries a group response: what stands for a group without words of its own. */
export async function firstPublicMember(db: Executor, w: ResultsWindow, groupResponseId: string): Promise<string | null> {
  let q = db
    .selectFrom("disposition as d")
    .innerJoin("comment as c", "c.id", "d.comment_id")
    .select(["c.id", "c.body"])
    .where("d.consultation_id", "=", w.consultationId)
    .where("d.group_response_id", "=", groupResponseId)
    .where("d.superseded_at", "is", null)
    .where("c.visibility", "=", "public")
    .where("c.status", "=", "published")
    .where("c.parent_id", "is", null);
  if (w.from !== null) q = q.where("c.created_at", ">=", w.from);
  if (w.until !== null) q = q.where("c.created_at", "<", w.until);
  const row = await q.orderBy("c.created_at", "asc").orderBy("c.id", "asc").limit(1).executeTakeFirst();
  return row ? openCommentText(row).body : null;
}

/** Which of `ids` are change sets of the consultation (public ones only for the public), with their sections (a link goes to the section's history). */
export async function changeSetSections(db: Executor, consultationId: string, ids: readonly string[], publicOnly: boolean): Promise<Map<string, string>> {
  const rows = await inChunks(ids, (chunk) => {
    let q = db
      .selectFrom("change_set")
      .innerJoin("section", "section.id", "change_set.section_id")
      .select(["change_set.id", "change_set.section_id"])
      .where("section.consultation_id", "=", consultationId)
      .where("change_set.id", "in", chunk);
    if (publicOnly) q = q.where("change_set.public", "=", 1);
    return q.execute();
  });
  return new Map(rows.map((r) => [r.id, r.section_id]));
}
