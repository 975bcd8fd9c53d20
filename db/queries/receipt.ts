import type { Executor } from "../client.js";
import type { CommentStatus, DispositionOutcome, ReceiptRow, ReceiptSubject, SuggestionStatus, Visibility } from "../schema.js";
import { openCommentText, openEditText } from "./sealed-text.js";

export async function insertReceipt(db: Executor, row: ReceiptRow): Promise<void> {
  await db.insertInto("receipt").values(row).execute();
}

export async function receiptExists(db: Executor, reference: string): Promise<boolean> {
  const row = await db.selectFrom("receipt").select("reference").where("reference", "=", reference).executeTakeFirst();
  return row !== undefined;
}

/** A receipt, only when it belongs to `userId` (anyone else's is as absent as a wrong number). */
export async function findOwnReceipt(db: Executor, userId: string, reference: string): Promise<ReceiptRow | undefined> {
  return db
    .selectFrom("receipt")
    .select(["reference", "subject_kind", "subject_id", "user_id", "consultation_id", "chain", "seq", "hash", "digest", "salted", "created_at"])
    .where("reference", "=", reference)
    .where("user_id", "=", userId)
    .executeTakeFirst()
    .then((r) => r && { ...r, seq: Number(r.seq), salted: Number(r.salted) });
}

/** One line of "my submissions": the receipt with what became of its submission. */
export interface OwnSubmissionRow {
  reference: string;
  subject_kind: ReceiptSubject;
  subject_id: string;
  seq: number;
  salted: number;
  created_at: string;
  consultation_slug: string;
  consultation_title: string;
  section_id: string | null;
  section_title: string | null;
  comment_kind: string | null;
  comment_body: string | null;
  /** A suggested amendment's proposed text. */
  comment_replacement: string | null;
  comment_parent_id: string | null;
  comment_status: CommentStatus | null;
  comment_visibility: Visibility | null;
  moderation_reason: string | null;
  edited_at: string | null;
  suggestion_status: SuggestionStatus | null;
  decided_at: string | null;
  decision_reason: string | null;
  position_stance: string | null;
  position_rationale: string | null;
  position_superseded_at: string | null;
  outcome: DispositionOutcome | null;
  response: string | null;
  responded_at: string | null;
}

/** The user's receipts of these references (from listOwnSubmissionKeys), with their submissions' current state and response. */
export async function listOwnSubmissions(db: Executor, userId: string, references: readonly string[]): Promise<OwnSubmissionRow[]> {
  if (references.length === 0) return [];
  const rows = await db
    .selectFrom("receipt")
    .innerJoin("consultation", "consultation.id", "receipt.consultation_id")
    .leftJoin("comment", (j) => j.onRef("comment.id", "=", "receipt.subject_id").on("receipt.subject_kind", "=", "comment"))
    .leftJoin("position", (j) => j.onRef("position.id", "=", "receipt.subject_id").on("receipt.subject_kind", "=", "position"))
    .leftJoin("section", (j) => j.on((eb) => eb.or([eb("section.id", "=", eb.ref("comment.section_id")), eb("section.id", "=", eb.ref("position.section_id"))])))
    .leftJoin("disposition", (j) => j.onRef("disposition.comment_id", "=", "comment.id").on("disposition.superseded_at", "is", null))
    .select([
      "receipt.reference",
      "receipt.subject_kind",
      "receipt.subject_id",
      "receipt.seq",
      "receipt.salted",
      "receipt.created_at",
      "consultation.slug as consultation_slug",
      "consultation.title as consultation_title",
      "section.id as section_id",
      "section.title as section_title",
      "comment.kind as comment_kind",
      "comment.body as comment_body",
      "comment.replacement as comment_replacement",
      "comment.parent_id as comment_parent_id",
      "comment.status as comment_status",
      "comment.visibility as comment_visibility",
      "comment.moderation_reason",
      "comment.edited_at",
      "comment.suggestion_status",
      "comment.decided_at",
      "comment.decision_reason",
      "position.stance as position_stance",
      "position.rationale as position_rationale",
      "position.superseded_at as position_superseded_at",
      "disposition.outcome",
      "disposition.response",
      "disposition.created_at as responded_at",
    ])
    .where("receipt.user_id", "=", userId)
    .where("receipt.reference", "in", references)
    .execute();
  return rows.map((r) => {
    const opened = r.comment_body === null ? null : openCommentText({ id: r.subject_id, body: r.comment_body, replacement: r.comment_replacement });
    return { ...r, comment_body: opened?.body ?? null, comment_replacement: opened?.replacement ?? null, seq: Number(r.seq), salted: Number(r.salted) };
  });
}

/** What a receipt file is made of beyond the receipt row: titles, the entry's salt and the text as first submitted. */
export async function findReceiptDetails(db: Executor, r: ReceiptRow) {
  const consultation = await db.selectFrom("consultation").select(["slug", "title"]).where("id", "=", r.consultation_id).executeTakeFirstOrThrow();
  const entry = await db.selectFrom("ledger_entry").select(["salt", "section_id"]).where("chain", "=", r.chain).where("seq", "=", r.seq).executeTakeFirst();
  const section = entry?.section_id ? await db.selectFrom("section").select(["id", "title"]).where("id", "=", entry.section_id).executeTakeFirst() : undefined;
  return { consultation, salt: entry?.salt ?? null, section: section ?? null, text: await originalText(db, r) };
}

/** The text as submitted: the oldest kept earlier text when it was edited, null once its author deleted it. */
async function originalText(db: Executor, r: ReceiptRow): Promise<string | null> {
  if (r.subject_kind === "position") {
    const p = await db.selectFrom("position").select("rationale").where("id", "=", r.subject_id).executeTakeFirst();
    return p?.rationale ?? null;
  }
  const first = await db.selectFrom("comment_edit").select(["id", "body"]).where("comment_id", "=", r.subject_id).orderBy("replaced_at", "asc").limit(1).executeTakeFirst();
  if (first) return openEditText(first.id, first.body);
  const c = await db.selectFrom("comment").select(["id", "body", "status"]).where("id", "=", r.subject_id).executeTakeFirst();
  return c && c.status !== "deleted" ? openCommentText(c).body : null;
}
