import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { buildDocx } from "../helpers/docx.js";
import { invitationLinkFromOutbox, newOutboxDir, outboxFiles } from "../helpers/invitations.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const FIXTURE = readFileSync(resolve(import.meta.dirname, "../fixtures/guidance.md"), "utf8");

async function json(res: Response) {
  expect(res.headers.get("content-type")).toContain("application/json");
  return res.json();
}

describe.each(databaseKinds())("consultations on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let owner: Browser;
  let ownerEmail: string;
  // Invitation mails land here (no SMTP server), where the invited person reads them.
  const outbox = newOutboxDir();
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SIGNUP_LIMIT_PER_IP: "1000", MAIL_OUTBOX_DIR: outbox });
    owner = new Browser(server.url);
    ownerEmail = await owner.signUp({ displayName: "Owner One" });
    // Publishing needs the convener role, which an admin grants (here: the operator's CLI).
    const granted = await runCli(["user", "add", "--email", ownerEmail, "--role", "convener"], { DATABASE_URL: tdb.url });
    expect(granted.code, granted.stderr).toBe(0);
  }, CLI_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  async function sectionIds(slug: string, as: Browser = owner): Promise<string[]> {
    const res = await as.get(`/api/v1/consultations/${slug}`);
    const body = await json(res);
    return body.sections.map((s: { id: string }) => s.id);
  }

  it("creates a draft that only its team can see, then opens it", async () => {
    const res = await owner.postForm("/consultations/new", {
      title: "Draft rules on <b>drones</b>",
      slug: "drone-rules",
      summary: "What we propose.",
      opensAt: "",
      closesAt: "2099-01-01T12:00",
      moderationMode: "pre",
      status: "open",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/c/drone-rules/settings");

    const outsider = new Browser(server.url);
    expect((await outsider.get("/c/drone-rules")).status).toBe(404);
    expect((await outsider.get("/api/v1/consultations/drone-rules")).status).toBe(404);
    const list = await json(await outsider.get("/api/v1/consultations"));
    expect(list.items.map((c: { slug: string }) => c.slug)).not.toContain("drone-rules");

    const mine = await owner.get("/c/drone-rules");
    expect(mine.status).toBe(200);
    const html = await mine.text();
    expect(html).toContain("Draft rules on &lt;b&gt;drones&lt;/b&gt;");
    expect(html).not.toContain("<b>drones</b>");

    expect((await owner.postForm("/c/drone-rules/settings", { intent: "phase", to: "open", confirm: "yes" })).status).toBe(302);
    const now = await outsider.get("/c/drone-rules");
    expect(now.status).toBe(200);
    const opened = await now.text();
    expect(opened).toContain("Open for comment");
    // The phase change is recorded and shown on the public timeline.
    expect(opened).toMatch(/UTC: <\/span>Opened for comment/);
    expect((await owner.postForm("/c/drone-rules/settings", { intent: "phase", to: "final", confirm: "yes" })).status).toBe(409);
  });

  it("rejects a taken address and bad dates with field errors", async () => {
    const res = await owner.postForm("/consultations/new", {
      title: "Another",
      slug: "drone-rules",
      summary: "",
      opensAt: "2030-01-02T00:00",
      closesAt: "2030-01-01T00:00",
      moderationMode: "post",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The closing time must be after the opening time.");
    const taken = await owner.postForm("/consultations/new", { title: "Another", slug: "drone-rules", summary: "", moderationMode: "post" });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("That address is already taken");
  });

  it("adds, renames, reorders and deletes sections", async () => {
    await owner.postForm("/consultations/new", { title: "Sections", slug: "sections-test", summary: "", moderationMode: "post" });
    for (const title of ["Alpha", "Beta", "Gamma"]) {
      expect((await owner.postForm("/c/sections-test/settings", { intent: "add-section", title })).status).toBe(302);
    }
    const [a, b, c] = await sectionIds("sections-test");
    await owner.postForm("/c/sections-test/settings", { intent: "move-up", sectionId: c! });
    await owner.postForm("/c/sections-test/settings", { intent: "rename-section", sectionId: a!, title: "Alpha (revised)" });
    const body = await json(await owner.get("/api/v1/consultations/sections-test"));
    expect(body.sections.map((s: { title: string; position: number }) => [s.title, s.position])).toEqual([
      ["Alpha (revised)", 1],
      ["Gamma", 2],
      ["Beta", 3],
    ]);
    await owner.postForm("/c/sections-test/settings", { intent: "delete-section", sectionId: b! });
    expect(await sectionIds("sections-test")).toEqual([a, c]);
    const empty = await owner.postForm("/c/sections-test/settings", { intent: "add-section", title: "   " });
    expect(empty.status).toBe(400);
    expect(await sectionIds("sections-test")).toHaveLength(2);
  });

  it("refuses settings to anyone but the owner, and sections of other consultations", async () => {
    const stranger = new Browser(server.url);
    await stranger.signUp();
    const res = await stranger.postForm("/c/drone-rules/settings", { intent: "add-section", title: "Mine now" });
    expect(res.status).toBe(403);
    expect((await stranger.get("/c/drone-rules/settings")).status).toBe(403);
    const anonymous = await new Browser(server.url).postForm("/c/drone-rules/settings", { intent: "add-section", title: "x" });
    expect(anonymous.status).toBe(302);
    expect(await sectionIds("drone-rules")).toEqual([]);

    const [alpha] = await sectionIds("sections-test");
    expect((await owner.get(`/c/drone-rules/s/${alpha}`)).status).toBe(404);
    const cross = await owner.postForm("/c/drone-rules/settings", { intent: "rename-section", sectionId: alpha!, title: "Hijack" });
    expect(cross.status).toBe(404);
  });

  it("invites an existing user as drafter by mail (answering as for an unknown address), who accepts and then sees the draft", async () => {
    const drafter = new Browser(server.url);
    const email = await drafter.signUp({ displayName: "Dora Drafter" });
    expect((await drafter.get("/c/sections-test")).status).toBe(404);
    // No answer tells an owner whether an address has an account (issue 16).
    const unknown = await owner.postForm("/c/sections-test/settings", { intent: "invite", email: "ghost@example.org", role: "drafter", locale: "en" });
    expect(unknown.status).toBe(302);
    const before = outboxFiles(outbox);
    const known = await owner.postForm("/c/sections-test/settings", { intent: "invite", email, role: "drafter", locale: "en" });
    expect(known.status).toBe(302);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
    const link = await invitationLinkFromOutbox(outbox, email, before);
    expect((await drafter.postForm(new URL(link).pathname, { intent: "accept" })).status).toBe(302);
    const page = await drafter.get("/c/sections-test");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("as drafter");
    expect((await drafter.get("/c/sections-test/settings")).status).toBe(403);
    expect(await (await owner.get("/c/sections-test/settings")).text()).toContain("Dora Drafter");
  });

  it("imports a Markdown file from the page into sections", async () => {
    const form = new FormData();
    form.append("file", new Blob([FIXTURE], { type: "text/markdown" }), "guidance.md");
    const res = await owner.post("/consultations/import", form);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/c/guidance-on-open-data-portals/settings");
    const body = await json(await owner.get("/api/v1/consultations/guidance-on-open-data-portals"));
    expect(body.title).toBe("Guidance on Open Data Portals");
    expect(body.summary).toBe("Why we publish this draft.");
    expect(body.status).toBe("draft");
    expect(body.sections.map((s: { title: string }) => s.title)).toEqual(["Scope", "Licensing", "Metadata"]);

    const scope = await json(await owner.get(`/api/v1/sections/${body.sections[0].id}`));
    expect(scope.html).not.toContain("<script>");
    expect(scope.text).toContain('<script>alert("x")</script>');
    const licensing = await json(await owner.get(`/api/v1/sections/${body.sections[1].id}`));
    expect(licensing.html).toContain("<strong>open licence</strong>");
    expect(licensing.html).toContain("<h3>Detail</h3>");

    const page = await owner.get(`/c/guidance-on-open-data-portals/s/${body.sections[1].id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<strong>open licence</strong>");
    expect((await new Browser(server.url).get(`/api/v1/sections/${body.sections[1].id}`)).status).toBe(404);
  });

  it("explains a rejected import and creates nothing", async () => {
    const before = (await json(await owner.get("/api/v1/consultations"))).items.length;
    const empty = new FormData();
    empty.append("file", new Blob([""], { type: "text/markdown" }), "empty.md");
    const res = await owner.post("/consultations/import", empty);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Choose a Markdown or Word file to import.");
    const binary = new FormData();
    binary.append("file", new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0xd8])]), "bad.md");
    expect(await (await owner.post("/consultations/import", binary)).text()).toContain("UTF-16 text, not UTF-8 text");
    // The page and `margin import` share one check (server/domain/import-parse.ts): Shift_JIS is refused, not read as mojibake.
    const sjis = new FormData();
    sjis.append("file", new Blob([new Uint8Array([0x23, 0x20, 0x93, 0xfa, 0x96, 0x7b, 0x0a])]), "sjis.md");
    expect(await (await owner.post("/consultations/import", sjis)).text()).toContain("not UTF-8 text (Shift_JIS or another encoding)");
    const fakeWord = new FormData();
    fakeWord.append("file", new Blob(["plain text, not a Word file"]), "notes.docx");
    expect(await (await owner.post("/consultations/import", fakeWord)).text()).toContain("not a Word document");
    expect((await json(await owner.get("/api/v1/consultations"))).items.length).toBe(before);
    // A real Word document imports through the page too.
    const word = new FormData();
    word.append("file", new Blob([new Uint8Array(await buildDocx([{ style: "Title", runs: [{ text: "Word Guidance" }] }, { style: "Heading1", runs: [{ text: "Only section" }] }, { runs: [{ text: "Body." }] }]))]), "guidance.docx");
    const imported = await owner.post("/consultations/import", word);
    expect(imported.status).toBe(302);
    expect(imported.headers.get("location")).toBe("/c/word-guidance/settings");
  });
});

describe("read API", () => {
  let tdb: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: "demo-password-1" });
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("lists the seeded demo consultation with its sections", async () => {
    const list = await json(await fetch(`${server.url}/api/v1/consultations`));
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ slug: "ai-guideline", status: "open", phase: "open" });
    expect(list.nextCursor).toBeNull();
    const c = await json(await fetch(`${server.url}/api/v1/consultations/ai-guideline`));
    expect(c.sections.length).toBeGreaterThanOrEqual(6);
    expect(c.sections.length).toBeLessThanOrEqual(8);
    expect(c.sections[0]).toEqual({ id: expect.any(String), title: expect.stringContaining("Voluntary"), position: 1 });
    const s = await json(await fetch(`${server.url}/api/v1/sections/${c.sections[2].id}`));
    expect(s).toMatchObject({ id: c.sections[2].id, consultation: "ai-guideline" });
    expect(s.text.length).toBeGreaterThan(400);
    expect(s.html).toContain("<p>");
  });

  it("pages with a cursor and rejects a forged one", async () => {
    const page = await json(await fetch(`${server.url}/api/v1/consultations?limit=1`));
    expect(page.items).toHaveLength(1);
    const bad = await fetch(`${server.url}/api/v1/consultations?cursor=not-ours`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_input");
    expect((await fetch(`${server.url}/api/v1/consultations?limit=0`)).status).toBe(400);
  });

  it("answers unknown ids and paths with 404 JSON", async () => {
    for (const path of ["/api/v1/consultations/nope", "/api/v1/sections/nope", "/api/v1/whatever"]) {
      const res = await fetch(server.url + path);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    // A NUL in an address is not an id at all: bad input.
    const nul = await fetch(`${server.url}/api/v1/sections/%00`);
    expect(nul.status).toBe(400);
    expect((await nul.json()).error.code).toBe("invalid_input");
    const page = await fetch(`${server.url}/c/nope`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Page not found");
    expect((await fetch(`${server.url}/c/ai-guideline/s/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/no/such/page`)).status).toBe(404);
  });

  it("reports health and sets security headers", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({
      ok: true,
      database: "sqlite",
      // Nothing typed yet, so no commit of the update log to summarise.
      collab: { docs: 0, connections: 0, commits: { recent: 0, p50Ms: null, p99Ms: null } },
      // The probe itself is not in the load shedder's line, and no history page has been read.
      load: { inFlight: 0, queued: 0, shed: 0 },
      historyCache: { points: 0, diffs: 0, bytes: 0 },
    });
    const home = await fetch(server.url);
    expect(home.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
    expect(home.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(home.headers.get("x-powered-by")).toBeNull();
  });

  it("lets the demo accounts sign in with DEMO_PASSWORD", async () => {
    for (const email of ["owner@example.org", "moderator@example.org", "industry@example.org", "civil@example.org"]) {
      const res = await new Browser(server.url).signIn(email, "demo-password-1");
      expect(res.status).toBe(302);
    }
    const owner = new Browser(server.url);
    await owner.signIn("owner@example.org", "demo-password-1");
    expect((await owner.get("/c/ai-guideline/settings")).status).toBe(200);
  });

  it("exits cleanly on SIGTERM", async () => {
    const other = await startServer(tdb.url);
    expect(await other.stop()).toBe(0);
  });
});
