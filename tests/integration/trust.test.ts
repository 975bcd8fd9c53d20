import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

// Issue 11, items 8–12: no one may silence, impersonate or rewrite others.

const PASSWORD = "demo-password-1";
const SIGNUP_PASSWORD = "correct horse battery";

describe.each(databaseKinds())("trust on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let owner: Browser;
  let moderator: Browser;
  let drafter: Browser;
  let civil: Browser;
  let industry: Browser;
  let sections: string[];
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`)).json();
  const sectionPath = (i: number) => `/c/ai-guideline/s/${sections[i]}`;
  const post = async (who: Browser, section: number, body: string) => {
    const res = await who.postForm(sectionPath(section), { intent: "comment", kind: "comment", body });
    expect(res.status).toBe(302);
    return /#thread-([a-z2-7]{16})/.exec(res.headers.get("location")!)![1]!;
  };
  const report = (who: Browser, section: number, commentId: string) => who.postForm(sectionPath(section), { intent: "report", commentId, reason: "abusive" });
  const publicIds = async (section: number) => (await api(`/sections/${sections[section]}/comments`)).items.map((c: { id: string }) => c.id);
  /** Makes accounts look as old as `days`, as if they had signed up long ago. */
  const age = async (emails: string[], days: number) => {
    const db = createDb(tdb.url, { poolSize: 1 });
    try {
      await db.kysely.updateTable("user").set({ created_at: new Date(Date.now() - days * 86_400_000).toISOString() }).where("email", "in", emails).execute();
    } finally {
      await db.close();
    }
  };
  const signedUp = async (fields: Parameters<Browser["signUp"]>[0] = {}) => {
    const b = new Browser(server.url);
    const email = await b.signUp(fields);
    return { b, email };
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", SIGNUP_LIMIT_PER_IP: "1000", LOGIN_LIMIT_PER_IP: "1000" });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    moderator = new Browser(server.url);
    await moderator.signIn("moderator@example.org", PASSWORD);
    drafter = new Browser(server.url);
    await drafter.signIn("drafter@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    sections = (await api("/consultations/ai-guideline")).sections.map((s: { id: string }) => s.id);
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  describe("item 8: only conveners publish, and every consultation shows who does", () => {
    it("refuses consultations from ordinary accounts, on the pages and through the CLI's import", async () => {
      const { b, email } = await signedUp({ displayName: "Fake Ministry" });
      const fields = { title: "Official Ministry Consultation on Tax (fake)", slug: "tax-fake", summary: "", moderationMode: "post" };
      expect((await b.postForm("/consultations/new", fields)).status).toBe(403);
      const upload = new FormData();
      upload.append("file", new Blob(["# Tax\n\n## One\n\nText."], { type: "text/markdown" }), "tax.md");
      expect((await b.post("/consultations/import", upload)).status).toBe(403);
      expect((await fetch(`${server.url}/api/v1/consultations/tax-fake`)).status).toBe(404);
      // No link to a form they cannot use; the page says how to get the role.
      const home = await (await b.get("/")).text();
      expect(home).not.toContain('href="/consultations/new"');
      const page = await (await b.get("/consultations/new")).text();
      expect(page).toContain("convener");
      expect(page).not.toContain("Create draft");

      const file = join(tmpdir(), `margin-trust-${Date.now()}.md`);
      writeFileSync(file, "# Tax\n\n## One\n\nText.\n");
      const refused = await runCli(["import", file, "--owner", email, "--slug", "tax-cli"], { DATABASE_URL: tdb.url });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("--role convener");
    }, CLI_TEST_TIMEOUT_MS);

    it("lets an admin grant the convener role, and shows the publisher on the home page and the consultation", async () => {
      const { b, email } = await signedUp({ displayName: "Cora Convener", organisation: "Tax Office" });
      // The operator grants the role without touching the password.
      const granted = await runCli(["user", "add", "--email", email, "--role", "convener"], { DATABASE_URL: tdb.url });
      expect(granted.code).toBe(0);
      expect((await b.signIn(email, SIGNUP_PASSWORD)).status).toBe(302);
      expect(await (await b.get("/")).text()).toContain('href="/consultations/new"');
      const res = await b.postForm("/consultations/new", { title: "Tax simplification", slug: "tax-real", summary: "", moderationMode: "post" });
      expect(res.status).toBe(302);
      await b.postForm("/c/tax-real/settings", { intent: "add-section", title: "Scope" });
      expect((await b.postForm("/c/tax-real/settings", { intent: "phase", to: "open", confirm: "yes" })).status).toBe(302);
      const home = await (await new Browser(server.url).get("/")).text();
      expect(home).toContain("Published by Cora Convener, Tax Office");
      expect(home).toContain("Published by Olivia Owner, Ministry of Digital Affairs");
      expect(await (await new Browser(server.url).get("/c/tax-real")).text()).toContain("Published by Cora Convener, Tax Office");
      expect((await api("/consultations/tax-real")).publisher).toEqual({ name: "Cora Convener", organisation: "Tax Office" });

      const file = join(tmpdir(), `margin-trust-${Date.now()}.md`);
      writeFileSync(file, "# Tax two\n\n## One\n\nText.\n");
      const imported = await runCli(["import", file, "--owner", email, "--slug", "tax-cli-ok"], { DATABASE_URL: tdb.url });
      expect(imported.code).toBe(0);
    }, CLI_TEST_TIMEOUT_MS);
  });

  describe("item 9: reports from throw-away accounts or the team hide nothing", () => {
    it("does not count reports from accounts younger than a day", async () => {
      const id = await post(industry, 0, "An unpopular but civil opinion.");
      for (let i = 0; i < 4; i++) {
        const { b } = await signedUp({ displayName: `Sock ${i}` });
        expect((await report(b, 0, id)).status).toBe(302);
      }
      expect(await publicIds(0)).toContain(id);
      // The reports are still there for moderators to see.
      expect(await (await moderator.get("/c/ai-guideline/moderation")).text()).toContain("An unpopular but civil opinion.");
    });

    it("gives the team no report button and refuses its reports", async () => {
      const id = await post(industry, 0, "Another view the team may dislike.");
      const page = await (await moderator.get(sectionPath(0))).text();
      expect(page).toContain("Another view the team may dislike.");
      expect(page).not.toContain("Send report");
      for (const member of [owner, moderator, drafter]) expect((await report(member, 0, id)).status).toBe(403);
      expect(await (await civil.get(sectionPath(0))).text()).toContain("Send report");
    });

    it("hides after reports from established outsiders, and says in the log that reports did it", async () => {
      const id = await post(industry, 1, "Buy cheap watches at example.com!");
      const reporters = await Promise.all([0, 1, 2].map((i) => signedUp({ displayName: `Regular ${i}` })));
      await age(
        reporters.map((r) => r.email),
        3,
      );
      for (const r of reporters) expect((await report(r.b, 1, id)).status).toBe(302);
      expect(await publicIds(1)).not.toContain(id);
      const log = await api("/consultations/ai-guideline/moderation");
      const entry = log.items.find((e: { commentId: string }) => e.commentId === id);
      expect(entry).toMatchObject({ action: "hide", reason: "reported", role: "reports" });
      const html = await (await new Browser(server.url).get("/c/ai-guideline/moderation-log")).text();
      expect(html).toContain("Hidden after 3 reports, pending review");
      expect(html).not.toContain(">system<");
    });
  });

  describe("item 10: signing out everywhere and changing the password end every session and token", () => {
    const tokenOf = async (b: Browser) => /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await (await b.postForm("/account", { intent: "create-token", name: "Filing" })).text())![0];
    const tokenWorks = async (token: string) => (await fetch(`${server.url}/api/v1/consultations`, { headers: { authorization: `Bearer ${token}` } })).status === 200;

    it("revokes API tokens when signing out everywhere, and says so", async () => {
      const { b } = await signedUp();
      const token = await tokenOf(b);
      expect(await tokenWorks(token)).toBe(true);
      expect(await (await b.get("/account")).text()).toContain("and revokes every API token");
      expect((await b.postForm("/account", { intent: "revoke-all" })).status).toBe(302);
      expect(await tokenWorks(token)).toBe(false);
    });

    it("changes the password: the current one required, the rules applied, other sessions and tokens ended", async () => {
      const { b, email } = await signedUp();
      const other = new Browser(server.url);
      expect((await other.signIn(email, SIGNUP_PASSWORD)).status).toBe(302);
      const token = await tokenOf(b);
      const wrong = await b.postForm("/account", { intent: "password", currentPassword: "not my password", newPassword: "a brand new password" });
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain("That is not your current password.");
      const short = await b.postForm("/account", { intent: "password", currentPassword: SIGNUP_PASSWORD, newPassword: "short" });
      expect(short.status).toBe(400);
      expect(await short.text()).toContain("Password needs at least 8 characters.");
      expect(await tokenWorks(token)).toBe(true);

      expect((await b.postForm("/account", { intent: "password", currentPassword: SIGNUP_PASSWORD, newPassword: "a brand new password" })).status).toBe(302);
      expect((await b.get("/account")).status).toBe(200);
      expect((await other.get("/account")).status).toBe(302);
      expect(await tokenWorks(token)).toBe(false);
      expect((await new Browser(server.url).signIn(email, SIGNUP_PASSWORD)).status).toBe(401);
      expect((await new Browser(server.url).signIn(email, "a brand new password")).status).toBe(302);
    });

    it("edits the display name and organisation with the sign-up rules", async () => {
      const { b } = await signedUp({ displayName: "Old Name", organisation: "Old Org" });
      const bad = await b.postForm("/account", { intent: "profile", displayName: "Evil\u202Eeman", organisation: "" });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain("Display name contains text-direction override characters.");
      const empty = await b.postForm("/account", { intent: "profile", displayName: "   ", organisation: "" });
      expect(empty.status).toBe(400);
      expect((await b.postForm("/account", { intent: "profile", displayName: "New Name", organisation: "New Org" })).status).toBe(302);
      const page = await (await b.get("/account")).text();
      expect(page).toContain("New Name");
      expect(page).toContain("New Org");
    });
  });

  describe("items 11 and 12: the window is enforced, withdrawals stay on record, and finalising needs an answer for everything", () => {
    let answered: string;
    let unanswered: string;
    let plain: string;
    let frozen: string;

    it("turns deleting an answered comment into a public withdrawal with its response, in the ledger", async () => {
      answered = await post(civil, 2, "Please define high-risk uses.");
      plain = await post(civil, 2, "A comment I take back before any answer.");
      unanswered = await post(industry, 2, "Nobody has answered me yet.");
      frozen = await post(civil, 3, "This stays as I wrote it.");
      expect((await drafter.postForm("/c/ai-guideline/versions", { name: "First draft", note: "" })).status).toBe(302);
      expect((await drafter.postForm("/c/ai-guideline/v/1/report", { commentId: answered, outcome: "adopted", response: "Annex A now defines them." })).status).toBe(302);
      const before = (await api("/ledger/head")).seq;

      expect((await civil.postForm(sectionPath(2), { intent: "delete", commentId: answered })).status).toBe(302);
      expect((await civil.postForm(sectionPath(2), { intent: "delete", commentId: plain })).status).toBe(302);

      const items = (await api(`/sections/${sections[2]}/comments`)).items as { id: string; status: string; body: string; withdrawn: boolean; disposition: { outcome: string; response: string } | null }[];
      const w = items.find((c) => c.id === answered)!;
      expect(w).toMatchObject({ withdrawn: true, body: "", disposition: { outcome: "adopted", response: "Annex A now defines them." } });
      const page = await (await new Browser(server.url).get(sectionPath(2))).text();
      expect(page).toContain("Withdrawn by its author.");
      expect(page).toContain("Annex A now defines them.");
      expect(page).not.toContain("Please define high-risk uses.");

      const report = await (await fetch(`${server.url}/c/ai-guideline/v/1/report.json`)).json();
      const rows = report.sections.flatMap((s: { rows: unknown[] }) => s.rows) as { commentId: string; withdrawn: boolean; outcome: string | null; response: string | null }[];
      expect(rows.find((r) => r.commentId === answered)).toMatchObject({ withdrawn: true, outcome: "adopted", response: "Annex A now defines them." });
      expect(rows.find((r) => r.commentId === plain)).toBeUndefined();
      expect(report.totals.adopted).toBe(1);

      // Every deletion is in the ledger (issue 13); only the answered one names its response.
      const entries = (await api(`/ledger?after=${before}`)).items as { kind: string; subjectId: string; payload: { commentId?: string; dispositionId?: string | null; outcome?: string | null } }[];
      const withdrawals = entries.filter((e) => e.kind === "withdrawal").map((e) => e.payload);
      expect(withdrawals.map((p) => p.commentId)).toEqual([answered, plain]);
      expect(withdrawals[0]).toMatchObject({ outcome: "adopted", dispositionId: expect.any(String) });
      expect(withdrawals[1]).toMatchObject({ outcome: null, dispositionId: null });
    });

    it("freezes submissions once the consultation closes, on the page and in the API", async () => {
      expect((await owner.postForm("/c/ai-guideline/settings", { intent: "phase", to: "closed" })).status).toBe(302);
      const edit = await civil.postForm(sectionPath(3), { intent: "edit", commentId: frozen, body: "Rewritten after the close." });
      expect(edit.status).toBe(409);
      expect(await edit.text()).toContain("The comment window has closed; submissions can no longer be changed or withdrawn.");
      const del = await civil.postForm(sectionPath(3), { intent: "delete", commentId: frozen });
      expect(del.status).toBe(409);
      const viaApi = await fetch(`${server.url}/api/v1/sections/${sections[3]}/comments/${frozen}`, { method: "DELETE", headers: { cookie: `margin_session=${civil.cookie("margin_session")}`, origin: server.url } });
      expect(viaApi.status).toBe(409);
      expect((await viaApi.json()).error.message).toContain("The comment window has closed");
      const items = (await api(`/sections/${sections[3]}/comments`)).items as { id: string; body: string }[];
      expect(items.find((c) => c.id === frozen)!.body).toBe("This stays as I wrote it.");
      const page = await (await civil.get(sectionPath(3))).text();
      expect(page).not.toContain(">Delete<");
    });

    it("refuses to finalise while comments have no response, lists them, and answers them all as noted in one step", async () => {
      const refused = await owner.postForm("/c/ai-guideline/settings", { intent: "phase", to: "final", confirm: "yes" });
      expect(refused.status).toBe(409);
      const text = await refused.text();
      expect(text).toContain("comments have no response yet");
      expect(text).toContain("Nobody has answered me yet.");
      expect((await api("/consultations/ai-guideline")).status).toBe("closed");
      const settings = await (await owner.get("/c/ai-guideline/settings")).text();
      expect(settings).toContain("Nobody has answered me yet.");
      expect(settings).toContain("Respond “Noted” to all");

      const noReason = await owner.postForm("/c/ai-guideline/settings", { intent: "bulk-noted", reason: "" });
      expect(noReason.status).toBe(400);
      const before = (await api("/ledger/head")).seq;
      const bulk = await owner.postForm("/c/ai-guideline/settings", { intent: "bulk-noted", reason: "Received after the drafting deadline; taken into account for the next review." });
      expect(bulk.status).toBe(302);
      const entries = (await api(`/ledger?after=${before}`)).items as { kind: string; payload: { commentId?: string; outcome?: string } }[];
      const noted = entries.filter((e) => e.kind === "disposition");
      expect(noted.length).toBeGreaterThan(0);
      expect(noted.every((e) => e.payload.outcome === "noted")).toBe(true);
      expect(noted.map((e) => e.payload.commentId)).toContain(unanswered);
      expect(noted.map((e) => e.payload.commentId)).not.toContain(answered);

      expect((await owner.postForm("/c/ai-guideline/settings", { intent: "phase", to: "final", confirm: "yes" })).status).toBe(302);
      expect((await api("/consultations/ai-guideline")).status).toBe("final");
      const verify = await runCli(["verify"], { DATABASE_URL: tdb.url });
      expect(verify.stderr).toBe("");
      expect(verify.code).toBe(0);
    }, CLI_TEST_TIMEOUT_MS);
  });
});
