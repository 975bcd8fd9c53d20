import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * The whole record (issue 13): signed checkpoints of the ledger's heads, the
 * co-signatures witnesses send, submitters' receipts, and the response reports
 * frozen when a consultation becomes final.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("ledger_checkpoint")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("chain", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("signed_at", "text", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ledger_checkpoint_chain_seq_idx").on("ledger_checkpoint").columns(["chain", "seq", "key_id"]).unique().execute();

  await db.schema
    .createTable("witness_signature")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("checkpoint_id", "text", (c) => c.notNull().references("ledger_checkpoint.id").onDelete("cascade"))
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("witness_signature_checkpoint_key_idx").on("witness_signature").columns(["checkpoint_id", "key_id"]).unique().execute();

  await db.schema
    .createTable("receipt")
    .addColumn("reference", "text", (c) => c.primaryKey())
    .addColumn("subject_kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("chain", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("digest", "text", (c) => c.notNull())
    .addColumn("salted", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("receipt_user_idx").on("receipt").columns(["user_id", "created_at"]).execute();
  await db.schema.createIndex("receipt_subject_idx").on("receipt").column("subject_id").execute();

  await db.schema
    .createTable("frozen_report")
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.notNull().references("version.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("frozen_report_pk", ["consultation_id", "version_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("frozen_report").execute();
  await db.schema.dropTable("receipt").execute();
  await db.schema.dropTable("witness_signature").execute();
  await db.schema.dropTable("ledger_checkpoint").execute();
}
