import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { createDb, type Db } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SECRET = "Our internal cost figure is 4.2 million";
const PENDING = "This one waits for a moderator";

describe.each(databaseKinds())("confidential and held submissions on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let owner: Browser;
  let moderator: Browser;
  let industry: Browser;
  let civil: Browser;
  let stranger: Browser;
  let sectionId: string;
  let db: Db;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000", SIGNUP_LIMIT_PER_IP: "1000" });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    moderator = new Browser(server.url);
    await moderator.signIn("moderator@example.org", PASSWORD);
    industry = new Browser(server.url);
    await industry.signIn("industry@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    stranger = new Browser(server.url);
    await stranger.signUp({ displayName: "New Person", stakeholderGroup: "individual" });
    sectionId = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[5].id;
    db = createDb(tdb.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("shows a confidential submission to its author and its readers only (not the moderators), with a public redacted version and a count", async () => {
    const res = await industry.postForm(`/c/ai-guideline/s/${sectionId}`, {
      intent: "comment",
      kind: "comment",
      body: SECRET,
      confidential: "on",
      redactedBody: "We have cost figures we can share with the team.",
      publication: "organisation",
    });
    expect(res.status).toBe(302);

    // Owner's first post would not be held; now make a participant's first post wait.
    await owner.postForm("/c/ai-guideline/settings", {
      intent: "settings",
      title: "Draft Guideline on the Responsible Use of Artificial Intelligence in Business",
      summary: "s",
      opensAt: "",
      closesAt: "",
      moderationMode: "post",
      premoderateFirstPosts: "on",
    });
    expect((await stranger.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "comment", kind: "comment", body: PENDING })).status).toBe(302);

    const readers: [string, Browser][] = [
      ["anonymous", new Browser(server.url)],
      ["another participant", civil],
    ];
    const paths = [
      `/c/ai-guideline/s/${sectionId}`,
      `/c/ai-guideline`,
      `/c/ai-guideline/moderation-log`,
      `/api/v1/sections/${sectionId}/comments`,
      `/api/v1/sections/${sectionId}/comments?format=w3c`,
      `/api/v1/sections/${sectionId}`,
      `/api/v1/consultations/ai-guideline/moderation`,
    ];
    for (const [who, b] of readers) {
      for (const path of paths) {
        const text = await (await b.get(path)).text();
        expect(text, `${who} reading ${path}`).not.toContain(SECRET);
        expect(text, `${who} reading ${path}`).not.toContain(PENDING);
      }
    }
    const publicPage = await (await new Browser(server.url).get(`/c/ai-guideline/s/${sectionId}`)).text();
    expect(publicPage).toContain("1 confidential submission, read only by their named readers.");
    expect(publicPage).toContain("We have cost figures we can share with the team.");
    expect(publicPage).toContain("Public version of a confidential submission");
    // The public copy names no one, though the author chose to be shown by organisation (ADR 019).
    const api = await (await fetch(`${server.url}/api/v1/sections/${sectionId}/comments`)).json();
    const redacted = api.items.find((c: { body: string }) => c.body.startsWith("We have cost figures"));
    expect(redacted.author).toEqual({ name: "Anonymous", organisation: "", group: "industry", verifiedOrganisation: null });
    expect(JSON.stringify(api)).not.toContain("Ines Industry");
    expect(JSON.stringify(api)).not.toContain("Federation of Software Companies");

    // With no recipient body named, the owners and drafters read it; moderators do not.
    expect(await (await moderator.get(`/c/ai-guideline/s/${sectionId}`)).text()).not.toContain(SECRET);
    for (const b of [industry, owner]) expect(await (await b.get(`/c/ai-guideline/s/${sectionId}`)).text()).toContain(SECRET);
    expect(await (await stranger.get(`/c/ai-guideline/s/${sectionId}`)).text()).toContain(PENDING);
    expect(await (await moderator.get("/c/ai-guideline/moderation")).text()).toContain(PENDING);
  });

  it("keeps replies in a confidential thread inside it, and refuses replies into a thread the replier cannot see", async () => {
    const ROOT = "Confidential root: our incident count is 17";
    const BY_AUTHOR = "Author follow-up: the 17 incidents were all minor";
    const BY_TEAM = "Team reply: thank you for the incident figures";
    expect((await industry.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "comment", kind: "comment", body: ROOT, confidential: "on" })).status).toBe(302);
    // Its text is sealed at rest, so it is found as the newest confidential submission.
    const root = await db.kysely.selectFrom("comment").select(["id"]).where("visibility", "=", "confidential").where("parent_id", "is", null).orderBy("created_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    expect((await industry.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "reply", parentId: root.id, body: BY_AUTHOR })).status).toBe(302);
    expect((await owner.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "reply", parentId: root.id, body: BY_TEAM })).status).toBe(302);

    const anonymous = new Browser(server.url);
    for (const [who, b] of [["anonymous", anonymous], ["another participant", civil]] as const) {
      for (const path of [`/c/ai-guideline/s/${sectionId}`, `/api/v1/sections/${sectionId}/comments`, `/api/v1/sections/${sectionId}/comments?format=w3c`]) {
        const text = await (await b.get(path)).text();
        for (const mark of [ROOT, BY_AUTHOR, BY_TEAM, root.id]) expect(text, `${who} reading ${path}`).not.toContain(mark);
      }
    }
    // The submitter reads the team's answer; its readers (the owner here) the whole thread; a moderator none of it.
    const mine = await (await industry.get(`/c/ai-guideline/s/${sectionId}`)).text();
    for (const mark of [ROOT, BY_AUTHOR, BY_TEAM]) expect(mine).toContain(mark);
    const team = await (await owner.get(`/c/ai-guideline/s/${sectionId}`)).text();
    for (const mark of [ROOT, BY_AUTHOR, BY_TEAM]) expect(team).toContain(mark);
    const moderating = await (await moderator.get(`/c/ai-guideline/s/${sectionId}`)).text();
    for (const mark of [ROOT, BY_AUTHOR, BY_TEAM]) expect(moderating).not.toContain(mark);

    // Someone who cannot see the thread cannot reply into it, by page form or API.
    const intrusion = "Intruder reply into a confidential thread";
    expect((await civil.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "reply", parentId: root.id, body: intrusion })).status).toBe(404);
    const api = await civil.post(`/api/v1/sections/${sectionId}/comments`, JSON.stringify({ body: intrusion, parentId: root.id }), { "content-type": "application/json" });
    expect(api.status).toBe(404);
    // A stored intrusion would be sealed (it would join a confidential thread): count the thread's replies instead.
    expect(await db.kysely.selectFrom("comment").select("id").where("parent_id", "=", root.id).execute()).toHaveLength(2);
  });

  it("can still be reported only when public, and not by guessing ids of confidential ones", async () => {
    const page = await (await owner.get(`/c/ai-guideline/s/${sectionId}`)).text();
    const ids = parse(page)
      .querySelectorAll('[id^="thread-"]')
      .map((e) => e.id.slice("thread-".length))
      .filter((id) => /^[a-z2-7]{16}$/.test(id));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const res = await civil.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "report", commentId: id, reason: "spam" });
      expect([302, 404]).toContain(res.status);
    }
    const pageAgain = await (await new Browser(server.url).get(`/c/ai-guideline/s/${sectionId}`)).text();
    expect(pageAgain).not.toContain(SECRET);
  });

  it("drops posts that fill in the honeypot, with the usual answer", async () => {
    const res = await civil.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "comment", kind: "comment", body: "Cheap pills here", website: "http://spam.example" });
    expect(res.status).toBe(302);
    const all = await (await owner.get(`/c/ai-guideline/s/${sectionId}`)).text();
    expect(all).not.toContain("Cheap pills here");
  });

  it("shows anonymous submissions with the stakeholder group only", async () => {
    await owner.postForm("/c/ai-guideline/settings", {
      intent: "settings",
      title: "Draft Guideline on the Responsible Use of Artificial Intelligence in Business",
      summary: "s",
      opensAt: "",
      closesAt: "",
      moderationMode: "post",
    });
    const res = await civil.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "comment", kind: "comment", body: "Speaking for myself here.", publication: "anonymous" });
    expect(res.status).toBe(302);
    const api = await (await fetch(`${server.url}/api/v1/sections/${sectionId}/comments?format=w3c`)).json();
    const item = api.first.items.find((c: { body: { value: string }[] }) => c.body[0]!.value === "Speaking for myself here.");
    expect(item.creator).toEqual({ type: "Person", name: "Anonymous" });
    const publicPage = await (await new Browser(server.url).get(`/c/ai-guideline/s/${sectionId}`)).text();
    expect(publicPage).not.toContain("Carlos Civil");
    expect(await (await owner.get(`/c/ai-guideline/s/${sectionId}`)).text()).toContain("Carlos Civil");
  });
});
