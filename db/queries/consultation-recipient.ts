import type { Executor } from "../client.js";
import type { AccessLogRow, ConsultationRole, RecipientBodyRow } from "../schema.js";

// Who reads a consultation's confidential submissions, and the record of every read.

/** The recipient bodies a consultation names, by name. */
export async function listConsultationRecipientBodies(db: Executor, consultationId: string): Promise<RecipientBodyRow[]> {
  return db
    .selectFrom("consultation_recipient")
    .innerJoin("recipient_body", "recipient_body.id", "consultation_recipient.body_id")
    .selectAll("recipient_body")
    .where("consultation_recipient.consultation_id", "=", consultationId)
    .orderBy("recipient_body.name")
    .orderBy("recipient_body.id")
    .execute();
}

export async function replaceConsultationRecipients(db: Executor, consultationId: string, bodyIds: readonly string[]): Promise<void> {
  await db.deleteFrom("consultation_recipient").where("consultation_id", "=", consultationId).execute();
  if (bodyIds.length > 0) await db.insertInto("consultation_recipient").values(bodyIds.map((body_id) => ({ consultation_id: consultationId, body_id }))).execute();
}

/**
 * Whether this account reads the consultation's confidential submissions: a member of
 * a body it names or, when it names none, one of its owners or drafters.
 */
export async function readsConfidential(db: Executor, consultationId: string, userId: string, role: ConsultationRole | null): Promise<boolean> {
  const named = await db
    .selectFrom("consultation_recipient")
    .leftJoin("recipient_body_member", (j) => j.onRef("recipient_body_member.body_id", "=", "consultation_recipient.body_id").on("recipient_body_member.user_id", "=", userId))
    .select(["consultation_recipient.body_id", "recipient_body_member.user_id"])
    .where("consultation_recipient.consultation_id", "=", consultationId)
    .execute();
  if (named.length === 0) return role === "owner" || role === "drafter";
  return named.some((r) => r.user_id !== null);
}

export async function insertAccessLog(db: Executor, rows: readonly AccessLogRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("access_log").values([...rows]).execute();
}

/** The reads of these comments, oldest first: what their submitters are shown. */
export async function listCommentAccess(db: Executor, commentIds: readonly string[]): Promise<Pick<AccessLogRow, "comment_id" | "reader_name" | "action" | "items" | "at">[]> {
  if (commentIds.length === 0) return [];
  return db
    .selectFrom("access_log")
    .select(["comment_id", "reader_name", "action", "items", "at"])
    .where("subject_kind", "=", "comment")
    .where("comment_id", "in", [...commentIds])
    .orderBy("at")
    .orderBy("id")
    .execute();
}

/** How many times the consultation's confidential submissions were read or exported (an export counts once): a public number. */
export async function countConsultationReads(db: Executor, consultationId: string): Promise<number> {
  const row = await db
    .selectFrom("access_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("subject_kind", "=", "comment")
    .where("consultation_id", "=", consultationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many confidential submissions a consultation has (not the replies in their threads): a public number. */
export async function countConfidentialInConsultation(db: Executor, consultationId: string): Promise<number> {
  const row = await db
    .selectFrom("comment")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("consultation_id", "=", consultationId)
    .where("visibility", "=", "confidential")
    .where("parent_id", "is", null)
    .where("status", "!=", "deleted")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every consultation that names recipient bodies, with their addresses (for `margin verify`). */
export async function listAllConsultationRecipients(db: Executor): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("consultation_recipient")
    .innerJoin("recipient_body", "recipient_body.id", "consultation_recipient.body_id")
    .select(["consultation_recipient.consultation_id", "recipient_body.slug"])
    .orderBy("recipient_body.slug")
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.consultation_id, [...(out.get(r.consultation_id) ?? []), r.slug]);
  return out;
}
