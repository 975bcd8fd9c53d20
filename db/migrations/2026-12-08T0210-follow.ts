import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * Following (issue 16): the events found by the periodic sweep rather than by a
 * write (a consultation's window opening or closing by time, "closing soon", a
 * request's deadline drawing near).
 *
 * - `notify_sweep`: one row per such event once it was handled, keyed like the
 *   notifications' dedupe keys. The sweep inserts it first in the transaction
 *   that notifies, so a second node (or a later tick) finds it and does
 *   nothing, and people who follow after the event are not told of it late.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notify_sweep")
    .addColumn("event_key", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notify_sweep").execute();
}
