import { sql } from "kysely";
import type { Db, Executor } from "../client.js";
import type { MailOutboxTable, MailStatus } from "../schema.js";
import type { Insertable, Selectable } from "kysely";

export type OutboxRow = Selectable<MailOutboxTable>;
export type NewOutboxRow = Insertable<MailOutboxTable>;

export async function insertOutbox(db: Executor, rows: NewOutboxRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("mail_outbox").values(rows).execute();
}

/**
 * Takes up to `limit` due mails for this node: each moves from queued to
 * claimed with a lease, so no other node takes it until the lease ends. On
 * PostgreSQL rows another node is claiming are skipped (`for update skip
 * locked`); SQLite has one writer at a time, so a transaction is enough.
 */
export async function claimDueMail(db: Db, now: string, leaseUntil: string, limit: number): Promise<OutboxRow[]> {
  return db.kysely.transaction().execute(async (tx) => {
    // Mails a person is waiting for (a confirmation, a reset, an invitation) go before notifications and
    // digests (kinds `notification.*`), so a burst of notifications to many followers never holds a reset link back.
    let pick = tx
      .selectFrom("mail_outbox")
      .select("id")
      .where("status", "=", "queued")
      .where("next_attempt_at", "<=", now)
      .orderBy(sql`case when kind like 'notification.%' then 1 else 0 end`)
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(limit);
    if (db.dialect === "postgres") pick = pick.forUpdate().skipLocked();
    const ids = (await pick.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    await tx.updateTable("mail_outbox").set({ status: "claimed", lease_until: leaseUntil }).where("id", "in", ids).where("status", "=", "queued").execute();
    const rows = await tx.selectFrom("mail_outbox").selectAll().where("id", "in", ids).where("status", "=", "claimed").execute();
    // In the order picked: waited-for mail first, then oldest first.
    const rank = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  });
}

/** Moves a mail to `to`, only while it is still in `from` under the given lease (a lease another node took over is left alone). */
export async function moveMail(db: Executor, id: string, from: MailStatus, lease: string, to: Partial<Omit<OutboxRow, "id">> & { status: MailStatus }): Promise<boolean> {
  const r = await db.updateTable("mail_outbox").set(to).where("id", "=", id).where("status", "=", from).where("lease_until", "=", lease).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * After a node stopped without finishing: a mail it had only claimed goes back
 * to the queue (nothing was transmitted); one it was transmitting becomes
 * `uncertain`, for an admin to resend or drop, because the SMTP server may
 * already have accepted it and sending again could deliver it twice.
 */
export async function recoverExpiredLeases(db: Executor, now: string, transmittingIsSafe: boolean): Promise<{ requeued: number; uncertain: number }> {
  const requeued = await db
    .updateTable("mail_outbox")
    .set({ status: "queued", lease_until: null })
    .where("status", "in", transmittingIsSafe ? ["claimed", "sending"] : ["claimed"])
    .where("lease_until", "<", now)
    .executeTakeFirst();
  const uncertain = transmittingIsSafe
    ? { numUpdatedRows: 0n }
    : await db
        .updateTable("mail_outbox")
        .set({ status: "uncertain", lease_until: null, last_error: "The server stopped while handing this mail to the SMTP server; it may have been delivered." })
        .where("status", "=", "sending")
        .where("lease_until", "<", now)
        .executeTakeFirst();
  return { requeued: Number(requeued.numUpdatedRows), uncertain: Number(uncertain.numUpdatedRows) };
}

/** The earliest time a queued mail is due, to sleep until then. */
export async function nextDueAt(db: Executor): Promise<string | null> {
  const r = await db.selectFrom("mail_outbox").select((eb) => eb.fn.min("next_attempt_at").as("at")).where("status", "=", "queued").executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}

export async function countMailByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db.selectFrom("mail_outbox").select(["status", (eb) => eb.fn.countAll<string | number>().as("n")]).groupBy("status").execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Mails that need an admin: dead-lettered or uncertain, newest first (no bodies: an admin sees who and why, not what). */
export async function listTroubledMail(db: Executor, limit: number) {
  return db
    .selectFrom("mail_outbox")
    .select(["id", "kind", "to_address", "subject", "status", "attempts", "last_error", "created_at", "next_attempt_at"])
    .where("status", "in", ["dead", "uncertain"])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

/** An admin's decision on a troubled mail: send it again now. */
export async function requeueMail(db: Executor, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable("mail_outbox")
    .set({ status: "queued", next_attempt_at: now, lease_until: null, attempts: 0 })
    .where("id", "=", id)
    .where("status", "in", ["dead", "uncertain"])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** An admin's decision on a troubled mail: give it up (it stays, dead, for the record). */
export async function dropMail(db: Executor, id: string): Promise<boolean> {
  const r = await db.updateTable("mail_outbox").set({ status: "dead", last_error: sql<string>`coalesce(last_error, '') || ' (dropped by an admin)'` }).where("id", "=", id).where("status", "=", "uncertain").executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
