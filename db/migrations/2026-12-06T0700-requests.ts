import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * Information requests with protected disclosure (issue 14).
 *
 * - recipient_body(+_member): named groups of accounts that may read restricted
 *   answers; their membership is public.
 * - info_request and its questions, recipient bodies, invited organisations and
 *   linked sections. `open_to_kinds` (JSON array) invites any verified
 *   organisation of those kinds besides the named list.
 * - info_response: one per organisation and request (draft, submitted or declined);
 *   the draft is kept sealed, since it may hold restricted answers.
 * - info_response_revision / info_answer: each submission is a revision; every
 *   answer carries the disclosure level its author chose, and its value is sealed
 *   unless that level is public.
 * - access_log: every read of a restricted answer or confidential submission.
 * - consultation_recipient: the bodies that read a consultation's confidential
 *   submissions (none named: the owners and drafters).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("recipient_body")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("recipient_body_member")
    .addColumn("body_id", "text", (c) => c.notNull().references("recipient_body.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("recipient_body_member_pk", ["body_id", "user_id"])
    .execute();
  await db.schema.createIndex("recipient_body_member_user_idx").on("recipient_body_member").column("user_id").execute();

  await db.schema
    .createTable("info_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("legal_basis", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("retention_days", "integer", (c) => c.notNull())
    .addColumn("k_threshold", "integer", (c) => c.notNull())
    .addColumn("open_to_kinds", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("issued_at", "text")
    .addColumn("results_published_at", "text")
    .execute();
  await db.schema
    .createTable("info_request_question")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("request_id", "text", (c) => c.notNull().references("info_request.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("prompt", "text", (c) => c.notNull())
    .addColumn("help", "text")
    .addColumn("choices", "text")
    .addColumn("max_level", "text", (c) => c.notNull())
    .addColumn("required", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("info_request_question_request_idx").on("info_request_question").columns(["request_id", "position"]).execute();
  await db.schema
    .createTable("info_request_recipient")
    .addColumn("request_id", "text", (c) => c.notNull().references("info_request.id").onDelete("cascade"))
    .addColumn("body_id", "text", (c) => c.notNull().references("recipient_body.id").onDelete("restrict"))
    .addPrimaryKeyConstraint("info_request_recipient_pk", ["request_id", "body_id"])
    .execute();
  await db.schema
    .createTable("info_request_invitation")
    .addColumn("request_id", "text", (c) => c.notNull().references("info_request.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("invited_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("info_request_invitation_pk", ["request_id", "organisation_id"])
    .execute();
  await db.schema
    .createTable("info_request_section")
    .addColumn("request_id", "text", (c) => c.notNull().references("info_request.id").onDelete("cascade"))
    .addColumn("section_id", "text", (c) => c.notNull().references("section.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("info_request_section_pk", ["request_id", "section_id"])
    .execute();
  await db.schema.createIndex("info_request_section_section_idx").on("info_request_section").column("section_id").execute();

  await db.schema
    .createTable("info_response")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("request_id", "text", (c) => c.notNull().references("info_request.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("draft", "text")
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("decline_reason", "text")
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("info_response_request_org_unique", ["request_id", "organisation_id"])
    .execute();
  await db.schema
    .createTable("info_response_revision")
    .addColumn("response_id", "text", (c) => c.notNull().references("info_response.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("digest", "text", (c) => c.notNull())
    .addColumn("submitted_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("info_response_revision_pk", ["response_id", "revision"])
    .execute();
  await db.schema
    .createTable("info_answer")
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("response_id", "text", (c) => c.notNull().references("info_response.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull().references("info_request_question.id").onDelete("cascade"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("info_answer_pk", ["response_id", "revision", "question_id"])
    .execute();

  await db.schema
    .createTable("access_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject_kind", "text", (c) => c.notNull())
    .addColumn("request_id", "text", (c) => c.references("info_request.id").onDelete("cascade"))
    .addColumn("response_id", "text", (c) => c.references("info_response.id").onDelete("cascade"))
    .addColumn("question_id", "text")
    .addColumn("comment_id", "text", (c) => c.references("comment.id").onDelete("cascade"))
    .addColumn("consultation_id", "text", (c) => c.references("consultation.id").onDelete("cascade"))
    .addColumn("reader_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("reader_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("items", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("access_log_response_idx").on("access_log").columns(["response_id", "at"]).execute();
  await db.schema.createIndex("access_log_comment_idx").on("access_log").columns(["comment_id", "at"]).execute();
  await db.schema.createIndex("access_log_request_idx").on("access_log").columns(["request_id", "at"]).execute();

  await db.schema
    .createTable("consultation_recipient")
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("body_id", "text", (c) => c.notNull().references("recipient_body.id").onDelete("restrict"))
    .addPrimaryKeyConstraint("consultation_recipient_pk", ["consultation_id", "body_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "consultation_recipient",
    "access_log",
    "info_answer",
    "info_response_revision",
    "info_response",
    "info_request_section",
    "info_request_invitation",
    "info_request_recipient",
    "info_request_question",
    "info_request",
    "recipient_body_member",
    "recipient_body",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
