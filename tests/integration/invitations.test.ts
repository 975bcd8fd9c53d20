import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { INVITATION_LINK } from "../helpers/invitations.js";
import { CLI_TEST_TIMEOUT_MS, startServer, type TestServer } from "../helpers/server.js";
import { startSmtp, type ReceivedMail, type TestSmtp } from "../helpers/smtp.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const SETTINGS = `/c/${SLUG}/settings`;
const UNUSABLE = "This invitation cannot be used";
const PER_ADDRESS = 3;

/**
 * Issue 16, item 3: invitations by mail to a consultation's team or an organisation, for
 * people with or without an account: single-use, expiring links; accepting creates the
 * account if need be and goes through the same membership path (and ledger entry) as
 * adding someone by hand. The inviter never learns whether an address has an account.
 */
describe.each(databaseKinds())("invitations by mail on %s", { timeout: CLI_TEST_TIMEOUT_MS }, (kind) => {
  let smtp: TestSmtp;
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let industry: Browser;
  let civil: Browser;
  let moderator: Browser;
  let admin: Browser;
  let consultationId: string;
  let ownerName: string;

  const unique = (what: string) => `${what}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const linkIn = (mail: ReceivedMail) => {
    const link = mail.text.match(INVITATION_LINK)?.[0];
    expect(link, mail.text).toBeDefined();
    return new URL(link!).pathname;
  };
  /** Waits for the next mail to `to` (beyond the `count` already received). */
  const nextMailTo = (to: string, count = smtp.to(to).length) => smtp.waitFor((m) => m.to.includes(to) && smtp.to(to).indexOf(m) >= count, undefined, `a mail to ${to}`);
  const invite = (who: Browser, email: string, role = "drafter", locale = "en") => who.postForm(SETTINGS, { intent: "invite", email, role, locale });
  const userId = async (email: string) => (await db.kysely.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const roleOf = async (email: string) =>
    (
      await db.kysely
        .selectFrom("consultation_member")
        .innerJoin("user", "user.id", "consultation_member.user_id")
        .select("consultation_member.role")
        .where("consultation_id", "=", consultationId)
        .where("user.email", "=", email)
        .executeTakeFirst()
    )?.role;
  const lastLedger = async (kindOf: "membership" | "organisation") =>
    db.kysely.selectFrom("ledger_entry").selectAll().where("kind", "=", kindOf).orderBy("created_at", "desc").orderBy("seq", "desc").executeTakeFirstOrThrow();
  const countLedger = async (kindOf: "membership" | "organisation") => (await db.kysely.selectFrom("ledger_entry").select("seq").where("kind", "=", kindOf).execute()).length;
  /** A page's own part (the header with its flash message, and the main content), the same for every request but for what is named. */
  const visible = (html: string) =>
    html
      .slice(0, html.indexOf("<footer"))
      .replace(/nonce="[^"]*"/g, "")
      .replace(/<table[\s\S]*?<\/table>/g, "");
  const invitationRow = (email: string) => db.kysely.selectFrom("invitation").selectAll().where("email", "=", email).orderBy("created_at", "desc").executeTakeFirstOrThrow();
  /** What the inviter sees after an invitation: the redirect and the page it leads to, with the address taken out. */
  const inviterSees = async (who: Browser, res: Response, email: string, page = SETTINGS) => {
    const location = res.headers.get("location");
    const html = await (await who.get(page)).text();
    // The pending list names each address; everything else on the page must not depend on which one.
    return { status: res.status, location, page: visible(html).replaceAll(email, "ADDRESS") };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, SMTP_URL: smtp.url, SIGNUP_LIMIT_PER_IP: "1000", INVITE_LIMIT_PER_ADDRESS: String(PER_ADDRESS) });
    db = createDb(tdb.url, { poolSize: 2 });
    const signedIn = async (email: string) => {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      return b;
    };
    owner = await signedIn("owner@example.org");
    industry = await signedIn("industry@example.org");
    civil = await signedIn("civil@example.org");
    moderator = await signedIn("moderator@example.org");
    admin = new Browser(server.url);
    const adminEmail = await admin.signUp({ displayName: "Site Admin", password: PASSWORD });
    await db.kysely.updateTable("user").set({ site_role: "admin" }).where("email", "=", adminEmail).execute();
    const c = await db.kysely.selectFrom("consultation").select(["id", "title"]).where("slug", "=", SLUG).executeTakeFirstOrThrow();
    consultationId = c.id;
    ownerName = (await db.kysely.selectFrom("user").select("display_name").where("email", "=", "owner@example.org").executeTakeFirstOrThrow()).display_name;
  }, CLI_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
    await smtp?.close();
  });

  it("mails a new address a link where they create their account and join the team with the role, in the team list and the ledger", async () => {
    const email = unique("newcomer");
    const res = await invite(owner, email, "drafter");
    expect(res.status).toBe(302);
    const mail = await nextMailTo(email, 0);
    expect(mail.subject).toContain("Invitation to the team of");
    expect(mail.text).toContain(`${ownerName} invites you to join the team`);
    expect(mail.text).toContain("as a drafter");
    const path = linkIn(mail);
    expect(mail.text.match(INVITATION_LINK)![0].startsWith(server.origin)).toBe(true);
    // Only a hash of the link's secret is stored.
    const row = await invitationRow(email);
    expect(path).not.toContain(row.secret_hash);
    expect(row).toMatchObject({ target_kind: "team", consultation_id: consultationId, role: "drafter", accepted_at: null, revoked_at: null, locale: "en" });

    // The owner sees it pending, with the address and the role.
    const settings = await (await owner.get(SETTINGS)).text();
    expect(settings).toContain("Pending invitations");
    expect(settings).toContain(email);

    const invitee = new Browser(server.url);
    const page = await invitee.get(path);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toContain("no-store");
    const html = await page.text();
    for (const s of [ownerName, "as a drafter", email, "Create your account and accept", 'href="/privacy"']) expect(html).toContain(s);

    // Without the privacy consent nothing happens.
    const fields = { intent: "create", displayName: "Nina Newcomer", password: "a long enough password", organisation: "", stakeholderGroup: "academia" };
    const refused = await invitee.postForm(path, fields);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("tick the box");
    expect(await roleOf(email)).toBeUndefined();

    const before = await countLedger("membership");
    const created = await invitee.postForm(path, { ...fields, consent: "on" });
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe(`/c/${SLUG}`);
    expect(await roleOf(email)).toBe("drafter");
    const account = await db.kysely.selectFrom("user").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    expect(account.email_verified_at).not.toBeNull();
    expect(account.consented_at).not.toBeNull();
    expect(account.display_name).toBe("Nina Newcomer");
    expect((await invitationRow(email)).accepted_by).toBe(account.id);
    // Recorded like any team change: the role, the member as a salted digest.
    expect(await countLedger("membership")).toBe(before + 1);
    const entry = await lastLedger("membership");
    const payload = JSON.parse(entry.payload) as { role: unknown };
    expect(payload.role).toEqual({ from: null, to: "drafter" });
    // Signed in as the new account, a drafter now; on the owner's team list.
    expect(await (await invitee.get(`/c/${SLUG}`)).text()).toContain("as drafter");
    const team = await (await owner.get(SETTINGS)).text();
    expect(team).toContain("Nina Newcomer");

    // The link is used up: seen again, accepted again or used for another account, it is refused alike.
    expect((await invitee.get(path)).status).toBe(404);
    const again = await new Browser(server.url).get(path);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain(UNUSABLE);
    expect((await civil.postForm(path, { intent: "accept" })).status).toBe(404);
    expect((await new Browser(server.url).postForm(path, { ...fields, consent: "on" })).status).toBe(404);
    expect(await roleOf("civil@example.org")).toBeUndefined();
  });

  it("answers the inviter the same whether the address has an account or not, and mails both alike", async () => {
    const stranger = unique("stranger");
    const existing = "civil@example.org";
    const seenStranger = await inviterSees(owner, await invite(owner, stranger, "moderator"), stranger);
    const seenExisting = await inviterSees(owner, await invite(owner, existing, "moderator"), existing);
    expect(seenExisting).toEqual(seenStranger);
    expect(seenStranger.status).toBe(302);
    const [a, b] = await Promise.all([nextMailTo(stranger, 0), nextMailTo(existing, 0)]);
    expect(a.subject).toBe(b.subject);
    expect(a.text.replace(INVITATION_LINK, "LINK")).toBe(b.text.replace(INVITATION_LINK, "LINK"));

    // Whoever holds the link is told to sign in with the account; signed in, they accept.
    const path = linkIn(b);
    const anonymous = await (await new Browser(server.url).get(path)).text();
    expect(anonymous).toContain("Sign in to accept");
    expect(anonymous).toContain(`/login?redirectTo=${encodeURIComponent(path)}`);
    expect(anonymous).not.toContain("Create your account and accept");
    const page = await (await civil.get(path)).text();
    expect(page).toContain("Accept the invitation");
    // An account not yet verified: accepting what was mailed to its own address proves the address.
    await db.kysely.updateTable("user").set({ email_verified_at: null }).where("email", "=", existing).execute();
    const accepted = await civil.postForm(path, { intent: "accept" });
    expect(accepted.status).toBe(302);
    expect(await roleOf(existing)).toBe("moderator");
    expect((await db.kysely.selectFrom("user").select("email_verified_at").where("email", "=", existing).executeTakeFirstOrThrow()).email_verified_at).not.toBeNull();
    expect(JSON.parse((await lastLedger("membership")).payload).role).toEqual({ from: null, to: "moderator" });
  });

  it("lets only the invited address's own account accept: another signed-in account is told so and refused, and the link stays open", async () => {
    const email = unique("rightful");
    expect((await invite(owner, email, "owner")).status).toBe(302);
    const path = linkIn(await nextMailTo(email, 0));

    // Someone who got hold of the link, signed in with another address: told whom it is for, no button.
    const page = await industry.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`This invitation is for ${email}. You are signed in as industry@example.org: sign out and create an account for the invited address, or sign in with it.`);
    expect(html).not.toContain("Accept the invitation");
    expect(html).not.toContain('value="accept"');
    // Posting anyway is refused, and nothing changes: no role, the link still open.
    const before = await countLedger("membership");
    const refused = await industry.postForm(path, { intent: "accept" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("This invitation is for another address.");
    expect(await roleOf("industry@example.org")).toBeUndefined();
    expect(await countLedger("membership")).toBe(before);
    expect(await invitationRow(email)).toMatchObject({ accepted_at: null, accepted_by: null, revoked_at: null });
    // In Japanese too.
    const ja = await (await industry.get(path, { "Accept-Language": "ja" })).text();
    expect(ja).toContain(`この招待は ${email} 宛てです。いまは industry@example.org としてログインしています。`);

    // The invited address's own account (its address typed in capitals at sign-up) accepts.
    const rightful = new Browser(server.url);
    await rightful.signUp({ email: email.toUpperCase(), password: PASSWORD, displayName: "Rita Rightful" });
    const own = await (await rightful.get(path)).text();
    expect(own).toContain("Accept the invitation");
    expect(own).not.toContain("This invitation is for");
    const accepted = await rightful.postForm(path, { intent: "accept" });
    expect(accepted.status).toBe(302);
    expect(await roleOf(email)).toBe("owner");
    expect((await invitationRow(email)).accepted_by).toBe(await userId(email));
  });

  it("revokes the open invitations an owner sent when they leave the team, and a representative's when they stop being one", async () => {
    // A second owner, by invitation.
    const second = unique("second-owner");
    expect((await invite(owner, second, "owner")).status).toBe(302);
    const secondBrowser = new Browser(server.url);
    const joinPath = linkIn(await nextMailTo(second, 0));
    const fields = { intent: "create", displayName: "Sam Second", password: PASSWORD, organisation: "", stakeholderGroup: "academia", consent: "on" };
    expect((await secondBrowser.postForm(joinPath, fields)).status).toBe(302);
    expect(await roleOf(second)).toBe("owner");

    // The second owner invites someone; the first owner invites someone else.
    const theirs = unique("theirs");
    const ours = unique("ours");
    expect((await invite(secondBrowser, theirs)).status).toBe(302);
    expect((await invite(owner, ours)).status).toBe(302);
    const theirPath = linkIn(await nextMailTo(theirs, 0));
    const ourPath = linkIn(await nextMailTo(ours, 0));
    expect((await new Browser(server.url).get(theirPath)).status).toBe(200);

    // The first owner removes the second from the team: what the second sent is withdrawn with them.
    expect((await owner.postForm(SETTINGS, { intent: "remove-member", userId: await userId(second) })).status).toBe(302);
    expect(await roleOf(second)).toBeUndefined();
    expect((await invitationRow(theirs)).revoked_at).not.toBeNull();
    const gone = await new Browser(server.url).get(theirPath);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain(UNUSABLE);
    // The remaining owner's invitation still works.
    expect((await invitationRow(ours)).revoked_at).toBeNull();
    expect((await new Browser(server.url).get(ourPath)).status).toBe(200);

    // An organisation's representative made a plain member: their open invitations go too.
    const slug = "demoted-org";
    expect((await admin.postForm("/admin/organisations", { intent: "add", name: "Institute of Demotions", kind: "academia", slug })).status).toBe(302);
    expect((await admin.postForm("/admin/organisations", { intent: "add-member", memberSlug: slug, memberEmail: second, memberRole: "representative" })).status).toBe(302);
    const orgInvited = unique("org-invited");
    expect((await secondBrowser.postForm(`/organisations/${slug}/invitations`, { intent: "invite", email: orgInvited, locale: "en" })).status).toBe(302);
    const orgPath = linkIn(await nextMailTo(orgInvited, 0));
    expect((await new Browser(server.url).get(orgPath)).status).toBe(200);
    expect((await admin.postForm("/admin/organisations", { intent: "add-member", memberSlug: slug, memberEmail: second, memberRole: "member" })).status).toBe(302);
    expect((await invitationRow(orgInvited)).revoked_at).not.toBeNull();
    expect((await new Browser(server.url).get(orgPath)).status).toBe(404);

    // Representative again, they invite once more, then delete their account: that invitation goes with it.
    expect((await admin.postForm("/admin/organisations", { intent: "add-member", memberSlug: slug, memberEmail: second, memberRole: "representative" })).status).toBe(302);
    const lastInvited = unique("last-invited");
    expect((await secondBrowser.postForm(`/organisations/${slug}/invitations`, { intent: "invite", email: lastInvited, locale: "en" })).status).toBe(302);
    const lastPath = linkIn(await nextMailTo(lastInvited, 0));
    expect((await new Browser(server.url).get(lastPath)).status).toBe(200);
    expect((await secondBrowser.postForm("/account", { intent: "delete-account", deletePassword: PASSWORD, shownAs: "former_participant", confirmDelete: "yes" })).status).toBe(302);
    expect((await invitationRow(lastInvited)).revoked_at).not.toBeNull();
    expect((await new Browser(server.url).get(lastPath)).status).toBe(404);
  });

  it("refuses expired, revoked, replaced, unknown and malformed links with one message; a resent link works", async () => {
    const expired = unique("expired");
    expect((await invite(owner, expired)).status).toBe(302);
    const expiredPath = linkIn(await nextMailTo(expired, 0));
    expect((await new Browser(server.url).get(expiredPath)).status).toBe(200);
    await db.kysely.updateTable("invitation").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("email", "=", expired).execute();

    const revoked = unique("revoked");
    expect((await invite(owner, revoked)).status).toBe(302);
    const revokedPath = linkIn(await nextMailTo(revoked, 0));
    const revokedId = (await invitationRow(revoked)).id;
    // Only the owner revokes.
    expect((await industry.postForm(SETTINGS, { intent: "revoke-invitation", invitationId: revokedId })).status).toBe(403);
    expect((await owner.postForm(SETTINGS, { intent: "revoke-invitation", invitationId: revokedId })).status).toBe(302);
    expect((await invitationRow(revoked)).revoked_at).not.toBeNull();

    const resent = unique("resent");
    expect((await invite(owner, resent)).status).toBe(302);
    const firstPath = linkIn(await nextMailTo(resent, 0));
    expect((await owner.postForm(SETTINGS, { intent: "resend-invitation", invitationId: (await invitationRow(resent)).id })).status).toBe(302);
    const secondPath = linkIn(await nextMailTo(resent, 1));
    expect(secondPath).not.toBe(firstPath);
    expect((await new Browser(server.url).get(secondPath)).status).toBe(200);

    const [id] = expiredPath.split("/").pop()!.split(".");
    const bodies: string[] = [];
    for (const path of [expiredPath, revokedPath, firstPath, `/invitations/${id}.${"a".repeat(24)}`, "/invitations/aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb", "/invitations/nonsense"]) {
      const anonymous = new Browser(server.url);
      const res = await anonymous.get(path);
      expect(res.status, path).toBe(404);
      const text = await res.text();
      expect(text, path).toContain(UNUSABLE);
      expect(text, path).not.toContain(expired);
      // The page names its own address (the language switcher returns to it); nothing else differs.
      bodies.push(visible(text).replaceAll(path, "/invitations/X"));
      // Nor can it be accepted or used for an account.
      const post = await anonymous.postForm(path, { intent: "create", displayName: "X", password: "a long enough password", stakeholderGroup: "individual", consent: "on" });
      expect(post.status, path).toBe(404);
    }
    for (const b of bodies) expect(b).toBe(bodies[0]);
    for (const email of [expired, revoked, resent]) expect(await db.kysely.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst()).toBeUndefined();
  });

  it("lets only the owner invite, see, revoke or resend: others get 403 (404 for a draft they cannot see), and nothing is sent", async () => {
    const email = unique("sneaky");
    for (const [who, b] of [
      ["a participant", industry],
      ["a moderator", moderator],
    ] as const) {
      expect((await invite(b, email)).status, who).toBe(403);
      expect((await b.get(SETTINGS)).status, who).toBe(403);
    }
    const anonymous = await invite(new Browser(server.url), email);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    expect(await db.kysely.selectFrom("invitation").select("id").where("email", "=", email).execute()).toEqual([]);
    expect(smtp.to(email)).toEqual([]);
  });

  it("limits invitation mails per address, whoever asks", async () => {
    const email = unique("limited");
    for (let i = 0; i < PER_ADDRESS; i++) expect((await invite(owner, email)).status).toBe(302);
    const over = await invite(owner, email);
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toMatch(/^\d+$/);
    // Each new invitation replaced the one before: one is open.
    const open = await db.kysely.selectFrom("invitation").select("id").where("email", "=", email).where("revoked_at", "is", null).execute();
    expect(open).toHaveLength(1);
  });

  it("lets an organisation's representative invite people, who join it as members on accepting; others cannot", async () => {
    const slug = "invited-org";
    expect((await admin.postForm("/admin/organisations", { intent: "add", name: "Institute of Invitations", kind: "academia", slug })).status).toBe(302);
    expect((await admin.postForm("/admin/organisations", { intent: "add-member", memberSlug: slug, memberEmail: "industry@example.org", memberRole: "representative" })).status).toBe(302);
    const page = `/organisations/${slug}/invitations`;
    expect((await industry.get(page)).status).toBe(200);
    expect((await admin.get(page)).status).toBe(200);
    for (const [who, b] of [
      ["a stranger", civil],
      ["a consultation owner", owner],
    ] as const) {
      expect((await b.get(page)).status, who).toBe(404);
      expect((await b.postForm(page, { intent: "invite", email: unique("x"), locale: "en" })).status, who).toBe(404);
    }
    expect((await new Browser(server.url).get(page)).status).toBe(302);

    const stranger = unique("org-stranger");
    const existing = "moderator@example.org";
    const seenStranger = await inviterSees(industry, await industry.postForm(page, { intent: "invite", email: stranger, locale: "ja" }), stranger, page);
    const seenExisting = await inviterSees(industry, await industry.postForm(page, { intent: "invite", email: existing, locale: "ja" }), existing, page);
    expect(seenExisting).toEqual(seenStranger);
    expect(seenStranger.status).toBe(302);

    const mail = await nextMailTo(stranger, 0);
    // In the language the inviter chose.
    expect(mail.subject).toBe("Institute of Invitationsへの招待");
    const path = linkIn(mail);
    const invitee = new Browser(server.url);
    expect(await (await invitee.get(path)).text()).toContain("Institute of Invitations");
    const created = await invitee.postForm(path, { intent: "create", displayName: "Oren Org", password: "a long enough password", organisation: "", stakeholderGroup: "academia", consent: "on" });
    expect(created.status).toBe(302);
    const member = await db.kysely
      .selectFrom("organisation_member")
      .innerJoin("organisation", "organisation.id", "organisation_member.organisation_id")
      .select(["organisation.slug", "organisation_member.role"])
      .where("organisation_member.user_id", "=", await userId(stranger))
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ slug, role: "member" });
    const entry = JSON.parse((await lastLedger("organisation")).payload) as { action: string; role: unknown };
    expect(entry).toMatchObject({ action: "member", role: { from: null, to: "member" } });
    expect((await invitee.get(path)).status).toBe(404);
    // A plain member may not invite.
    expect((await invitee.get(page)).status).toBe(404);
    // The representative sees what is still open.
    const list = await (await industry.get(page)).text();
    expect(list).toContain(existing);
    expect(list).not.toContain(stranger);
  });
});
