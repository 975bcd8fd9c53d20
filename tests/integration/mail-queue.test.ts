import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { queueMail } from "../../server/mail/queue.js";
import { Browser } from "../helpers/client.js";
import { waitFor } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";
import { MAIL_WAIT_MS, startSmtp, type TestSmtp } from "../helpers/smtp.js";

const ADMIN = "admin@example.org";
const PASSWORD = "admin-password-1";
/** Short leases and retries, so a restarted node takes over a stopped one's mail within the test's budget. */
const QUEUE_ENV = { MAIL_RETRY_BASE_MS: "100", MAIL_LEASE_MS: "1500", MAIL_MAX_ATTEMPTS: "4", LOG_LEVEL: "info" };

async function statuses(db: Db): Promise<Map<string, string>> {
  const rows = await db.kysely.selectFrom("mail_outbox").select(["id", "status"]).execute();
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** Queues `n` mails as an event's transaction would, from this process, straight into the database the server reads. */
async function queueSome(db: Db, n: number, tag: string, origin: string): Promise<string[]> {
  const ids: string[] = [];
  await db.kysely.transaction().execute(async (tx) => {
    for (let i = 0; i < n; i++) {
      ids.push(
        await queueMail(tx, { kind: "test", to: `person${i}@example.org`, userId: null, subject: `${tag} ${i}`, text: `Mail ${tag} ${i}: ${origin}/c/x`, html: `<p>Mail ${tag} ${i}</p>`, unsubscribeUrl: `${origin}/unsubscribe?u=x&k=all&s=y` }, origin),
      );
    }
  });
  return ids;
}

describe.each(databaseKinds())("the mail queue on %s", (kind) => {
  let tdb: TestDatabase;
  let smtp: TestSmtp;
  let server: TestServer;
  let db: Db;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    smtp = await startSmtp();
    const made = await runCli(["user", "add", "--email", ADMIN, "--password", PASSWORD, "--name", "Site Admin", "--role", "admin"], { DATABASE_URL: tdb.url });
    expect(made.code, made.stderr).toBe(0);
    server = await startServer(tdb.url, { SMTP_URL: smtp.url, ...QUEUE_ENV });
    db = createDb(tdb.url, { poolSize: 2 });
  }, CLI_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await smtp?.close();
    await tdb?.drop();
  });

  it("delivers a queued mail through SMTP: text and HTML, one-click unsubscribe headers, the Message-ID fixed when queued", async () => {
    const [id] = await queueSome(db, 1, "hello", server.origin);
    const got = await smtp.waitFor((m) => m.subject === "hello 0", MAIL_WAIT_MS, "the queued mail");
    expect(got.to).toEqual(["person0@example.org"]);
    expect(got.text).toContain(`${server.origin}/c/x`);
    expect(got.parsed.html).toContain("<p>Mail hello 0</p>");
    expect(got.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(got.raw).toMatch(/^List-Unsubscribe: <http:\/\/[^>]+\/unsubscribe\?[^>]+>\r?$/m);
    expect(got.messageId).toBe(`<${id}@${new URL(server.origin).hostname}>`);
    await waitFor(async () => (await statuses(db)).get(id!) === "sent", MAIL_WAIT_MS, "the mail to be marked sent");
    // Once sent, the body (which may hold a single-use link) is no longer kept.
    const row = await db.kysely.selectFrom("mail_outbox").select(["text_body", "html_body"]).where("id", "=", id!).executeTakeFirstOrThrow();
    expect(row).toEqual({ text_body: "", html_body: "" });
  });

  it("sends what a person waits for (a reset link) before a burst of notifications queued earlier", async () => {
    // One commit: the five notifications are older, but all six are due together.
    await db.kysely.transaction().execute(async (tx) => {
      for (let i = 0; i < 5; i++) await queueMail(tx, { kind: "notification.version", to: `follower${i}@example.org`, userId: null, subject: `version ${i}`, text: "t", html: "<p>t</p>" }, server.origin);
      await queueMail(tx, { kind: "account.reset", to: "waiting@example.org", userId: null, subject: "reset now", text: "t", html: "<p>t</p>" }, server.origin);
    });
    await smtp.waitFor((m) => m.subject === "version 4", MAIL_WAIT_MS, "the whole burst");
    const order = smtp.received.map((m) => m.subject).filter((s) => s === "reset now" || s.startsWith("version "));
    expect(order[0]).toBe("reset now");
  });

  it("retries a temporary refusal, dead-letters a permanent one, and an admin can send it again from /admin/mail", async () => {
    smtp.replyWith(451);
    const [id] = await queueSome(db, 1, "retry", server.origin);
    await waitFor(async () => Number((await db.kysely.selectFrom("mail_outbox").select("attempts").where("id", "=", id!).executeTakeFirstOrThrow()).attempts) >= 2, MAIL_WAIT_MS, "two failed attempts");
    expect((await statuses(db)).get(id!)).toMatch(/queued|claimed|sending/);
    smtp.replyWith(550);
    await waitFor(async () => (await statuses(db)).get(id!) === "dead", MAIL_WAIT_MS, "the mail to be dead-lettered");
    expect(smtp.received.some((m) => m.subject === "retry 0")).toBe(false);

    const anonymous = await fetch(`${server.url}/admin/mail`);
    expect(anonymous.status).toBe(404);
    const admin = new Browser(server.url);
    expect((await admin.signIn(ADMIN, PASSWORD)).status).toBe(302);
    const page = await (await admin.get("/admin/mail")).text();
    expect(page).toContain("person0@example.org");
    expect(page).toContain("550");
    smtp.replyWith(null);
    const res = await admin.postForm("/admin/mail", { id: id!, decision: "retry" });
    expect(res.status).toBe(302);
    await smtp.waitFor((m) => m.subject === "retry 0", MAIL_WAIT_MS, "the mail sent again");
    const twice = await admin.postForm("/admin/mail", { id: id!, decision: "retry" });
    expect(twice.status).toBe(409);
  });

  it("sends queued mails exactly once after kill -9 and a restart", async () => {
    smtp.replyWith(451);
    const ids = await queueSome(db, 5, "outage", server.origin);
    await waitFor(async () => {
      const rows = await db.kysely.selectFrom("mail_outbox").select("attempts").where("id", "in", ids).execute();
      return rows.every((r) => Number(r.attempts) >= 1);
    }, MAIL_WAIT_MS, "every mail to have failed once");
    await server.kill9();
    smtp.replyWith(null);
    server = await startServer(tdb.url, { SMTP_URL: smtp.url, ...QUEUE_ENV });
    await waitFor(async () => {
      const s = await statuses(db);
      return ids.every((id) => s.get(id) === "sent");
    }, MAIL_WAIT_MS, "all five to be sent");
    const outage = smtp.received.filter((m) => m.subject.startsWith("outage "));
    expect(outage.map((m) => m.subject).sort()).toEqual(["outage 0", "outage 1", "outage 2", "outage 3", "outage 4"]);
  }, CLI_TEST_TIMEOUT_MS);

  it("after kill -9 in the middle of a batch, never delivers a mail twice: each is sent once, or held as uncertain for an admin", async () => {
    const ids = await queueSome(db, 40, "burst", server.origin);
    await smtp.waitFor((m) => m.subject.startsWith("burst "), MAIL_WAIT_MS, "the first mail of the burst");
    await server.kill9();
    server = await startServer(tdb.url, { SMTP_URL: smtp.url, ...QUEUE_ENV });
    await waitFor(async () => {
      const s = await statuses(db);
      return ids.every((id) => s.get(id) === "sent" || s.get(id) === "uncertain");
    }, MAIL_WAIT_MS, "every mail of the burst to be sent or uncertain");
    const s = await statuses(db);
    const received = smtp.received.filter((m) => m.subject.startsWith("burst ")).map((m) => m.messageId);
    expect(new Set(received).size).toBe(received.length);
    const uncertain = ids.filter((id) => s.get(id) === "uncertain");
    // One node hands over one mail at a time: at most the one in flight at the kill is uncertain.
    expect(uncertain.length).toBeLessThanOrEqual(1);
    for (const id of ids) {
      const wasReceived = received.includes(`<${id}@${new URL(server.origin).hostname}>`);
      expect(wasReceived || s.get(id) === "uncertain", `mail ${id} neither received nor held`).toBe(true);
    }
  }, CLI_TEST_TIMEOUT_MS);

  it("`margin mail test` checks the settings by sending one mail at once, and says why when it cannot", async () => {
    const ok = await runCli(["mail", "test", "--to", "operator@example.org"], { DATABASE_URL: tdb.url, SMTP_URL: smtp.url });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("accepted");
    await smtp.waitFor((m) => m.to.includes("operator@example.org"), MAIL_WAIT_MS, "the test mail");
    const closed = await startSmtp();
    const deadUrl = closed.url;
    await closed.close();
    const bad = await runCli(["mail", "test", "--to", "operator@example.org"], { DATABASE_URL: tdb.url, SMTP_URL: deadUrl, MAIL_SMTP_TIMEOUT_MS: "5000" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not accepted");
    const status = await runCli(["mail", "status"], { DATABASE_URL: tdb.url });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/sent \d+/);
  }, CLI_TEST_TIMEOUT_MS);
});
