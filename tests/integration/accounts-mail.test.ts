import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";
import { startSmtp, type ReceivedMail, type TestSmtp } from "../helpers/smtp.js";

const DEMO_PASSWORD = "demo-password-1";
const PASSWORD = "correct horse battery";
const MAILS_PER_ADDRESS = 4;

/**
 * The account's life by e-mail (issue 16), against the real server and a real SMTP
 * server: confirmation at sign-up, what an unconfirmed account may not do, password
 * reset, change of address, deletion, and that no answer tells whether an address
 * has an account.
 */
describe.each(databaseKinds())("accounts by e-mail on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let smtp: TestSmtp;
  let sectionId: string;
  let n = 0;
  const fresh = (label: string) => `${label}-${kind}-${++n}-${Math.random().toString(36).slice(2, 8)}@example.org`;

  const pathOf = (link: string) => new URL(link).pathname;
  const mailTo = (address: string, subject: string, after = 0): Promise<ReceivedMail> =>
    smtp.waitFor((m) => m.to.includes(address) && m.subject === subject && smtp.received.indexOf(m) >= after, undefined, `"${subject}" to ${address}`);
  const linkIn = (m: ReceivedMail, part: string) => {
    const link = m.links.find((l) => l.includes(part));
    expect(link, `a ${part} link in "${m.subject}"`).toBeDefined();
    return pathOf(link!);
  };
  const signUpForm = (email: string, extra: Record<string, string> = {}) => ({
    email,
    password: PASSWORD,
    displayName: "Mai Mailer",
    organisation: "Mail Works",
    stakeholderGroup: "industry",
    consent: "yes",
    ...extra,
  });
  const comment = (b: Browser, body: string) => b.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "comment", kind: "comment", body });
  /** Pages differ per request only in the Content-Security-Policy nonce. */
  const withoutNonce = (html: string) => {
    const nonce = parse(html).querySelector("[nonce]")?.getAttribute("nonce") ?? "";
    return nonce ? html.split(nonce).join("NONCE") : html;
  };
  async function withDb<T>(work: (db: import("../../db/client.js").Db) => Promise<T>): Promise<T> {
    const { createDb } = await import("../../db/client.js");
    const db = createDb(tdb.url, { poolSize: 1 });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }
  /** Signs up and confirms from the mail with the password, which signs in: a participant who may submit. */
  async function confirmedParticipant(label: string, displayName = "Mai Mailer"): Promise<{ b: Browser; email: string }> {
    const email = fresh(label);
    const b = new Browser(server.url);
    expect((await b.postForm("/signup", signUpForm(email, { displayName }))).status).toBe(302);
    const link = linkIn(await mailTo(email, "Confirm your address on Margin"), "/verify/");
    expect((await b.postForm(link, { password: PASSWORD })).status).toBe(302);
    expect(b.cookie("margin_session")).toBeDefined();
    return { b, email };
  }
  /** A failed sign-in's page, with what differs per request or per typed address taken out. */
  const normalise = (html: string, typed: string) => withoutNonce(html).split(typed).join("EMAIL");

  beforeAll(async () => {
    smtp = await startSmtp();
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, {
      SMTP_URL: smtp.url,
      SEED_DEMO: "1",
      DEMO_REQUESTS: "1",
      DEMO_PASSWORD,
      REQUIRE_VERIFIED_EMAIL: "1",
      SIGNUP_LIMIT_PER_IP: "1000",
      LOGIN_LIMIT_PER_IP: "1000",
      ACCOUNT_MAIL_LIMIT_PER_IP: "1000",
      ACCOUNT_MAIL_LIMIT_PER_EMAIL: String(MAILS_PER_ADDRESS),
      COMMENT_LIMIT_PER_MINUTE: "1000",
    });
    const consultation = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
    sectionId = consultation.sections[0].id;
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
    await smtp?.close();
  });

  it("signs up without signing in, refuses to sign in until the link is confirmed with the account's password, and confirms once", async () => {
    const email = fresh("new");
    const b = new Browser(server.url);
    const signup = await b.postForm("/signup", signUpForm(email));
    expect(signup.status).toBe(302);
    expect(signup.headers.get("location")).toMatch(/^\/signup\/sent/);
    expect(b.cookie("margin_session")).toBeUndefined();
    const sent = await (await b.get(signup.headers.get("location")!)).text();
    expect(sent).toContain("once your address is confirmed");
    expect(sent).not.toContain("now and read and follow");
    const mail = await mailTo(email, "Confirm your address on Margin");
    expect(mail.text).toContain("Hello Mai Mailer,");
    const link = linkIn(mail, "/verify/");
    const row = await withDb((db) => db.kysely.selectFrom("account_token").select(["secret_hash", "purpose"]).where("email", "=", email).executeTakeFirstOrThrow());
    expect(row.purpose).toBe("verify");
    // Only a hash of the secret is stored.
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(link).not.toContain(row.secret_hash);

    // Unconfirmed: signing in with the right password fails exactly like a wrong password.
    const refused = await b.signIn(email, PASSWORD);
    const wrong = await new Browser(server.url).signIn("civil@example.org", "wrong password!");
    expect(refused.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(b.cookie("margin_session")).toBeUndefined();
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("or the account&#x27;s address is not confirmed yet: open the link we mailed you.");
    expect(normalise(refusedHtml, email)).toBe(normalise(await wrong.text(), "civil@example.org"));

    // Opening the link (a mail scanner's prefetch, say) uses nothing up; the page asks for the password.
    for (let i = 0; i < 2; i++) {
      const page = await new Browser(server.url).get(link);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Confirm my address");
      expect(html).toContain('type="password"');
    }
    // A wrong or missing password: a field error, and the link still works.
    const stranger = new Browser(server.url);
    const bad = await stranger.postForm(link, { password: "a guessed password" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("That is not this account&#x27;s password.");
    expect(stranger.cookie("margin_session")).toBeUndefined();
    expect((await stranger.postForm(link, {})).status).toBe(400);
    expect(await (await new Browser(server.url).get(link)).text()).toContain('type="password"');
    expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(401);

    const confirmed = await b.postForm(link, { password: PASSWORD });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/");
    expect(b.cookie("margin_session")).toBeDefined();
    expect((await comment(b, "Now it counts")).status).toBe(302);
    expect(await (await b.get("/")).text()).not.toContain("to take part");
    const created = await b.postForm("/account", { intent: "create-token", name: "Filing" });
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    const api = await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ body: "From the filing system" }),
    });
    expect(api.status).toBe(201);
    expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(302);

    // Single use.
    const again = await new Browser(server.url).postForm(link, { password: PASSWORD });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This link does not work any more");
    expect(await (await new Browser(server.url).get(link)).text()).toContain("This link does not work any more");
  });

  it("answers a sign-up and then a sign-in with the chosen password alike for a taken and a free address", async () => {
    const free = fresh("probe");
    const taken = "industry@example.org";
    const chosen = "the prober's password";
    const answers = [];
    for (const email of [free, taken]) {
      const b = new Browser(server.url);
      const signup = await b.postForm("/signup", signUpForm(email, { password: chosen }));
      const signin = await b.signIn(email, chosen);
      answers.push({
        signup: [signup.status, signup.headers.get("location"), withoutNonce(await signup.text())],
        signin: [signin.status, signin.headers.get("location"), b.cookie("margin_session") ?? null, normalise(await signin.text(), email)],
      });
    }
    expect(answers[0]!.signin[0]).toBe(401);
    expect(answers[1]).toEqual(answers[0]);
    // The taken address still opens with its own password.
    expect((await new Browser(server.url).signIn(taken, DEMO_PASSWORD)).status).toBe(302);
  });

  it("retires a pending change of address when the password is reset", async () => {
    const { b, email } = await confirmedParticipant("changer");
    const next = fresh("changed");
    const mark = smtp.received.length;
    expect((await b.postForm("/account", { intent: "change-email", newEmail: next, emailPassword: PASSWORD })).status).toBe(302);
    const change = linkIn(await mailTo(next, "Confirm your new address on Margin", mark), "/email-change/");
    expect((await new Browser(server.url).postForm("/forgot", { email })).status).toBe(200);
    const reset = linkIn(await mailTo(email, "Reset your password on Margin", mark), "/reset/");
    expect((await new Browser(server.url).postForm(reset, { newPassword: "a brand new passphrase" })).status).toBe(302);
    const late = await new Browser(server.url).postForm(change, {});
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("This link does not work any more");
    expect((await new Browser(server.url).signIn(next, "a brand new passphrase")).status).toBe(401);
    expect((await new Browser(server.url).signIn(email, "a brand new passphrase")).status).toBe(302);
  });

  it("writes the mails in the language the sign-up was made in", async () => {
    const email = fresh("ja");
    const res = await new Browser(server.url).postForm("/signup", signUpForm(email), { "accept-language": "ja" });
    expect(res.status).toBe(302);
    const mail = await mailTo(email, "Margin：メールアドレスの確認");
    expect(mail.text).toContain("Mai Mailer 様");
    expect(mail.text).toContain("メールアドレスを確認する");
  });

  it("confirms an unconfirmed address by a password reset, which retires the confirmation link", async () => {
    const email = fresh("forgetful");
    await new Browser(server.url).postForm("/signup", signUpForm(email));
    const first = linkIn(await mailTo(email, "Confirm your address on Margin"), "/verify/");
    const mark = smtp.received.length;
    expect((await new Browser(server.url).postForm("/forgot", { email })).status).toBe(200);
    const reset = linkIn(await mailTo(email, "Reset your password on Margin", mark), "/reset/");
    const me = new Browser(server.url);
    expect((await me.postForm(reset, { newPassword: "a brand new passphrase" })).status).toBe(302);
    expect((await me.get("/account")).status).toBe(200);
    expect((await new Browser(server.url).postForm(first, { password: "a brand new passphrase" })).status).toBe(400);
    expect((await new Browser(server.url).signIn(email, "a brand new passphrase")).status).toBe(302);
  });

  it("answers a sign-up and a reset request alike whether or not the address has an account, and tells the owner by mail", async () => {
    const free = fresh("free");
    const taken = "civil@example.org";
    const a = await new Browser(server.url).postForm("/signup", signUpForm(free));
    const b = await new Browser(server.url).postForm("/signup", signUpForm(taken));
    expect(b.status).toBe(a.status);
    expect(b.headers.get("location")).toBe(a.headers.get("location"));
    expect(b.headers.getSetCookie()).toEqual(a.headers.getSetCookie());
    expect(await b.text()).toBe(await a.text());
    const notice = await mailTo(taken, "Someone tried to create an account with your address");
    expect(notice.text).toContain("sign in instead");
    expect(notice.links.some((l) => pathOf(l) === "/forgot")).toBe(true);
    // Nothing was created or changed for the taken address: the demo password still works.
    expect((await new Browser(server.url).signIn(taken, DEMO_PASSWORD)).status).toBe(302);

    const resetFree = await new Browser(server.url).postForm("/forgot", { email: fresh("nobody") });
    const resetTaken = await new Browser(server.url).postForm("/forgot", { email: "industry@example.org" });
    expect(resetTaken.status).toBe(200);
    expect(resetFree.status).toBe(200);
    const [freeHtml, takenHtml] = [withoutNonce(await resetFree.text()), withoutNonce(await resetTaken.text())];
    expect(takenHtml).toBe(freeHtml);
    expect(takenHtml).toContain("If an account exists for that address, we sent a link to it.");
    await mailTo("industry@example.org", "Reset your password on Margin");
  });

  it("resets a password with a single-use link that ends every session and API token, and refuses an expired one", async () => {
    const { b: elsewhere, email } = await confirmedParticipant("reset");
    const created = await elsewhere.postForm("/account", { intent: "create-token", name: "Script" });
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    const mark = smtp.received.length;
    expect((await new Browser(server.url).postForm("/forgot", { email })).status).toBe(200);
    const mail = await mailTo(email, "Reset your password on Margin", mark);
    expect(mail.text).toContain("60 minutes");
    const link = linkIn(mail, "/reset/");

    const me = new Browser(server.url);
    expect(await (await me.get(link)).text()).toContain("Set the new password");
    const short = await me.postForm(link, { newPassword: "short" });
    expect(short.status).toBe(400);
    const done = await me.postForm(link, { newPassword: "a brand new passphrase" });
    expect(done.status).toBe(302);
    expect(me.cookie("margin_session")).toBeDefined();
    expect((await me.get("/account")).status).toBe(200);
    // Every other session and every API token is gone.
    expect((await elsewhere.get("/account")).status).toBe(302);
    expect((await fetch(`${server.url}/api/v1/consultations`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(401);
    expect((await new Browser(server.url).signIn(email, "a brand new passphrase")).status).toBe(302);
    // Single use.
    const again = await new Browser(server.url).postForm(link, { newPassword: "yet another passphrase" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This link does not work any more");

    // Expiry: the row is expired in the database, as time would do it.
    const mark2 = smtp.received.length;
    await new Browser(server.url).postForm("/forgot", { email });
    const late = linkIn(await mailTo(email, "Reset your password on Margin", mark2), "/reset/");
    await withDb((db) =>
      db.kysely.updateTable("account_token").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("purpose", "=", "reset").where("used_at", "is", null).execute(),
    );
    expect(await (await new Browser(server.url).get(late)).text()).toContain("This link does not work any more");
    const expired = await new Browser(server.url).postForm(late, { newPassword: "yet another passphrase" });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("This link does not work any more");
    expect((await new Browser(server.url).signIn(email, "a brand new passphrase")).status).toBe(302);
    // An unknown link reads the same.
    expect(await (await new Browser(server.url).get(`/reset/${"a".repeat(24)}.${"b".repeat(24)}`)).text()).toContain("This link does not work any more");
  });

  it("changes the address only when the link sent to the new one is confirmed, and tells the old one", async () => {
    const { b, email } = await confirmedParticipant("mover");
    const next = fresh("moved");
    const wrong = await b.postForm("/account", { intent: "change-email", newEmail: next, emailPassword: "not my password" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That is not your current password.");
    const mark = smtp.received.length;
    const asked = await b.postForm("/account", { intent: "change-email", newEmail: next, emailPassword: PASSWORD });
    expect(asked.status).toBe(302);
    const confirm = await mailTo(next, "Confirm your new address on Margin", mark);
    const notice = await mailTo(email, "A change of your address on Margin was asked for", mark);
    expect(notice.text).not.toContain(next);
    // Nothing changes until the link is confirmed.
    expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(302);
    const link = linkIn(confirm, "/email-change/");
    expect(await (await b.get(link)).text()).toContain("Use this address");
    expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(302);
    expect((await b.postForm(link, {})).status).toBe(302);
    expect((await new Browser(server.url).signIn(next, PASSWORD)).status).toBe(302);
    expect((await new Browser(server.url).signIn(email, PASSWORD)).status).toBe(401);
    expect((await b.postForm(link, {})).status).toBe(400);

    // A taken address: the requester sees the usual answer; only that address's mailbox hears of it.
    const mark2 = smtp.received.length;
    const toTaken = await b.postForm("/account", { intent: "change-email", newEmail: "moderator@example.org", emailPassword: PASSWORD });
    expect(toTaken.status).toBe(302);
    await mailTo("moderator@example.org", "An account already uses this address on Margin", mark2);
    await mailTo(next, "A change of your address on Margin was asked for", mark2);
    expect(smtp.received.slice(mark2).some((m) => m.subject === "Confirm your new address on Margin")).toBe(false);
  });

  it("deletes an account: its submissions stay, shown as a former participant, and the address can sign up again", async () => {
    const { b, email } = await confirmedParticipant("leaver", "Lena Leaver");
    expect((await comment(b, "A comment that outlives its account")).status).toBe(302);
    const byOrganisation = await b.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "comment", kind: "comment", body: "Said under the organisation's name", publication: "organisation" });
    expect(byOrganisation.status).toBe(302);
    const refused = await b.postForm("/account", { intent: "delete-account", deletePassword: "wrong password", shownAs: "former_participant", confirmDelete: "yes" });
    expect(refused.status).toBe(400);
    const deleted = await b.postForm("/account", { intent: "delete-account", deletePassword: PASSWORD, shownAs: "former_participant", confirmDelete: "yes" });
    expect(deleted.status).toBe(302);
    expect(b.cookie("margin_session")).toBeUndefined();
    const list = await (await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`)).json();
    const mine = list.items.find((c: { body: string }) => c.body === "A comment that outlives its account");
    expect(mine.author.name).toBe("Former participant");
    expect(mine.author.organisation).toBe("");
    // Shown by organisation when posted, now a former participant too: the organisation is not named any more.
    const byOrg = list.items.find((c: { body: string }) => c.body === "Said under the organisation's name");
    expect(byOrg.author).toMatchObject({ name: "Former participant", organisation: "" });
    const page = await (await new Browser(server.url).get(`/c/ai-guideline/s/${sectionId}`)).text();
    expect(page).not.toContain("Lena Leaver");
    expect(page).toContain("Former participant");
    // Signing in fails exactly like a wrong password.
    const gone = await new Browser(server.url).signIn(email, PASSWORD);
    const wrong = await new Browser(server.url).signIn("civil@example.org", "wrong password!");
    expect(gone.status).toBe(401);
    expect(normalise(await gone.text(), email)).toBe(normalise(await wrong.text(), "civil@example.org"));
    const row = await withDb((db) => db.kysely.selectFrom("user").select(["email", "display_name", "deleted_at", "deleted_shown_as"]).where("display_name", "=", "Former participant").execute());
    expect(row.some((r) => r.email.endsWith("@deleted.invalid") && r.deleted_shown_as === "former_participant")).toBe(true);
    // The mails once sent to the address (its confirmation) no longer name it.
    const outbox = await withDb((db) => db.kysely.selectFrom("mail_outbox").select("id").where("to_address", "=", email).execute());
    expect(outbox).toEqual([]);
    // The ledger still verifies: deleting rewrote nothing in it.
    const verify = await fetch(`${server.url}/api/v1/ledger/head`);
    expect(verify.status).toBe(200);
    // The address is free again.
    const mark = smtp.received.length;
    expect((await new Browser(server.url).postForm("/signup", signUpForm(email))).status).toBe(302);
    await mailTo(email, "Confirm your address on Margin", mark);
  });

  it("shows a deleted account's submissions under its organisation when it chose so", async () => {
    const { b } = await confirmedParticipant("org-leaver");
    expect((await comment(b, "Said for Mail Works")).status).toBe(302);
    expect((await b.postForm("/account", { intent: "delete-account", deletePassword: PASSWORD, shownAs: "organisation", confirmDelete: "yes" })).status).toBe(302);
    const list = await (await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`)).json();
    const mine = list.items.find((c: { body: string }) => c.body === "Said for Mail Works");
    expect(mine.author.name).toBe("Mail Works");
  });

  it("limits account mails per address with 429 and a clear message", async () => {
    const email = fresh("limited");
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < MAILS_PER_ADDRESS + 1; i++) {
      last = await new Browser(server.url).postForm("/forgot", { email });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(MAILS_PER_ADDRESS).fill(200), 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("Too many mails to this address");
  });

  it("counts the sign-up's confirmation mail against the address's mail limit", async () => {
    const email = fresh("resender");
    await new Browser(server.url).postForm("/signup", signUpForm(email));
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < MAILS_PER_ADDRESS; i++) {
      last = await new Browser(server.url).postForm("/forgot", { email });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(MAILS_PER_ADDRESS - 1).fill(200), 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("Too many mails to this address");
  });

  it("requires consent to the privacy notice, which it links", async () => {
    const email = fresh("noconsent");
    const res = await new Browser(server.url).postForm("/signup", signUpForm(email, { consent: "" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Tick the box to accept the privacy notice");
    const form = await (await new Browser(server.url).get("/signup")).text();
    expect(form).toContain('href="/privacy"');
    const privacy = await new Browser(server.url).get("/privacy");
    expect(privacy.status).toBe(200);
    expect(await privacy.text()).toContain("How to delete your account");
    const ja = await (await new Browser(server.url).get("/privacy", { "accept-language": "ja" })).text();
    expect(ja).toContain("プライバシーに関するお知らせ");
    const stored = await withDb((db) => db.kysely.selectFrom("user").select("consented_at").where("email", "=", email).executeTakeFirst());
    expect(stored).toBeUndefined();
  });
});
