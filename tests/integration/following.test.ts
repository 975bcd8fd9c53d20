import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import type { SiteRole } from "../../db/schema.js";
import type { Actor } from "../../server/auth/policy.js";
import { addOrganisationMember, createOrganisation, verifyOrganisation } from "../../server/domain/organisations/index.js";
import { RequestDefinitionSchema } from "../../server/domain/request-schemas.js";
import { createRecipientBody, createRequest, declineRequest } from "../../server/domain/requests/index.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, startServer, type TestServer } from "../helpers/server.js";
import { startSmtp, type ReceivedMail, type TestSmtp } from "../helpers/smtp.js";

const PASSWORD = "correct horse battery";
const DAY = 86_400_000;

/** A datetime-local value in UTC (the consultations and requests here are in UTC). */
function local(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

/**
 * Issue 16, item 5 and the following half of item 4: people follow a
 * consultation, a section or an organisation's information requests, and hear by
 * mail (and in their notifications) of a new version, the window opening, closing
 * soon and closing (by the owner or by time alone), the results, a request
 * addressed to their organisation and its deadline; nobody else does, and a
 * restart never repeats an event.
 */
describe.each(databaseKinds())("following on %s", { timeout: CLI_TEST_TIMEOUT_MS }, (kind) => {
  let tdb: TestDatabase;
  let smtp: TestSmtp;
  let server: TestServer;
  let db: Db;
  const people: Record<string, { browser: Browser; email: string; userId: string }> = {};
  let sectionId = "";
  let serverEnv: Record<string, string> = {};

  async function person(name: string, siteRole: SiteRole = "member", verified = true) {
    const browser = new Browser(server.url);
    const email = await browser.signUp({ displayName: name, password: PASSWORD });
    const user = await db.kysely.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    await db.kysely
      .updateTable("user")
      .set({ site_role: siteRole, email_verified_at: verified ? new Date().toISOString() : null })
      .where("id", "=", user.id)
      .execute();
    people[name] = { browser, email, userId: user.id };
    return people[name]!;
  }
  const as = (name: string) => people[name]!.browser;
  const mailsTo = (name: string, subject: string) => smtp.to(people[name]!.email).filter((m) => m.subject.includes(subject));
  const mailTo = (name: string, subject: string): Promise<ReceivedMail> =>
    smtp.waitFor((m) => m.to.includes(people[name]!.email) && m.subject.includes(subject), undefined, `“${subject}” to ${name}`);
  const notifications = (name: string, kindName: string) =>
    db.kysely.selectFrom("notification").select(["dedupe_key", "link", "params"]).where("user_id", "=", people[name]!.userId).where("kind", "=", kindName).execute();
  const follow = (name: string, kindName: string, target: string, intent: "follow" | "unfollow" = "follow", back = "/account/following") =>
    as(name).postForm("/follow", { intent, kind: kindName, target, back });
  /** Opens a mail's link to this site as its addressee would: it must lead to a page they may read. */
  async function followLink(name: string, mail: ReceivedMail, path: string) {
    const link = mail.links.find((l) => l.startsWith(server.url) && new URL(l).pathname === path);
    expect(link, `${path} in ${mail.links.join(" ")}`).toBeDefined();
    expect((await as(name).get(new URL(link!).pathname)).status).toBe(200);
  }
  async function settings(slug: string, opensAt: string, closesAt: string) {
    const res = await as("owner").postForm(`/c/${slug}/settings`, {
      intent: "settings",
      title: { timed: "Timed rules", later: "Later rules" }[slug] ?? "Followed rules",
      summary: "",
      opensAt,
      closesAt,
      moderationMode: "post",
      contentLanguage: "en",
      timeZone: "UTC",
      datesTimeZone: "UTC",
    });
    expect(res.status, await res.clone().text()).toBe(302);
  }
  async function newConsultation(slug: string, title: string, opensAt = "", closesAt = "") {
    const res = await as("owner").postForm("/consultations/new", { title, slug, summary: "", opensAt, closesAt, moderationMode: "post", contentLanguage: "en", timeZone: "UTC", datesTimeZone: "UTC" });
    expect(res.status, await res.clone().text()).toBe(302);
  }
  const phase = (slug: string, to: string) => as("owner").postForm(`/c/${slug}/settings`, { intent: "phase", to, confirm: "yes" });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    smtp = await startSmtp();
    serverEnv = { SMTP_URL: smtp.url, NOTIFY_SWEEP_MS: "200", SIGNUP_LIMIT_PER_IP: "1000", COMMENT_LIMIT_PER_MINUTE: "1000" };
    server = await startServer(tdb.url, serverEnv);
    db = createDb(tdb.url, { poolSize: 2 });
    await person("owner", "convener");
    await person("follower");
    await person("sectionFollower");
    await person("outsider");
    // Unverified accounts may follow (they are told in the app; mail waits for a verified address).
    await person("unverified", "member", false);
    await person("convener", "convener");
    await person("memberA");
    await person("orgFollower");
    await person("memberB");
    await person("memberC");
    for (const name of Object.keys(people)) expect((await as(name).signIn(people[name]!.email, PASSWORD)).status).toBe(302);

    await newConsultation("followed", "Followed rules");
    expect((await as("owner").postForm("/c/followed/settings", { intent: "add-section", title: "Scope" })).status).toBe(302);
    const detail = await (await as("owner").get("/api/v1/consultations/followed")).json();
    sectionId = detail.sections[0].id;
  }, CLI_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await smtp?.close();
    await tdb?.drop();
  });

  it("follows only what one may see: a hidden draft and its sections are not found", async () => {
    expect((await follow("follower", "consultation", "followed")).status).toBe(404);
    expect((await follow("follower", "section", sectionId)).status).toBe(404);
    expect((await follow("follower", "consultation", "no-such-thing")).status).toBe(404);
    expect((await follow("follower", "organisation_requests", "no-such-org")).status).toBe(404);
    // Anonymous: sent to sign in, and nothing is stored.
    const anonymous = await new Browser(server.url).postForm("/follow", { intent: "follow", kind: "consultation", target: "followed" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    // A form that names no known kind is refused.
    expect((await as("follower").postForm("/follow", { intent: "follow", kind: "everything", target: "followed" })).status).toBe(400);
    expect(await db.kysely.selectFrom("follow").selectAll().execute()).toEqual([]);
    expect((await phase("followed", "open")).status).toBe(302);
  });

  it("follows and unfollows a consultation and a section from their pages, and lists them on /account/following", async () => {
    const anonymousPage = await (await new Browser(server.url).get("/c/followed")).text();
    expect(anonymousPage).toContain("Sign in to follow");
    expect(anonymousPage).toContain('href="/c/followed/feed.atom"');

    const before = await (await as("follower").get("/c/followed")).text();
    expect(before).toMatch(/<button[^>]*>Follow<span class="visually-hidden"> this consultation<\/span><\/button>/);
    expect(before).toContain("or subscribe to the");

    const res = await follow("follower", "consultation", "followed", "follow", "/c/followed");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/c/followed");
    const after = await (await as("follower").get("/c/followed", { accept: "text/html" })).text();
    expect(after).toContain("Following ✓ — Unfollow");
    expect(after).toContain("You follow this now");
    // Following twice is following once.
    expect((await follow("follower", "consultation", "followed")).status).toBe(302);
    expect(await (await as("follower").get("/account/following")).text()).toContain("Followed rules");

    expect((await follow("follower", "consultation", "followed", "unfollow")).status).toBe(302);
    const list = await (await as("follower").get("/account/following")).text();
    expect(list).not.toContain("Followed rules");
    expect(list).toContain("You follow nothing yet");
    expect((await follow("follower", "consultation", "followed")).status).toBe(302);

    const sectionPage = `/c/followed/s/${sectionId}`;
    expect(await (await as("sectionFollower").get(sectionPage)).text()).toMatch(/>Follow<span class="visually-hidden"> this section<\/span>/);
    expect((await follow("sectionFollower", "section", sectionId, "follow", sectionPage)).status).toBe(302);
    expect(await (await as("sectionFollower").get(sectionPage)).text()).toContain("Following ✓ — Unfollow");
    expect(await (await as("sectionFollower").get("/account/following")).text()).toContain("Scope");

    expect((await follow("unverified", "consultation", "followed")).status).toBe(302);
    const rows = await db.kysely.selectFrom("follow").select(["user_id", "target_kind"]).execute();
    expect(rows).toHaveLength(3);
  });

  it("tells the followers of the consultation and of its sections of a new version, by mail with a working link and in their notifications", async () => {
    expect((await as("owner").postForm("/c/followed/versions", { name: "First draft", note: "" })).status).toBe(302);
    for (const name of ["follower", "sectionFollower"]) {
      const mail = await mailTo(name, "New version published – Followed rules");
      expect(mail.text).toContain("version 1 of “Followed rules”");
      await followLink(name, mail, "/c/followed/v/1");
      expect(await notifications(name, "version")).toHaveLength(1);
    }
    // Unverified: in the app only.
    expect(await notifications("unverified", "version")).toHaveLength(1);
    expect(mailsTo("unverified", "New version")).toHaveLength(0);
    expect(await notifications("outsider", "version")).toHaveLength(0);
    expect(await notifications("owner", "version")).toHaveLength(0);
  });

  it("tells followers when a window opens, closes soon and closes by time alone, once each, even across a restart", async () => {
    await newConsultation("timed", "Timed rules", local(Date.now() + DAY), local(Date.now() + 10 * DAY));
    expect((await phase("timed", "open")).status).toBe(302);
    // Opening before its opening time: nothing to tell yet.
    expect((await follow("follower", "consultation", "timed")).status).toBe(302);

    await settings("timed", local(Date.now() - DAY), local(Date.now() + 10 * DAY));
    const opened = await mailTo("follower", "Open for comments – Timed rules");
    await followLink("follower", opened, "/c/timed");
    expect(opened.text).toContain("UTC");

    await settings("timed", local(Date.now() - DAY), local(Date.now() + 2 * DAY));
    await mailTo("follower", "Closing in 3 days – Timed rules");

    await settings("timed", local(Date.now() - DAY), local(Date.now() - 60_000));
    const closed = await mailTo("follower", "Closed for comments – Timed rules");
    await followLink("follower", closed, "/c/timed");
    expect(mailsTo("outsider", "Timed rules")).toHaveLength(0);

    await server.stop();
    server = await startServer(tdb.url, serverEnv);
    for (const name of Object.keys(people)) {
      people[name]!.browser = new Browser(server.url);
      expect((await as(name).signIn(people[name]!.email, PASSWORD)).status).toBe(302);
    }
    // A sweep after the restart: a new consultation closing soon is found, the closed one is not told again.
    await newConsultation("later", "Later rules", "", local(Date.now() + 10 * DAY));
    expect((await phase("later", "open")).status).toBe(302);
    expect((await follow("follower", "consultation", "later")).status).toBe(302);
    await settings("later", "", local(Date.now() + DAY + 60_000));
    await mailTo("follower", "Closing in 3 days – Later rules");

    // The owner closes what time already closed: the same event, not told twice.
    expect((await phase("timed", "closed")).status).toBe(302);
    expect((await phase("timed", "final")).status).toBe(302);
    await mailTo("follower", "Results published – Timed rules");
    for (const subject of ["Open for comments – Timed rules", "Closing in 3 days – Timed rules", "Closed for comments – Timed rules", "Results published – Timed rules"]) {
      expect(mailsTo("follower", subject), subject).toHaveLength(1);
    }
    for (const k of ["consultation_opened", "closing_soon", "consultation_closed", "results"]) {
      const rows = (await notifications("follower", k)).filter((r) => JSON.parse(r.params).consultation === "Timed rules");
      expect(rows, k).toHaveLength(1);
    }
  });

  it("tells the owner's explicit closing and the results to the followers of a consultation", async () => {
    expect((await phase("followed", "closed")).status).toBe(302);
    for (const name of ["follower", "sectionFollower"]) await mailTo(name, "Closed for comments – Followed rules");
    expect((await phase("followed", "final")).status).toBe(302);
    const results = await mailTo("sectionFollower", "Results published – Followed rules");
    await followLink("sectionFollower", results, "/c/followed/v/1/report");
    expect(mailsTo("outsider", "Followed rules")).toHaveLength(0);
  });

  it("tells an organisation's members and the followers of its requests of a request addressed to it, and of its deadline unless it answered", async () => {
    const convener: Actor = { kind: "user", userId: people.convener!.userId, siteRole: "convener", role: null };
    await createOrganisation(db, "operator", { name: "Alpha Robotics", kind: "company", slug: "alpha", emailDomain: null });
    await createOrganisation(db, "operator", { name: "Beta Analytics", kind: "company", slug: "beta", emailDomain: null });
    await addOrganisationMember(db, "operator", "alpha", people.memberA!.email, "representative");
    await addOrganisationMember(db, "operator", "beta", people.memberB!.email, "representative");
    await createOrganisation(db, "operator", { name: "Gamma Insurance", kind: "company", slug: "gamma", emailDomain: null });
    await addOrganisationMember(db, "operator", "gamma", people.memberC!.email, "member");
    // Neither verified nor asked yet: only its members may follow its requests.
    expect((await follow("orgFollower", "organisation_requests", "alpha")).status).toBe(404);
    const requestsPage = await (await as("memberA").get("/requests")).text();
    expect(requestsPage).toContain("Information requests to Alpha Robotics");
    expect((await follow("memberA", "organisation_requests", "alpha", "follow", "/requests")).status).toBe(302);
    await verifyOrganisation(db, "operator", "alpha", "Checked against the company register.");
    expect((await follow("orgFollower", "organisation_requests", "alpha")).status).toBe(302);
    expect(await (await as("orgFollower").get("/account/following")).text()).toContain("Information requests to Alpha Robotics");

    await createRecipientBody(db, convener, { name: "Safety Office", slug: "safety-office", description: "Reads restricted answers." });
    const def = RequestDefinitionSchema.parse({
      title: "Risk survey",
      purpose: "Learn how companies evaluate AI systems.",
      legalBasis: "Voluntary.",
      deadline: new Date(Date.now() + 10 * DAY).toISOString(),
      invited: ["alpha", "beta"],
      recipientBodies: ["safety-office"],
      timeZone: "UTC",
      questions: [{ kind: "text", prompt: "Which methods do you use?", help: "", maxLevel: "public_named", required: true }],
    });
    await createRequest(db, convener, def, "risk-survey");
    expect((await as("convener").postForm("/requests/risk-survey/issue", { intent: "issue" })).status).toBe(302);
    for (const [name, org] of [
      ["memberA", "Alpha Robotics"],
      ["orgFollower", "Alpha Robotics"],
      ["memberB", "Beta Analytics"],
    ] as const) {
      const mail = await mailTo(name, `Information request for ${org} – Risk survey`);
      await followLink(name, mail, "/requests/risk-survey");
    }
    // A member who also follows is told once.
    expect(mailsTo("memberA", "Information request for")).toHaveLength(1);
    expect(await notifications("memberA", "request_addressed")).toHaveLength(1);
    expect(mailsTo("outsider", "Risk survey")).toHaveLength(0);
    expect(mailsTo("convener", "Risk survey")).toHaveLength(0);

    // Beta declines; the deadline moves within the notice and Gamma is asked too: Alpha's and Gamma's people are reminded, Beta's are not.
    const beta: Actor = { kind: "user", userId: people.memberB!.userId, siteRole: "member", role: null };
    await declineRequest(db, beta, "risk-survey", "We do not collect this.");
    const moved = await as("convener").postForm("/requests/risk-survey/change", { deadline: local(Date.now() + 2 * DAY), invited: ["alpha", "beta", "gamma"], reason: "Sooner, for the review." });
    expect(moved.status, await moved.clone().text()).toBe(302);
    await followLink("memberC", await mailTo("memberC", "Information request for Gamma Insurance – Risk survey"), "/requests/risk-survey");
    expect(mailsTo("memberA", "Information request for")).toHaveLength(1);
    for (const name of ["memberA", "orgFollower", "memberC"]) {
      const mail = await mailTo(name, "Answer due soon – Risk survey");
      await followLink(name, mail, "/requests/risk-survey");
    }
    // An event only a later sweep can find: once it is told, the pass that reminded Alpha (and skipped Beta) is over.
    await settings("later", "", local(Date.now() - 60_000));
    await mailTo("follower", "Closed for comments – Later rules");
    expect(mailsTo("memberB", "Answer due soon")).toHaveLength(0);
    expect(await notifications("memberB", "request_deadline")).toHaveLength(0);
  });
});
