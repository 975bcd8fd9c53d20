import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";
import { startSmtp, type ReceivedMail, type TestSmtp } from "../helpers/smtp.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const CIVIL = "civil@example.org";
const INDUSTRY = "industry@example.org";
const KINDS = ["reply", "response", "suggestion_decision", "moderation", "version", "consultation_opened", "closing_soon", "consultation_closed", "results", "request_addressed", "request_deadline"];

/**
 * Notifications about one's own submissions (issue 16), against the real
 * server and a real SMTP server: each kind in the app and by mail with a
 * working link, the settings, the daily digest and one-click unsubscribe.
 */
describe.each(databaseKinds())("notifications on %s", (kind) => {
  let tdb: TestDatabase;
  let smtp: TestSmtp;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let moderator: Browser;
  let civil: Browser;
  let industry: Browser;
  let sections: string[];

  const env = (extra: Record<string, string> = {}) => ({
    SEED_DEMO: "1",
    DEMO_PASSWORD: PASSWORD,
    COMMENT_LIMIT_PER_MINUTE: "1000",
    SMTP_URL: smtp.url,
    COLLAB_CHANGESET_IDLE_MS: "50",
    ...extra,
  });
  const signedIn = async (email: string) => {
    const b = new Browser(server.url);
    expect((await b.signIn(email, PASSWORD)).status).toBe(302);
    return b;
  };
  const signInAll = async () => {
    owner = await signedIn("owner@example.org");
    moderator = await signedIn("moderator@example.org");
    civil = await signedIn(CIVIL);
    industry = await signedIn(INDUSTRY);
  };
  const here = (i: number) => `/c/${SLUG}/s/${sections[i]}`;
  const comment = async (who: Browser, i: number, body: string, extra: Record<string, string> = {}) => {
    const res = await who.postForm(here(i), { intent: "comment", kind: "comment", body, ...extra });
    expect(res.status, await res.clone().text()).toBe(302);
    return /#thread-([a-z2-7]{16})/.exec(res.headers.get("location")!)![1]!;
  };
  const reply = async (who: Browser, i: number, parentId: string, body: string) => {
    const res = await who.postForm(here(i), { intent: "reply", parentId, body });
    expect(res.status, await res.clone().text()).toBe(302);
    const row = await db.kysely.selectFrom("comment").select("id").where("parent_id", "=", parentId).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    return row.id;
  };
  const userId = async (email: string) => (await db.kysely.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const notificationsOf = async (email: string, kindOf?: string) =>
    db.kysely
      .selectFrom("notification")
      .selectAll()
      .where("user_id", "=", await userId(email))
      .$if(kindOf !== undefined, (q) => q.where("kind", "=", kindOf!))
      .orderBy("created_at")
      .execute();
  const mailFor = (to: string, subject: string, link: string) =>
    smtp.waitFor((m) => m.to.includes(to) && m.subject.includes(subject) && m.links.some((l) => l.includes(link)), undefined, `“${subject}” to ${to} linking ${link}`);
  /** The mail's link to the item works for its reader: the page it leads to answers 200. */
  const followItemLink = async (m: ReceivedMail, who: Browser, anchor: string) => {
    const link = m.links.find((l) => l.includes(anchor))!;
    expect(link.startsWith(server.origin)).toBe(true);
    const url = new URL(link);
    expect(url.hash).toBe(anchor);
    const page = await who.get(url.pathname + url.search);
    expect(page.status).toBe(200);
    // The thread it points to is on the page.
    expect(await page.text()).toContain(`id="${anchor.slice(1)}"`);
  };
  const settings = (who: Browser, channels: Record<string, { app: boolean; email: boolean }>, digest: "off" | "daily" = "off") => {
    const fields: Record<string, string> = { digest };
    for (const k of KINDS) {
      const c = channels[k] ?? { app: true, email: true };
      if (c.app) fields[`${k}.app`] = "on";
      if (c.email) fields[`${k}.email`] = "on";
    }
    return who.postForm("/account/notifications", fields);
  };
  const outboxTo = async (email: string, mailKind: string) =>
    db.kysely.selectFrom("mail_outbox").select(["id", "subject"]).where("to_address", "=", email).where("kind", "=", mailKind).execute();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    smtp = await startSmtp();
    server = await startServer(tdb.url, env());
    db = createDb(tdb.url, { poolSize: 2 });
    await signInAll();
    sections = (await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json()).sections.map((s: { id: string }) => s.id);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await smtp?.close();
    await tdb?.drop();
  });

  it("tells the author of a thread of a reply, in the app and by mail, never the replier", async () => {
    const root = await comment(civil, 0, "Who audits the auditors?");
    const replyId = await reply(industry, 0, root, "Independent bodies, ideally.");
    const anchor = `#thread-${root}`;
    const m = await mailFor(CIVIL, "New reply to your comment", anchor);
    expect(m.text).toContain("Ines Industry replied to your comment");
    await followItemLink(m, civil, anchor);
    // The mail carries the one-click unsubscribe headers (RFC 8058).
    expect(m.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    const page = await (await civil.get("/notifications")).text();
    expect(page).toContain("Ines Industry replied to your comment on");
    expect(page).toMatch(/Notifications \(\d+ unread\)/);
    const mine = (await notificationsOf(CIVIL, "reply")).find((n) => n.dedupe_key === `reply:${replyId}`)!;
    expect(mine.link).toBe(`/c/${SLUG}/s/${sections[0]}?filter=mine&threads=all${anchor}`);
    // Opening it marks it read and leads to the item.
    const opened = await civil.postForm("/notifications", { intent: "open", id: mine.id });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(mine.link);
    expect((await db.kysely.selectFrom("notification").select("read_at").where("id", "=", mine.id).executeTakeFirstOrThrow()).read_at).not.toBeNull();
    // The replier hears nothing of their own reply; nor does the author replying in their own thread.
    expect(await notificationsOf(INDUSTRY, "reply")).toHaveLength(0);
    const own = await reply(civil, 0, root, "Thanks.");
    expect((await notificationsOf(CIVIL, "reply")).map((n) => n.dedupe_key)).not.toContain(`reply:${own}`);
  });

  it("tells the author of the drafting team's response, with its outcome", async () => {
    const id = await comment(civil, 1, "Please define “high risk”.");
    const version = Math.max(...(await db.kysely.selectFrom("version").select("number").execute()).map((v) => Number(v.number)));
    expect((await owner.postForm(`/c/${SLUG}/v/${version}/report`, { commentId: id, outcome: "partly_adopted", response: "Defined in part." })).status).toBe(302);
    const anchor = `#thread-${id}`;
    const m = await mailFor(CIVIL, "The drafting team responded to your comment", anchor);
    expect(m.text).toContain("Outcome: partly adopted.");
    await followItemLink(m, civil, anchor);
    expect(await (await civil.get("/notifications")).text()).toContain("The drafting team responded to your comment on");
    expect(await notificationsOf("owner@example.org")).toHaveLength(0);
  });

  it("tells the proposer that their suggested amendment was declined", async () => {
    const text: string = (await (await fetch(`${server.url}/api/v1/sections/${sections[2]}`)).json()).text;
    const quote = text.split(/\s+/).slice(2, 5).join(" ");
    const id = await comment(civil, 2, "Tighter wording.", { kind: "suggestion", replacement: "clearer words", quoteExact: quote });
    expect((await owner.postForm(here(2), { intent: "decline", commentId: id, reason: "Out of scope for this version." })).status).toBe(302);
    const anchor = `#thread-${id}`;
    const m = await mailFor(CIVIL, "Your suggested amendment was declined", anchor);
    await followItemLink(m, civil, anchor);
    expect(await (await civil.get("/notifications")).text()).toContain("was declined");
    // The decline is the decision: one notification of it, not a second one as a “response”.
    const keys = (await notificationsOf(CIVIL)).map((n) => n.dedupe_key);
    expect(keys).toContain(`suggestion_decision:${id}`);
  });

  it("tells the proposer that their suggested amendment was accepted into the text", async () => {
    const text: string = (await (await fetch(`${server.url}/api/v1/sections/${sections[3]}`)).json()).text;
    const quote = text.split(/\s+/).slice(1, 4).join(" ");
    const id = await comment(civil, 3, "Plainer.", { kind: "suggestion", replacement: "plainer words", quoteExact: quote });
    expect((await owner.postForm(here(3), { intent: "accept", commentId: id })).status).toBe(302);
    // The decision lands with the change set that applies it, when the section's edits are folded.
    const m = await mailFor(CIVIL, "Your suggested amendment was accepted", `#thread-${id}`);
    expect(m.text).toContain("the text now includes it");
  });

  it("tells the author when moderation hides their submission (with the reason) and restores it", async () => {
    const id = await comment(civil, 1, "Call me on 0123 456 789.");
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: id, action: "hide", reason: "personal_data", note: "phone" })).status).toBe(302);
    const anchor = `#thread-${id}`;
    const hidden = await mailFor(CIVIL, "Your submission was hidden", anchor);
    expect(hidden.text).toContain("Reason: personal data.");
    expect(hidden.text).toContain("ask once for a review");
    await followItemLink(hidden, civil, anchor);
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: id, action: "restore", reason: "", note: "" })).status).toBe(302);
    await mailFor(CIVIL, "Your submission was restored", anchor);
    expect(await notificationsOf("moderator@example.org")).toHaveLength(0);
  });

  it("tells the thread's author of a held reply only when a moderator approves it", async () => {
    const root = await comment(industry, 0, "Small firms need a lighter process.");
    const c = await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json();
    const mode = (m: "pre" | "post") => owner.postForm(`/c/${SLUG}/settings`, { intent: "settings", title: c.title, summary: c.summary ?? "s", opensAt: "", closesAt: "", moderationMode: m });
    expect((await mode("pre")).status).toBe(302);
    const held = await reply(civil, 0, root, "Agreed, with safeguards.");
    expect((await mode("post")).status).toBe(302);
    expect((await notificationsOf(INDUSTRY, "reply")).map((n) => n.dedupe_key)).not.toContain(`reply:${held}`);
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: held, action: "approve", reason: "", note: "" })).status).toBe(302);
    await mailFor(INDUSTRY, "New reply to your comment", `#thread-${root}`);
    expect((await notificationsOf(INDUSTRY, "reply")).map((n) => n.dedupe_key)).toContain(`reply:${held}`);
  });

  it("honours the settings: a kind off by e-mail stays in the app only; off in the app, by e-mail only", async () => {
    expect((await civil.get("/account/notifications")).status).toBe(200);
    expect((await settings(civil, { response: { app: true, email: false }, moderation: { app: false, email: true } })).status).toBe(302);
    const stored = JSON.parse((await db.kysely.selectFrom("user").select("notify_prefs").where("email", "=", CIVIL).executeTakeFirstOrThrow()).notify_prefs);
    expect(stored.response).toEqual({ app: true, email: false });

    const responded = await comment(civil, 2, "Another thought on scope.");
    const version = Math.max(...(await db.kysely.selectFrom("version").select("number").execute()).map((v) => Number(v.number)));
    expect((await owner.postForm(`/c/${SLUG}/v/${version}/report`, { commentId: responded, outcome: "noted", response: "Thanks." })).status).toBe(302);
    const inApp = (await notificationsOf(CIVIL, "response")).find((n) => n.link.endsWith(`#thread-${responded}`))!;
    expect(inApp.mail_state).toBe("none");
    expect(inApp.read_at).toBeNull();

    const moderated = await comment(civil, 2, "Buy cheap watches here.");
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: moderated, action: "hide", reason: "spam", note: "" })).status).toBe(302);
    await mailFor(CIVIL, "Your submission was hidden", `#thread-${moderated}`);
    const page = await (await civil.get("/notifications")).text();
    // Mails are queued in order: the hide's mail arrived, so a mail for the response would have been sent before it.
    expect((await outboxTo(CIVIL, "notification.response")).length).toBe(1);
    expect(page).not.toContain(`thread-${moderated}`);
    const ids = (await notificationsOf(CIVIL, "moderation")).filter((n) => n.link.endsWith(`#thread-${moderated}`)).map((n) => n.id);
    for (const id of ids) expect(page).not.toContain(id);
    expect((await settings(civil, {})).status).toBe(302);
  });

  it("marks all read", async () => {
    expect(await (await civil.get("/")).text()).toMatch(/Notifications \([1-9]\d* unread\)/);
    expect((await civil.postForm("/notifications", { intent: "read-all" })).status).toBe(302);
    const home = await (await civil.get("/")).text();
    expect(home).toContain(">Notifications<");
    expect((await notificationsOf(CIVIL)).every((n) => n.read_at !== null)).toBe(true);
  });

  it("unsubscribes from one kind with a mail client's one-click POST; a forged signature changes nothing", async () => {
    const root = await comment(civil, 3, "Unsubscribe test root.");
    await reply(industry, 3, root, "First reply.");
    const m = await mailFor(CIVIL, "New reply to your comment", `#thread-${root}`);
    const unfolded = m.raw.replace(/\r?\n[ \t]+/g, " ");
    const link = /^List-Unsubscribe: <([^>]+)>/m.exec(unfolded)![1]!;
    expect(new URL(link).pathname).toBe("/unsubscribe");
    expect(new URL(link).searchParams.get("k")).toBe("reply");
    expect(m.links).toContain(link);
    const prefs = async () => (await db.kysely.selectFrom("user").select(["notify_prefs", "digest"]).where("email", "=", CIVIL).executeTakeFirstOrThrow());
    const before = await prefs();

    const oneClick = (url: string) => fetch(url, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    const forged = new URL(link);
    const s = forged.searchParams.get("s")!;
    forged.searchParams.set("s", `${s.slice(0, -1)}${s.endsWith("0") ? "1" : "0"}`);
    const refused = await oneClick(forged.toString());
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("This unsubscribe link is not valid");
    const otherKind = new URL(link);
    otherKind.searchParams.set("k", "all");
    expect((await oneClick(otherKind.toString())).status).toBe(400);
    expect(await prefs()).toEqual(before);

    // The page asks first: a GET (a mail scanner following the link) changes nothing.
    const shown = await fetch(link);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain("This stops e-mails about: A reply to my comment.");
    expect(await prefs()).toEqual(before);

    const done = await oneClick(link);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("You will no longer receive e-mails about: A reply to my comment.");
    expect(JSON.parse((await prefs()).notify_prefs).reply).toEqual({ app: true, email: false });

    const second = await reply(industry, 3, root, "Second reply.");
    const n = (await notificationsOf(CIVIL, "reply")).find((x) => x.dedupe_key === `reply:${second}`)!;
    expect(n.mail_state).toBe("none");
    expect(n.read_at).toBeNull();
    expect((await outboxTo(CIVIL, "notification.reply")).length).toBe(smtp.to(CIVIL).filter((x) => x.subject.includes("New reply")).length);
    expect((await settings(civil, {})).status).toBe(302);
  });

  it("sends one digest listing several notifications instead of single mails, once it is due", async () => {
    expect((await settings(industry, {}, "daily")).status).toBe(302);
    const root = await comment(industry, 4, "Digest test root.");
    await reply(civil, 4, root, "A first reply for the digest.");
    expect((await moderator.postForm(`/c/${SLUG}/moderation`, { ids: root, action: "hide", reason: "off_topic", note: "" })).status).toBe(302);
    const waiting = (await notificationsOf(INDUSTRY)).filter((n) => n.link.endsWith(`#thread-${root}`));
    expect(waiting.map((n) => n.kind).sort()).toEqual(["moderation", "reply"]);
    expect(waiting.every((n) => n.mail_state === "digest")).toBe(true);
    const singles = smtp.to(INDUSTRY).length;

    // The digest is due once the oldest waiting notification is DIGEST_AFTER_MS old: restart with 0.
    await server.stop();
    server = await startServer(tdb.url, env({ DIGEST_AFTER_MS: "0", DIGEST_CHECK_MS: "200" }));
    await signInAll();
    const digest = await smtp.waitFor((m) => m.to.includes(INDUSTRY) && m.subject.includes("Your daily summary"), undefined, "the digest");
    expect(digest.subject).toContain("2 notifications");
    expect(digest.text).toContain("Civil");
    expect(digest.text).toContain("was hidden");
    expect(digest.links.filter((l) => l.includes(`#thread-${root}`))).toHaveLength(2);
    expect(digest.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    // Nothing of it was sent singly, and it is sent once.
    expect(smtp.to(INDUSTRY).filter((m) => !m.subject.includes("Your daily summary"))).toHaveLength(singles);
    const after = (await notificationsOf(INDUSTRY)).filter((n) => n.link.endsWith(`#thread-${root}`));
    expect(after.every((n) => n.mail_state === "digested")).toBe(true);
    expect((await outboxTo(INDUSTRY, "notification.digest")).length).toBe(1);
    expect((await settings(industry, {})).status).toBe(302);
  });

  it("keeps the pages to their owner: anonymous is sent to sign in, another's notification is not found", async () => {
    const anon = new Browser(server.url);
    for (const path of ["/notifications", "/account/notifications"]) {
      const res = await anon.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toContain("/login");
    }
    const theirs = (await notificationsOf(CIVIL))[0]!;
    expect((await industry.postForm("/notifications", { intent: "open", id: theirs.id })).status).toBe(404);
    expect((await anon.postForm("/notifications", { intent: "open", id: theirs.id })).status).toBe(302);
  });
});
