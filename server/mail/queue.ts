import type { Db, Executor } from "../../db/client.js";
import { claimDueMail, insertOutbox, moveMail, nextDueAt, recoverExpiredLeases, type OutboxRow } from "../../db/queries/mail.js";
import { newId, nowIso } from "../ids.js";
import type { Logger } from "../logger.js";
import { LEASE_LOST, type MailTransport } from "./transport.js";

/** A mail ready to queue: already in its recipient's language, with absolute links. */
export interface OutgoingMail {
  /** What the mail is for ("verify", "reset", "notification.reply", "digest", …): for the log and the admin page. */
  kind: string;
  to: string;
  userId: string | null;
  subject: string;
  text: string;
  html: string;
  /** The one-click unsubscribe address (RFC 8058), on every mail that a setting can stop. */
  unsubscribeUrl?: string;
}

/** The longest wait between two attempts, however many have failed. */
const MAX_RETRY_DELAY_MS = 24 * 60 * 60 * 1000;

/**
 * Queues a mail in the caller's transaction: it is sent if and only if the
 * event that caused it commits. The Message-ID is fixed now, so every attempt
 * carries the same one.
 */
export async function queueMail(tx: Executor, mail: OutgoingMail, origin: string, now = new Date()): Promise<string> {
  const [id] = await queueMails(tx, [mail], origin, now);
  return id!;
}

/** Rows written per insert statement: well under both databases' limits on bound values. */
const OUTBOX_INSERT_CHUNK = 100;

/** queueMail for many mails at once (an event told to many people): a few multi-row inserts. */
export async function queueMails(tx: Executor, mails: OutgoingMail[], origin: string, now = new Date()): Promise<string[]> {
  const host = new URL(origin).hostname;
  const rows = mails.map((mail) => {
    const id = newId();
    const headers: Record<string, string> = {};
    if (mail.unsubscribeUrl) {
      headers["List-Unsubscribe"] = `<${mail.unsubscribeUrl}>`;
      headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
    }
    return {
      id,
      kind: mail.kind,
      to_address: mail.to,
      user_id: mail.userId,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      headers: JSON.stringify(headers),
      message_id: `<${id}@${host}>`,
      status: "queued" as const,
      next_attempt_at: nowIso(now),
      created_at: nowIso(now),
    };
  });
  for (let i = 0; i < rows.length; i += OUTBOX_INSERT_CHUNK) await insertOutbox(tx, rows.slice(i, i + OUTBOX_INSERT_CHUNK));
  return rows.map((r) => r.id);
}

export interface MailerLimits {
  pollMs: number;
  batch: number;
  maxAttempts: number;
  retryBaseMs: number;
  leaseMs: number;
}

export interface Mailer {
  /** Starts the delivery loop (recovering what a stopped node left). */
  start(): void;
  /** Looks for mail now rather than at the next poll: call after a transaction that queued some commits. */
  kick(): void;
  /** Stops taking mail and waits for the batch in hand. */
  stop(): Promise<void>;
}

/** The first link of a text that is not an unsubscribe link: what the outbox log line shows. */
function firstLink(text: string): string | null {
  for (const m of text.matchAll(/https?:\/\/\S+/g)) if (!m[0].includes("/unsubscribe")) return m[0];
  return null;
}

/**
 * The delivery loop, on every node. Each run takes a batch with a lease
 * (claimed), marks each mail `sending` just before its bytes leave, and `sent`
 * when the server accepts it. A failure is retried with doubling delays, up to
 * `maxAttempts`, then dead-lettered; a refusal for good (5xx) is dead at once.
 * A crash leaves claimed mails to return to the queue when their lease ends,
 * and mails being sent `uncertain` (see recoverExpiredLeases).
 */
