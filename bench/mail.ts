// Mail: what the durable queue costs against handing the same mails straight to
// an SMTP server, what queueing costs a request's transaction, and what one event
// with many followers costs (notify() renders and queues a mail per person in
// the event's transaction). A real SMTP server (smtp-server) on loopback.
// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
import { performance } from "node:perf_hooks";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { createDb, type Db } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import { createLogger } from "../server/logger.js";
import { createMailer, queueMail } from "../server/mail/queue.js";
import { createMailService } from "../server/mail/index.js";
import { createSmtpTransport, type MailSettings } from "../server/mail/transport.js";
import { readEnv } from "../server/env.js";
import { notify } from "../server/domain/notifications/notify.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { fmt, heading, median, percentile, row } from "./lib.js";

const MAILS = Number(process.env.BENCH_MAILS ?? 1000);
const TXNS = Number(process.env.BENCH_TXNS ?? 300);
const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function smtp(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _s, cb) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        n++;
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, count: () => n, close: () => new Promise((r) => server.close(() => r())) };
}

const settings = (url: string): MailSettings => ({ smtpUrl: url, from: "Bench <bench@example.org>", replyTo: null, outboxDir: tmpdir(), timeoutMs: 30_000 });
const MAIL = (i: number) => ({ kind: "bench", to: `p${i}@example.org`, userId: null, subject: `Bench ${i}`, text: `Mail ${i} http://localhost/c/x`, html: `<p>Mail ${i}</p>` });

async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

/** Baseline: the same mails over one SMTP connection, no database. */
async function direct(url: string): Promise<number> {
  const transport = createSmtpTransport({ ...settings(url), smtpUrl: url });
  const start = performance.now();
  const run = await transport.open();
  const at = new Date().toISOString();
  for (let i = 0; i < MAILS; i++) {
    const m = MAIL(i);
    await run.deliver({ id: `d${i}`, kind: m.kind, to_address: m.to, user_id: null, subject: m.subject, text_body: m.text, html_body: m.html, headers: "{}", message_id: `<d${i}@bench>`, status: "sending", attempts: 0, next_attempt_at: at, lease_until: null, last_error: null, created_at: at, sent_at: null }, async () => true);
  }
  await run.close();
  return MAILS / ((performance.now() - start) / 1000);
}

/** Margin: queued in one transaction, delivered by the loop (claim, sending, sent per mail). */
async function queued(db: Db, url: string, received: () => number): Promise<number> {
  const before = received();
  await db.kysely.transaction().execute(async (tx) => {
    for (let i = 0; i < MAILS; i++) await queueMail(tx, MAIL(i), "http://localhost");
  });
  const mailer = createMailer({ db, transport: createSmtpTransport({ ...settings(url), smtpUrl: url }), logger: createLogger("error"), limits: { pollMs: 50, batch: 50, maxAttempts: 3, retryBaseMs: 100, leaseMs: 60_000 } });
  const start = performance.now();
  mailer.start();
  await waitUntil(() => received() - before >= MAILS);
  const rate = MAILS / ((performance.now() - start) / 1000);
  await mailer.stop();
  return rate;
}

async function seedUsers(db: Db, n: number, tag: string): Promise<string[]> {
  const at = new Date().toISOString();
  const ids = Array.from({ length: n }, (_, i) => `${tag}${i}`);
  for (let i = 0; i < ids.length; i += 200) {
    await db.kysely
      .insertInto("user")
      .values(ids.slice(i, i + 200).map((id) => ({ id, email: `${id}@example.org`, display_name: `Person ${id}`, organisation: "", stakeholder_group: "other" as const, password_hash: "x", site_role: "member" as const, created_at: at, email_verified_at: at })))
      .execute();
  }
  return ids;
}

async function bench(label: string, url: string): Promise<void> {
  const db = createDb(url);
  await migrateToLatest(db.kysely);
  const server = await smtp();
  const env = readEnv({ DATABASE_URL: url, MAIL_OUTBOX_DIR: mkdtempSync(join(tmpdir(), "bench-outbox-")), ORIGIN: "http://localhost:3000" });
  const mail = createMailService(env, db, createLogger("error"));
  try {
    heading(`mail on ${label}: ${MAILS} mails to a loopback SMTP server, ${RUNS} runs`);
    const d: number[] = [];
    const q: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      d.push(await direct(server.url));
      q.push(await queued(db, server.url, server.count));
    }
    row(["", "mails/s (median)", "runs"]);
    row(["straight to SMTP, one connection (baseline)", fmt(median(d), 0), d.map((x) => fmt(x, 0)).join(" ")]);
    row(["queued, then delivered by the loop", fmt(median(q), 0), q.map((x) => fmt(x, 0)).join(" ")]);
    row(["ratio", `${fmt(median(q) / median(d), 2)}×`, ""]);

    heading(`a request's transaction on ${label}: one small write, with and without queueing a rendered mail (${TXNS} each)`);
    const [someone] = await seedUsers(db, 1, `t${Date.now().toString(36)}`);
    const plain: number[] = [];
    const withMail: number[] = [];
    for (let i = 0; i < TXNS; i++) {
      const a = performance.now();
      await db.kysely.transaction().execute(async (tx) => {
        await tx.updateTable("user").set({ display_name: `P ${i}` }).where("id", "=", someone!).execute();
      });
      plain.push(performance.now() - a);
      const b = performance.now();
      await db.kysely.transaction().execute(async (tx) => {
        await tx.updateTable("user").set({ display_name: `P ${i}` }).where("id", "=", someone!).execute();
        await mail.queue(tx, { kind: "bench", to: "p@example.org", userId: someone!, locale: i % 2 ? "ja" : "en", draft: { subject: "Bench", name: "Person", paragraphs: ["A paragraph of the mail."], action: { label: "Open", url: "http://localhost:3000/c/x" } }, unsubscribeUrl: "http://localhost:3000/unsubscribe?u=x&k=all&s=y" });
      });
      withMail.push(performance.now() - b);
    }
    plain.sort((x, y) => x - y);
    withMail.sort((x, y) => x - y);
    row(["", "p50 ms", "p99 ms"]);
    row(["the write alone (baseline)", fmt(percentile(plain, 50), 2), fmt(percentile(plain, 99), 2)]);
    row(["the write and one queued mail", fmt(percentile(withMail, 50), 2), fmt(percentile(withMail, 99), 2)]);

    heading(`one event told to ${FOLLOWERS} followers on ${label}: notify() in one transaction (notification + rendered mail each)`);
    const followers = await seedUsers(db, FOLLOWERS, `f${Date.now().toString(36)}`);
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const a = performance.now();
      await db.kysely.transaction().execute(async (tx) => {
        await notify(tx, mail, { kind: "version", userIds: followers, dedupeKey: `bench:${r}:${Date.now()}`, consultationId: null, params: { consultation: "A consultation", number: r + 2 }, link: "/c/x/versions" });
      });
      times.push(performance.now() - a);
    }
    row(["", "median ms", "per person ms"]);
    row([`notify() to ${FOLLOWERS}`, fmt(median(times), 0), fmt(median(times) / FOLLOWERS, 2)]);
  } finally {
    await server.close();
    await db.close();
  }
}

const sqlite = await createTestDatabase("sqlite");
try {
  await bench("SQLite", sqlite.url);
} finally {
  await sqlite.drop();
}
if (process.env.TEST_DATABASE_URL) {
  const pg = await createTestDatabase("postgres");
  try {
    await bench("PostgreSQL", pg.url);
  } finally {
    await pg.drop();
  }
}
