import type { Db, Executor } from "../../db/client.js";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../../common/i18n/locales.js";
import type { Env } from "../env.js";
import type { Logger } from "../logger.js";
import { renderMail, type MailDraft } from "./compose.js";
import { createMailer, queueMails, type Mailer, type OutgoingMail } from "./queue.js";
import { createOutboxTransport, createSmtpTransport, defaultOutboxDir, type MailSettings, type MailTransport } from "./transport.js";

export type { MailDraft } from "./compose.js";

/** One mail to queue: who it is for, in which language, what it says. */
export interface MailRequest {
  kind: string;
  to: string;
  userId: string | null;
  locale: Locale;
  draft: MailDraft;
  /** For mails a setting can stop: the footer links to the settings page and carries this one-click unsubscribe link. */
  unsubscribeUrl?: string;
}

/** Mail for the rest of the server: render and queue inside a transaction, then kick delivery after it commits. */
export interface MailService {
  /** The site's public origin, for absolute links (ORIGIN, else the address the server listens on). */
  origin(): string;
  /** An absolute link to a site path. */
  link(path: string): string;
  /** Renders the mail in its language and queues it in `tx`; returns the outbox id. */
  queue(tx: Executor, request: MailRequest): Promise<string>;
  /** queue for many mails (one event told to many people), written in a few statements. */
  queueAll(tx: Executor, requests: MailRequest[]): Promise<string[]>;
  /** Delivery looks for mail now (call after the transaction that queued commits). */
  kick(): void;
  /** "smtp://…" or "the outbox folder …". */
  describe: string;
  start(origin: string): void;
  stop(): Promise<void>;
}

/** The language to write to someone in: the one they chose, else the content's, else English. */
export function mailLocale(chosen: string | null | undefined, fallback?: string | null): Locale {
  if (isLocale(chosen)) return chosen;
  if (isLocale(fallback)) return fallback;
  return DEFAULT_LOCALE;
}

export function mailSettingsFrom(env: Env): MailSettings {
  return {
    smtpUrl: env.SMTP_URL ?? null,
    from: env.MAIL_FROM,
    replyTo: env.MAIL_REPLY_TO ?? null,
    outboxDir: env.MAIL_OUTBOX_DIR ?? defaultOutboxDir(env.DATABASE_URL),
    timeoutMs: env.MAIL_SMTP_TIMEOUT_MS,
  };
}

/** SMTP when SMTP_URL is set, else the outbox folder. */
export function transportFor(settings: MailSettings): MailTransport {
  return settings.smtpUrl ? createSmtpTransport({ ...settings, smtpUrl: settings.smtpUrl }) : createOutboxTransport(settings);
}

export function createMailService(env: Env, db: Db, logger: Logger): MailService {
  const settings = mailSettingsFrom(env);
  const transport = transportFor(settings);
  const mailer: Mailer = createMailer({
    db,
    transport,
    logger,
    limits: { pollMs: env.MAIL_POLL_MS, batch: env.MAIL_BATCH, maxAttempts: env.MAIL_MAX_ATTEMPTS, retryBaseMs: env.MAIL_RETRY_BASE_MS, leaseMs: env.MAIL_LEASE_MS },
  });
  let origin = env.ORIGIN ?? `http://localhost:${env.PORT}`;
  const link = (path: string) => new URL(path, origin).toString();
  const outgoing = (request: MailRequest): OutgoingMail => {
    const rendered = renderMail(request.locale, request.draft, {
      origin,
      ...(request.unsubscribeUrl ? { manageUrl: link("/account/notifications"), unsubscribeUrl: request.unsubscribeUrl } : {}),
    });
    return { kind: request.kind, to: request.to, userId: request.userId, ...rendered, ...(request.unsubscribeUrl ? { unsubscribeUrl: request.unsubscribeUrl } : {}) };
  };
  return {
    origin: () => origin,
    link,
    describe: transport.describe,
    async queue(tx, request) {
      const [id] = await queueMails(tx, [outgoing(request)], origin);
      return id!;
    },
    queueAll: (tx, requests) => queueMails(tx, requests.map(outgoing), origin),
    kick: () => mailer.kick(),
    start(listening) {
      if (!env.ORIGIN) origin = listening;
      mailer.start();
    },
    stop: () => mailer.stop(),
  };
}