export function createMailer(deps: { db: Db; transport: MailTransport; logger: Logger; limits: MailerLimits; now?: () => Date }): Mailer {
  const { db, transport, logger, limits } = deps;
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  const retryAt = (attempts: number): string => nowIso(new Date(now().getTime() + Math.min(MAX_RETRY_DELAY_MS, limits.retryBaseMs * 2 ** Math.max(0, attempts - 1))));

  async function fail(mail: OutboxRow, from: "claimed" | "sending", lease: string, error: string, permanent: boolean): Promise<void> {
    const attempts = mail.attempts + 1;
    const dead = permanent || attempts >= limits.maxAttempts;
    await moveMail(db.kysely, mail.id, from, lease, dead ? { status: "dead", attempts, last_error: error, lease_until: null } : { status: "queued", attempts, last_error: error, lease_until: null, next_attempt_at: retryAt(attempts) });
    if (dead) logger.warn(`mail ${mail.id} (${mail.kind}) to ${mail.to_address} dead-lettered after ${attempts} attempt(s): ${error}`);
  }

  async function runOnce(): Promise<number> {
    const at = now();
    await recoverExpiredLeases(db.kysely, nowIso(at), transport.idempotent);
    const lease = nowIso(new Date(at.getTime() + limits.leaseMs));
    const batch = await claimDueMail(db, nowIso(at), lease, limits.batch);
    if (batch.length === 0) return 0;
    let run;
    try {
      run = await transport.open();
    } catch (e) {
      const error = `could not reach ${transport.describe}: ${(e as Error).message}`;
      for (const mail of batch) await fail(mail, "claimed", lease, error, false);
      logger.warn(`mail delivery: ${error}; ${batch.length} mail(s) will be retried`);
      return 0;
    }
    // A mail the server accepted is recorded as sent in the same commit that marks the next one as being
    // sent (or after the batch): one commit per mail rather than two. Until then it stays "sending", so a
    // crash in between leaves it uncertain, never sent twice.
    let accepted: OutboxRow | null = null;
    const recordSent = async (ex: Executor, mail: OutboxRow) => {
      // The body goes once it is sent: it may hold a single-use link, which the database need not keep.
      await moveMail(ex, mail.id, "sending", lease, { status: "sent", sent_at: nowIso(now()), lease_until: null, attempts: mail.attempts + 1, last_error: null, text_body: "", html_body: "" });
      if (!transport.idempotent) logger.debug(`mail ${mail.id} (${mail.kind}) sent to ${mail.to_address}`);
      else logger.info(`mail (${mail.kind}) to ${mail.to_address}: "${mail.subject}"${firstLink(mail.text_body) ? ` ${firstLink(mail.text_body)}` : ""} [${transport.describe}]`);
    };
    try {
      for (const mail of batch) {
        if (stopped) break;
        let state: "claimed" | "sending" = "claimed";
        const result = await run.deliver(mail, async () => {
          const previous = accepted;
          accepted = null;
          const moved = await db.kysely.transaction().execute(async (tx) => {
            if (previous) await recordSent(tx, previous);
            return moveMail(tx, mail.id, "claimed", lease, { status: "sending", lease_until: lease });
          });
          if (moved) state = "sending";
          return moved;
        });
        if (result.ok) {
          accepted = mail;
          continue;
        }
        if (accepted) {
          await recordSent(db.kysely, accepted);
          accepted = null;
        }
        if (result.error !== LEASE_LOST) await fail(mail, state, lease, result.error, result.permanent);
      }
    } finally {
      if (accepted) await recordSent(db.kysely, accepted);
      await run.close().catch(() => undefined);
    }
    return batch.length;
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  async function nextWait(): Promise<number> {
    const due = await nextDueAt(db.kysely).catch(() => null);
    if (!due) return limits.pollMs;
    return Math.max(0, Math.min(limits.pollMs, Date.parse(due) - now().getTime()));
  }

  function tick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        let handled: number;
        do {
          again = false;
          handled = await runOnce();
        } while (!stopped && (handled >= limits.batch || again));
        schedule(await nextWait());
      } catch (e) {
        logger.error("mail delivery run failed", { error: e });
        schedule(limits.pollMs);
      } finally {
        running = null;
      }
    })();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    kick() {
      if (stopped) return;
      if (running) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
