import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";

describe.each(databaseKinds())("moderation on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let owner: Browser;
  let moderator: Browser;
  let civil: Browser;
  let industry: Browser;
  let third: Browser;
  let fourth: Browser;
  let sections: string[];
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`)).json();
  const post = async (who: Browser, section: string, body: string) => {
    const res = await who.postForm(`/c/ai-guideline/s/${section}`, { intent: "comment", kind: "comment", body });
    expect(res.status).toBe(302);
    return /#thread-([a-z2-7]{16})/.exec(res.headers.get("location")!)![1]!;
  };
  const decide = (who: Browser, ids: string[], action: string, reason = "", note = "") =>
    who.postForm("/c/ai-guideline/moderation", { ids, action, reason, note });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", SIGNUP_LIMIT_PER_IP: "1000",
      // Every account here is minutes old; the age rule has its own test (trust.test.ts).
      REPORTER_MIN_ACCOUNT_AGE_HOURS: "0",
    });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    moderator = new Browser(server.url);
    await moderator.signIn("moderator@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    third = new Browser(server.url);
    await third.signUp({ displayName: "Third Reader", stakeholderGroup: "academia" });
    fourth = new Browser(server.url);
    await fourth.signUp({ displayName: "Fourth Reader", stakeholderGroup: "individual" });
    sections = (await api("/consultations/ai-guideline")).sections.map((s: { id: string }) => s.id);
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("keeps the queue to the consultation's moderators", async () => {
    expect((await civil.get("/c/ai-guideline/moderation")).status).toBe(403);
    expect((await new Browser(server.url).get("/c/ai-guideline/moderation")).status).toBe(302);
    expect((await moderator.get("/c/ai-guideline/moderation")).status).toBe(200);
    expect((await decide(civil, ["aaaaaaaaaaaaaaaa"], "approve")).status).toBe(403);
  });

  it("hides a reported comment after three distinct reports from outside the team, one report per person", async () => {
    const id = await post(industry, sections[0]!, "Regulation will kill innovation.");
    expect((await civil.postForm(`/c/ai-guideline/s/${sections[0]}`, { intent: "report", commentId: id, reason: "off_topic" })).status).toBe(302);
    expect((await civil.postForm(`/c/ai-guideline/s/${sections[0]}`, { intent: "report", commentId: id, reason: "abusive" })).status).toBe(409);
    expect((await industry.postForm(`/c/ai-guideline/s/${sections[0]}`, { intent: "report", commentId: id, reason: "spam" })).status).toBe(409);
    // The team moderates in the open instead of reporting.
    expect((await owner.postForm(`/c/ai-guideline/s/${sections[0]}`, { intent: "report", commentId: id, reason: "other" })).status).toBe(403);
    expect((await fourth.postForm(`/c/ai-guideline/s/${sections[0]}`, { intent: "report", commentId: id, reason: "other" })).status).toBe(302);
    expect((await api(`/sections/${sections[0]}/comments`)).items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await third.postForm(`/c/ai-guideline/s/${sections[0]}`, { intent: "report", commentId: id, reason: "off_topic" })).status).toBe(302);
    expect((await api(`/sections/${sections[0]}/comments`)).items.map((c: { id: string }) => c.id)).not.toContain(id);
    const publicPage = await (await new Browser(server.url).get(`/c/ai-guideline/s/${sections[0]}`)).text();
    expect(publicPage).toContain("Removed by moderation. Reason: Hidden after several reports, pending review.");
    expect(publicPage).not.toContain("Regulation will kill innovation.");
    const authorPage = await (await industry.get(`/c/ai-guideline/s/${sections[0]}`)).text();
    expect(authorPage).toContain("Regulation will kill innovation.");
    expect(authorPage).toContain("Ask for a review");
    const queue = await (await moderator.get("/c/ai-guideline/moderation")).text();
    expect(queue).toContain("Regulation will kill innovation.");
    // Moderators see why people reported it.
    expect(queue).toContain("Reported as: Off-topic (2), Other");
  });

  it("lets a moderator hide with a reason, the author ask once for review, and restore", async () => {
    const id = await post(civil, sections[1]!, "Call me on 0123 456 789 about this.");
    const noReason = await decide(moderator, [id], "hide");
    expect(noReason.status).toBe(400);
    expect((await api(`/sections/${sections[1]}/comments`)).items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await decide(moderator, [id], "hide", "personal_data", "phone number")).status).toBe(302);
    const page = await (await new Browser(server.url).get(`/c/ai-guideline/s/${sections[1]}`)).text();
    expect(page).toContain("Removed by moderation. Reason: Personal data.");
    expect(page).not.toContain("0123 456 789");

    expect((await civil.postForm(`/c/ai-guideline/s/${sections[1]}`, { intent: "review", commentId: id })).status).toBe(302);
    expect((await civil.postForm(`/c/ai-guideline/s/${sections[1]}`, { intent: "review", commentId: id })).status).toBe(409);
    expect(await (await moderator.get("/c/ai-guideline/moderation")).text()).toContain("Author asked for a review");
    expect((await decide(moderator, [id], "restore")).status).toBe(302);
    expect((await api(`/sections/${sections[1]}/comments`)).items.map((c: { id: string }) => c.id)).toContain(id);

    // The public log has the decisions and reasons, never the text or the moderator's name.
    const log = await api("/consultations/ai-guideline/moderation");
    const mine = log.items.filter((e: { commentId: string }) => e.commentId === id).map((e: { action: string; reason: string | null; role: string }) => [e.action, e.reason, e.role]);
    expect(mine).toEqual([
      ["restore", null, "moderator"],
      ["review_requested", null, "author"],
      ["hide", "personal_data", "moderator"],
    ]);
    expect(JSON.stringify(log)).not.toContain("0123 456 789");
    expect(JSON.stringify(log)).not.toContain("Max Moderator");
    expect(log.counts).toEqual(expect.arrayContaining([{ action: "hide", reason_code: "personal_data", n: 1 }]));
    const html = await (await new Browser(server.url).get("/c/ai-guideline/moderation-log")).text();
    expect(html).toContain("Personal data");
    expect(html).not.toContain("0123 456 789");

    // A consultation may choose to name its moderators; authors and the system stay unnamed.
    const settings = { intent: "settings", title: "Draft Guideline on the Responsible Use of Artificial Intelligence in Business", summary: "s", opensAt: "", closesAt: "", moderationMode: "post" };
    expect((await owner.postForm("/c/ai-guideline/settings", { ...settings, showModeratorNames: "on" })).status).toBe(302);
    const named = await api("/consultations/ai-guideline/moderation");
    const namedMine = named.items.filter((e: { commentId: string }) => e.commentId === id).map((e: { action: string; name: string | null }) => [e.action, e.name]);
    expect(namedMine).toEqual([
      ["restore", "Max Moderator"],
      ["review_requested", null],
      ["hide", "Max Moderator"],
    ]);
    expect(await (await new Browser(server.url).get("/c/ai-guideline/moderation-log")).text()).toContain("Max Moderator (moderator)");
    expect((await owner.postForm("/c/ai-guideline/settings", settings)).status).toBe(302);
    expect(JSON.stringify(await api("/consultations/ai-guideline/moderation"))).not.toContain("Max Moderator");
  });

  it("refuses self-moderation and invalid bulk actions, changing nothing", async () => {
    const own = await post(moderator, sections[2]!, "A moderator's own view.");
    expect((await decide(moderator, [own], "hide", "other")).status).toBe(403);
    const a = await post(civil, sections[2]!, "Fine point one.");
    const b = await post(third, sections[2]!, "Fine point two.");
    const mixed = await decide(moderator, [a, b], "reject", "spam");
    expect(mixed.status).toBe(409);
    const ids = (await api(`/sections/${sections[2]}/comments`)).items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([a, b, own]));
  });

  it("holds comments in pre-moderation until approved, in bulk", async () => {
    await owner.postForm("/c/ai-guideline/settings", { intent: "settings", title: "Draft Guideline on the Responsible Use of Artificial Intelligence in Business", summary: "s", opensAt: "", closesAt: "", moderationMode: "pre" });
    const a = await post(civil, sections[3]!, "Waiting one.");
    const b = await post(third, sections[3]!, "Waiting two.");
    expect((await api(`/sections/${sections[3]}/comments`)).items).toHaveLength(0);
    expect((await decide(moderator, [a, b], "approve")).status).toBe(302);
    expect((await api(`/sections/${sections[3]}/comments`)).items.map((c: { body: string }) => c.body)).toEqual(["Waiting one.", "Waiting two."]);
    const c = await post(industry, sections[3]!, "Rejected one.");
    expect((await decide(moderator, [c], "reject", "duplicate")).status).toBe(302);
    expect((await api(`/sections/${sections[3]}/comments`)).items).toHaveLength(2);
  });
});
