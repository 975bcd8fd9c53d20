import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import SMTPConnection from "nodemailer/lib/smtp-connection/index.js";
import type { OutboxRow } from "../../db/queries/mail.js";

/** Where mail goes, and who it says it is from. */
export interface MailSettings {
  smtpUrl: string | null;
  from: string;
  replyTo: string | null;
  outboxDir: string;
  timeoutMs: number;
}

/** What deliver() answers when the queue no longer holds the mail's lease: not an error, another node has it. */
export const LEASE_LOST = "lease lost";

/** The outcome of handing one mail over: accepted, refused for good (5xx), or worth another try later. */
export type Delivery = { ok: true } | { ok: false; permanent: boolean; error: string };

/**
 * One delivery run: opened once per batch, it hands mails over one by one.
 * `beforeTransmit` is called (and awaited) just before a mail's bytes leave,
 * so the queue can record that the mail is on its way.
 */
export interface DeliveryRun {
  deliver(mail: OutboxRow, beforeTransmit: () => Promise<boolean>): Promise<Delivery>;
  close(): Promise<void>;
}

export interface MailTransport {
  /** "smtp://host:port" or "the outbox folder …", for the start-up log (never the password). */
  describe: string;
  /** Whether handing the same mail over twice is harmless (a file overwritten): then a stopped node's mails are simply retried. */
  idempotent: boolean;
  open(): Promise<DeliveryRun>;
}

/** The raw RFC 5322 message of a queued mail, with its fixed Message-ID. */
export function buildRaw(mail: OutboxRow, settings: Pick<MailSettings, "from" | "replyTo">): Promise<Buffer> {
  const headers = JSON.parse(mail.headers) as Record<string, string>;
  const composer = new MailComposer({
    from: settings.from,
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
    to: mail.to_address,
    subject: mail.subject,
    text: mail.text_body,
    html: mail.html_body,
    messageId: mail.message_id,
    date: new Date(mail.created_at),
    headers,
  });
  return new Promise((ok, fail) => composer.compile().build((e, raw) => (e ? fail(e) : ok(raw))));
}

/** The address part of "Name <address>". */
function bareAddress(from: string): string {
  const m = /<([^>]+)>\s*$/.exec(from);
  return (m ? m[1]! : from).trim();
}

/** The folder where mails are written when no SMTP server is configured: beside the SQLite database, or ./data/outbox. */
export function defaultOutboxDir(databaseUrl: string): string {
  if (databaseUrl.startsWith("file:")) return resolve(dirname(databaseUrl.slice("file:".length)), "outbox");
  return resolve("data", "outbox");
}

/**
 * Without SMTP: each mail becomes `<outbox>/<id>.eml`, written to a temporary
 * name and renamed, so a reader never sees half a file and writing a mail twice
 * leaves one file. The caller logs a line with the link.
 */
export function createOutboxTransport(settings: MailSettings): MailTransport {
  const dir = resolve(settings.outboxDir);
  return {
    describe: `the outbox folder ${dir}`,
    idempotent: true,
    async open() {
      mkdirSync(dir, { recursive: true });
      return {
        async deliver(mail, beforeTransmit) {
          if (!(await beforeTransmit())) return { ok: false, permanent: false, error: LEASE_LOST };
          try {
            const raw = await buildRaw(mail, settings);
            const target = join(dir, `${mail.id}.eml`);
            writeFileSync(`${target}.tmp`, raw, { mode: 0o600 });
            renameSync(`${target}.tmp`, target);
            return { ok: true };
          } catch (e) {
            return { ok: false, permanent: false, error: (e as Error).message };
          }
        },
        async close() {},
      };
    },
  };
}

interface SmtpTarget {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | null;
}

function parseSmtpUrl(url: string): SmtpTarget {
  const u = new URL(url);
  const secure = u.protocol === "smtps:";
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : null,
  };
}

/** SMTP replies 5xx are refusals for good; everything else (4xx, a dropped connection, a timeout) may work later. */
function deliveryError(e: unknown): Delivery {
  const err = e as { responseCode?: number; message?: string };
  return { ok: false, permanent: typeof err.responseCode === "number" && err.responseCode >= 500, error: String(err.message ?? e).slice(0, 500) };
}

/**
 * SMTP through nodemailer's connection class, so the queue knows the moment a
 * mail starts to travel: connecting and signing in happen first, and a failure
 * there leaves every mail of the batch safely queued.
 */
export function createSmtpTransport(settings: MailSettings & { smtpUrl: string }): MailTransport {
  const target = parseSmtpUrl(settings.smtpUrl);
  const envelopeFrom = bareAddress(settings.from);
  return {
    describe: `smtp${target.secure ? "s" : ""}://${target.host}:${target.port}`,
    idempotent: false,
    async open() {
      const conn = new SMTPConnection({
        host: target.host,
        port: target.port,
        secure: target.secure,
        connectionTimeout: settings.timeoutMs,
        greetingTimeout: settings.timeoutMs,
        socketTimeout: settings.timeoutMs,
        // Local test servers and relays on loopback often have no certificate; STARTTLS is still used when offered.
        tls: { rejectUnauthorized: !["127.0.0.1", "localhost", "::1"].includes(target.host) },
      });
      let broken: Error | null = null;
      conn.on("error", (e: Error) => (broken = e));
      await new Promise<void>((ok, fail) => {
        conn.connect((e?: Error) => (e ? fail(e) : ok()));
        conn.once("error", fail);
      });
      if (target.auth) {
        await new Promise<void>((ok, fail) => conn.login(target.auth!, (e?: Error | null) => (e ? fail(e) : ok())));
      }
      return {
        async deliver(mail, beforeTransmit) {
          if (broken) return { ok: false, permanent: false, error: (broken as Error).message };
          let raw: Buffer;
          try {
            raw = await buildRaw(mail, settings);
          } catch (e) {
            return { ok: false, permanent: true, error: `could not build the message: ${(e as Error).message}` };
          }
          if (!(await beforeTransmit())) return { ok: false, permanent: false, error: LEASE_LOST };
          return new Promise<Delivery>((done) => {
            conn.send({ from: envelopeFrom, to: [mail.to_address] }, raw, (e: Error | null, info?: { accepted?: unknown[]; rejected?: unknown[] }) => {
              if (e) return done(deliveryError(e));
              if (info?.rejected && info.rejected.length > 0) return done({ ok: false, permanent: true, error: "the server refused the recipient" });
              done({ ok: true });
            });
          });
        },
        async close() {
          await new Promise<void>((ok) => {
            conn.once("end", () => ok());
            try {
              conn.quit();
            } catch {
              ok();
            }
            setTimeout(ok, 1000).unref();
          });
        },
      };
    },
  };
}
