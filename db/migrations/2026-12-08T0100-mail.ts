import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * E-mail, accounts and notifications (issue 16).
 *
 * - `user` learns whether its address is verified (existing accounts count as
 *   verified: they were made by an operator or signed up before verification
 *   existed), when its holder consented to the privacy notice, whether it was
 *   deleted and how its submissions are then shown, its notification settings
 *   (JSON, per kind: in the app and by e-mail), its digest choice, and the key
 *   that signs its one-click unsubscribe links.
 * - `account_token`: single-use, expiring links for verification, password
 *   reset and change of e-mail; only a SHA-256 of the secret is stored.
 * - `invitation`: an invitation by e-mail to a consultation's team or an
 *   organisation, for someone who may not have an account yet.
 * - `notification`: one row per person and event, unique per (user, dedupe key),
 *   so the same event never notifies twice, whichever node sees it.
 * - `follow`: who follows a consultation, a section or an organisation's requests.
 * - `mail_outbox`: the durable mail queue, written in the transaction of the event
 *   that causes the mail; delivery reads it off the request path.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("email_verified_at", "text").execute();
  await db.schema.alterTable("user").addColumn("consented_at", "text").execute();
  await db.schema.alterTable("user").addColumn("deleted_at", "text").execute();
  await db.schema.alterTable("user").addColumn("deleted_shown_as", "text").execute();
  await db.schema.alterTable("user").addColumn("notify_prefs", "text", (c) => c.notNull().defaultTo("{}")).execute();
  await db.schema.alterTable("user").addColumn("digest", "text", (c) => c.notNull().defaultTo("off")).execute();
  await db.schema.alterTable("user").addColumn("mail_key", "text").execute();
  await db.updateTable("user").set((eb: any) => ({ email_verified_at: eb.ref("created_at") })).execute();

  await db.schema
    .createTable("account_token")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("account_token_user").on("account_token").columns(["user_id", "purpose"]).execute();

  await db.schema
    .createTable("invitation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("consultation_id", "text", (c) => c.references("consultation.id").onDelete("cascade"))
    .addColumn("role", "text")
    .addColumn("organisation_id", "text", (c) => c.references("organisation.id").onDelete("cascade"))
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("invited_by", "text", (c) => c.notNull().references("user.id"))
    .addColumn("locale", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("accepted_by", "text", (c) => c.references("user.id"))
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("invitation_consultation").on("invitation").column("consultation_id").execute();
  await db.schema.createIndex("invitation_organisation").on("invitation").column("organisation_id").execute();

  await db.schema
    .createTable("notification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull())
    .addColumn("consultation_id", "text")
    .addColumn("params", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addColumn("mail_state", "text", (c) => c.notNull().defaultTo("none"))
    .execute();
  await db.schema.createIndex("notification_dedupe").on("notification").columns(["user_id", "dedupe_key"]).unique().execute();
  await db.schema.createIndex("notification_user_time").on("notification").columns(["user_id", "created_at"]).execute();
  await db.schema.createIndex("notification_mail_state").on("notification").columns(["mail_state", "user_id"]).execute();

  await db.schema
    .createTable("follow")
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("follow_pk", ["user_id", "target_kind", "target_id"])
    .execute();
  await db.schema.createIndex("follow_target").on("follow").columns(["target_kind", "target_id"]).execute();

  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("headers", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("mail_outbox_due").on("mail_outbox").columns(["status", "next_attempt_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["mail_outbox", "follow", "notification", "invitation", "account_token"]) await db.schema.dropTable(table).execute();
  for (const column of ["mail_key", "digest", "notify_prefs", "deleted_shown_as", "deleted_at", "consented_at", "email_verified_at"]) {
    await db.schema.alterTable("user").dropColumn(column).execute();
  }
}
