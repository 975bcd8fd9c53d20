import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const BODIES = "/admin/recipient-bodies";
const DAY = 86_400_000;

/** A datetime-local value (UTC), as the form sends it. */
const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/**
 * Issue 14, items 2, 8 and 10, the convener's side: recipient bodies, defining a
 * request as a draft (theirs alone), issuing it (public, recorded, questions frozen),
 * changing its deadline or invitations with a reason, its public page and API, and
 * the box on the sections it informs.
 */
describe.each(databaseKinds())("information requests, convener's side, on %s", { timeout: CLI_TEST_TIMEOUT_MS }, (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let convener: Browser;
  let industry: Browser;
  let anonymous: Browser;
  let sectionId: string;
  let sectionPath: string;
  let slug: string;

  const requestCount = async () => (await db.kysely.selectFrom("info_request").select("id").execute()).length;
  const requestEntries = () => db.kysely.selectFrom("ledger_entry").selectAll().where("kind", "=", "request").orderBy("seq").execute();
  const api = (who: Browser, path: string) => who.get(`/api/v1${path}`);
  const expectRecordHolds = async () => expect((await verifyLedger(databaseSource(db))).problem).toBeNull();

  /** A complete, valid definition form, with `over` changing or adding fields. */
  const definition = (over: Record<string, string | string[]> = {}) => ({
    intent: "save",
    slots: "3",
    title: "Model evaluation practices",
    purpose: "To learn how businesses evaluate their AI models before release.",
    legalBasis: "Voluntary; no sanctions; used to update the Guidelines.",
    deadline: local(Date.now() + 20 * DAY),
    retentionDays: "180",
    k: "4",
    openToKinds: ["startup"],
    invited: ["acme-robotics", "digital-rights-network"],
    recipientBodies: ["test-panel"],
    sections: [sectionId],
    q0_kind: "single",
    q0_prompt: "Do you evaluate before release?",
    q0_help: "",
    q0_choices: "Always\nSometimes\nNever",
    q0_maxLevel: "public_named",
    q0_required: "on",
    q1_kind: "number",
    q1_prompt: "How many evaluations last year?",
    q1_help: "A whole number.",
    q1_choices: "",
    q1_maxLevel: "aggregate",
    q2_kind: "text",
    q2_prompt: "",
    q2_help: "",
    q2_choices: "",
    q2_maxLevel: "recipients",
    ...over,
  });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_REQUESTS: "1", DEMO_PASSWORD: PASSWORD });
    db = createDb(tdb.url, { poolSize: 2 });
    const signIn = async (email: string) => {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      return b;
    };
    convener = await signIn("convener@example.org");
    industry = await signIn("industry@example.org");
    anonymous = new Browser(server.url);
    const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
    sectionId = c.sections[1].id;
    sectionPath = `/c/ai-guideline/s/${sectionId}`;
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("seeds the demo: an open survey and a closed request, the panel and organisations, and a record that verifies", async () => {
    const list = await (await api(anonymous, "/requests")).json();
    expect(list.items.map((r: { title: string; phase: string }) => [r.title, r.phase])).toEqual([
      ["AI risk-practice and incident survey", "open"],
      ["AI incident reporting practices (closed)", "closed"],
    ]);
    const survey = await (await api(anonymous, "/requests/ai-risk-practice-survey")).json();
    expect(survey.recipientBodies).toEqual([expect.objectContaining({ name: "AI Policy Review Panel", members: ["Ravi Reviewer", "Rina Reviewer"] })]);
    expect(new Set(survey.questions.map((q: { kind: string }) => q.kind))).toEqual(new Set(["text", "single", "multiple", "number", "yes_no"]));
    expect(new Set(survey.questions.map((q: { maxLevel: string }) => q.maxLevel))).toEqual(new Set(["public_named", "public_unnamed", "recipients", "aggregate"]));
    expect(survey.invited.length).toBeGreaterThanOrEqual(8);
    expect(survey.sections.length).toBe(2);
    // Both issued; the demo answers: five submissions and a decline on the closed request, one of each on the open one.
    const actions = (await requestEntries()).map((e) => JSON.parse(e.payload).action as string);
    expect(actions.filter((a) => a === "issued")).toHaveLength(2);
    expect(actions.filter((a) => a === "submitted")).toHaveLength(6);
    expect(actions.filter((a) => a === "declined")).toHaveLength(2);
    await expectRecordHolds();
  });

  it("lets a convener keep recipient bodies, with clear errors, each change recorded; 404 for anyone else", async () => {
    for (const [who, b] of [["anonymous", anonymous], ["a participant", industry]] as const) {
      expect((await b.get(BODIES)).status, who).toBe(404);
      expect((await b.postForm(BODIES, { intent: "create", name: "Sneaky", slug: "sneaky", description: "No." })).status, who).toBe(404);
    }
    const bad = await convener.postForm(BODIES, { intent: "create", name: "", slug: "x", description: "" });
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    for (const m of ["Name is required.", "Description is required."]) expect(badText).toContain(m);

    expect((await convener.postForm(BODIES, { intent: "create", name: "Test Panel", slug: "test-panel", description: "Reads restricted answers for the tests." })).status).toBe(302);
    const ghost = await convener.postForm(BODIES, { intent: "add-member", body: "test-panel", email: "ghost@example.org" });
    expect(ghost.status).toBe(404);
    expect(await ghost.text()).toContain("No account uses that email.");
    expect((await convener.postForm(BODIES, { intent: "add-member", body: "test-panel", email: "reviewer1@example.org" })).status).toBe(302);
    expect((await convener.postForm(BODIES, { intent: "add-member", body: "test-panel", email: "drafter@example.org" })).status).toBe(302);
    const drafter = await db.kysely.selectFrom("user").select("id").where("email", "=", "drafter@example.org").executeTakeFirstOrThrow();
    expect((await convener.postForm(BODIES, { intent: "remove-member", body: "test-panel", userId: drafter.id })).status).toBe(302);

    const page = await (await anonymous.get("/recipient-bodies")).text();
    expect(page).toContain("Test Panel");
    expect(page).toContain("Rina Reviewer");
    expect(page).not.toContain("Dana Drafter");
    const entries = await db.kysely.selectFrom("ledger_entry").select("payload").where("kind", "=", "recipient_body").orderBy("seq").execute();
    expect(entries.slice(-4).map((e) => JSON.parse(e.payload).action)).toEqual(["created", "member_added", "member_added", "member_removed"]);
    await expectRecordHolds();
  });

  it("is a 404 to define a request for anyone but a convener, and refuses bad input with clear field errors, changing nothing", async () => {
    for (const [who, b] of [["anonymous", anonymous], ["a participant", industry]] as const) {
      expect((await b.get("/requests/new")).status, who).toBe(404);
      expect((await b.get("/requests/new.data")).status, who).toBe(404);
      expect((await b.postForm("/requests/new", definition())).status, who).toBe(404);
    }
    const before = await requestCount();
    const entriesBefore = (await requestEntries()).length;

    const bad = await convener.postForm("/requests/new", definition({ recipientBodies: [], q0_choices: "Only one" }));
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    expect(badText).toContain("Name at least one recipient body.");
    expect(badText).toContain("A choice question needs at least two different choices.");
    // The error stands next to the slot it is about.
    expect(badText).toMatch(/id="q0_choices-error"/);

    const unknown = await convener.postForm("/requests/new", definition({ invited: ["acme-robotics", "no-such-org"] }));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("No organisation has the address “no-such-org”.");

    const empty = await convener.postForm("/requests/new", definition({ q0_prompt: "", q0_choices: "", q1_prompt: "", q1_help: "" }));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Ask at least one question.");

    // "Add another question" saves nothing and gives one more slot, keeping what was typed.
    const more = await convener.postForm("/requests/new", definition({ intent: "more" }));
    expect(more.status).toBe(200);
    const moreText = await more.text();
    expect(moreText).toContain('name="q3_prompt"');
    expect(moreText).toContain("Do you evaluate before release?");

    expect(await requestCount()).toBe(before);
    expect((await requestEntries()).length).toBe(entriesBefore);
  });

  it("creates and edits a draft that only its convener sees, on pages and in the API", async () => {
    const created = await convener.postForm("/requests/new", definition());
    expect(created.status).toBe(302);
    const location = created.headers.get("location")!;
    expect(location).toMatch(/^\/requests\/[a-z0-9-]+\/edit$/);
    slug = location.split("/")[2]!;
    const row = await db.kysely.selectFrom("info_request").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "draft", title: "Model evaluation practices", k_threshold: 4, retention_days: 180 });
    expect(await db.kysely.selectFrom("info_request_question").select("id").where("request_id", "=", row.id).execute()).toHaveLength(2);
    // The address comes from the title; a second request of the same title gets the next free one.
    const twin = await convener.postForm("/requests/new", definition());
    expect(twin.headers.get("location")).toBe(`/requests/${slug}-2/edit`);

    // Nobody else learns it exists: page, data, edit page, API, lists.
    for (const [who, b] of [["anonymous", anonymous], ["a participant", industry]] as const) {
      for (const path of [`/requests/${slug}`, `/requests/${slug}.data`, `/requests/${slug}/edit`, `/requests/${slug}/issue`, `/api/v1/requests/${slug}`, `/api/v1/requests/${row.id}`]) {
        expect((await b.get(path)).status, `${who} ${path}`).toBe(404);
      }
      expect((await (await b.get("/requests")).text()).includes("Model evaluation practices"), who).toBe(false);
      expect(JSON.stringify(await (await api(b, "/requests")).json())).not.toContain(slug);
    }
    expect(await (await anonymous.get(sectionPath)).text()).not.toContain("Model evaluation practices");
    expect(await (await convener.get("/requests")).text()).toContain("Your drafts");
    const mine = await api(convener, `/requests/${slug}`);
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ phase: "draft", title: "Model evaluation practices", k: 4 });

    // Edit: rename, remove the number question, add a yes/no one.
    const edited = await convener.postForm(
      `/requests/${slug}/edit`,
      definition({ title: "Model evaluation practices 2027", q1_remove: "on", q2_kind: "yes_no", q2_prompt: "Do you publish the results?", q2_maxLevel: "public_unnamed" }),
    );
    expect(edited.status).toBe(302);
    const questions = await db.kysely.selectFrom("info_request_question").select(["kind", "prompt", "max_level"]).where("request_id", "=", row.id).orderBy("position").execute();
    expect(questions).toEqual([
      { kind: "single", prompt: "Do you evaluate before release?", max_level: "public_named" },
      { kind: "yes_no", prompt: "Do you publish the results?", max_level: "public_unnamed" },
    ]);
    expect((await industry.postForm(`/requests/${slug}/edit`, definition({ title: "Hijacked" }))).status).toBe(404);
    expect((await db.kysely.selectFrom("info_request").select("title").where("id", "=", row.id).executeTakeFirstOrThrow()).title).toBe("Model evaluation practices 2027");
  });

  it("refuses to issue with a past deadline, then issues: public, recorded, questions frozen", async () => {
    expect((await convener.postForm(`/requests/${slug}/edit`, definition({ title: "Model evaluation practices 2027", deadline: local(Date.now() - DAY), q1_remove: "on" }))).status).toBe(302);
    const entriesBefore = (await requestEntries()).length;
    const confirm = await convener.get(`/requests/${slug}/issue`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain("questions and their disclosure levels freeze");
    expect((await industry.postForm(`/requests/${slug}/issue`, { intent: "issue" })).status).toBe(404);

    const late = await convener.postForm(`/requests/${slug}/issue`, { intent: "issue" });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("The deadline has passed. Set a later deadline before issuing.");
    expect((await db.kysely.selectFrom("info_request").select("status").where("slug", "=", slug).executeTakeFirstOrThrow()).status).toBe("draft");
    expect((await requestEntries()).length).toBe(entriesBefore);

    expect((await convener.postForm(`/requests/${slug}/edit`, definition({ title: "Model evaluation practices 2027", q1_remove: "on" }))).status).toBe(302);
    const issued = await convener.postForm(`/requests/${slug}/issue`, { intent: "issue" });
    expect(issued.status).toBe(302);
    expect(issued.headers.get("location")).toBe(`/requests/${slug}`);
    const entry = (await requestEntries()).at(-1)!;
    expect(JSON.parse(entry.payload)).toMatchObject({ action: "issued", slug, title: "Model evaluation practices 2027", recipients: [{ slug: "test-panel", members: ["Rina Reviewer"] }] });

    // The public page states the rule and who reads what, by name.
    const page = await anonymous.get(`/requests/${slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const s of [
      "Model evaluation practices 2027",
      "we never show an answer beyond the level its author chose",
      "Test Panel",
      "Rina Reviewer",
      "Acme Robotics K.K.",
      "Do you evaluate before release?",
      "Public, with your organisation&#x27;s name",
      "Voluntary; no sanctions; used to update the Guidelines.",
      "Open for answers",
    ]) {
      expect(html.toLowerCase(), s).toContain(s.toLowerCase());
    }
    expect(html).not.toContain(`/requests/${slug}/results`);
    expect(html).not.toContain(`/requests/${slug}/answers`);
    // A recipient is offered the answers page, and nobody else is.
    const reviewer = new Browser(server.url);
    expect((await reviewer.signIn("reviewer1@example.org", PASSWORD)).status).toBe(302);
    expect(await (await reviewer.get(`/requests/${slug}`)).text()).toContain(`/requests/${slug}/answers`);

    const one = await (await api(anonymous, `/requests/${slug}`)).json();
    expect(one).toMatchObject({ slug, phase: "open", k: 4, retentionDays: 180, openToKinds: ["startup"], legalBasis: "Voluntary; no sanctions; used to update the Guidelines." });
    expect(one.questions.map((q: { prompt: string }) => q.prompt)).toEqual(["Do you evaluate before release?"]);
    expect(one.invited.map((o: { slug: string }) => o.slug).sort()).toEqual(["acme-robotics", "digital-rights-network"]);
    expect(one.recipientBodies).toEqual([{ slug: "test-panel", name: "Test Panel", description: "Reads restricted answers for the tests.", members: ["Rina Reviewer"] }]);
    expect(one.sections).toEqual([expect.objectContaining({ id: sectionId, path: sectionPath })]);
    expect(one.history).toEqual([expect.objectContaining({ action: "issued" })]);
    expect(JSON.stringify(one)).not.toMatch(/userId|created_by|email/);
    expect((await (await api(anonymous, "/requests")).json()).items.map((r: { slug: string }) => r.slug)).toContain(slug);

    // Issued: the edit page sends the convener to the change form; the questions cannot change.
    const edit = await convener.get(`/requests/${slug}/edit`);
    expect(edit.status).toBe(302);
    expect(edit.headers.get("location")).toBe(`/requests/${slug}/change`);
    const rewrite = await convener.postForm(`/requests/${slug}/edit`, definition({ title: "Sneaky rewrite" }));
    expect(rewrite.status).toBe(302);
    expect(rewrite.headers.get("location")).toBe(`/requests/${slug}/change`);
    expect((await db.kysely.selectFrom("info_request").select("title").where("slug", "=", slug).executeTakeFirstOrThrow()).title).toBe("Model evaluation practices 2027");
    await expectRecordHolds();
  });

  it("shows the issued request on the section it informs", async () => {
    const html = await (await anonymous.get(sectionPath)).text();
    expect(html).toContain("Information requests informing this section");
    expect(html).toContain(`/requests/${slug}`);
    expect(html).toContain("Model evaluation practices 2027");
  });

  it("changes the deadline and invitations only with a reason, recorded and shown in the history", async () => {
    const row = await db.kysely.selectFrom("info_request").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
    const entriesBefore = (await requestEntries()).length;
    const newDeadline = local(Date.now() + 40 * DAY);
    expect((await industry.postForm(`/requests/${slug}/change`, { deadline: newDeadline, invited: ["acme-robotics"], reason: "Mine now." })).status).toBe(404);

    const noReason = await convener.postForm(`/requests/${slug}/change`, { deadline: newDeadline, invited: ["acme-robotics", "digital-rights-network"], reason: "" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Reason for the change is required.");
    const past = await convener.postForm(`/requests/${slug}/change`, { deadline: local(Date.now() - DAY), invited: ["acme-robotics", "digital-rights-network"], reason: "Oops." });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("The new deadline must be in the future.");
    expect((await db.kysely.selectFrom("info_request").select("deadline").where("id", "=", row.id).executeTakeFirstOrThrow()).deadline).toBe(row.deadline);
    expect((await requestEntries()).length).toBe(entriesBefore);

    const changed = await convener.postForm(`/requests/${slug}/change`, {
      deadline: newDeadline,
      invited: ["acme-robotics", "digital-rights-network", "northwind-ai"],
      reason: "Several companies asked for more time.",
    });
    expect(changed.status).toBe(302);
    const after = await db.kysely.selectFrom("info_request").select("deadline").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after.deadline).toBe(new Date(`${newDeadline}Z`).toISOString());
    const entry = (await requestEntries()).at(-1)!;
    expect(JSON.parse(entry.payload)).toMatchObject({
      action: "changed",
      deadline: { from: row.deadline, to: after.deadline },
      invited: { added: [{ slug: "northwind-ai" }], removed: [] },
      reason: "Several companies asked for more time.",
    });
    const html = await (await anonymous.get(`/requests/${slug}`)).text();
    expect(html).toContain("Several companies asked for more time.");
    expect(html).toContain("Northwind AI Ltd.");
    const history = (await (await api(anonymous, `/requests/${slug}`)).json()).history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["issued", "changed"]);
    await expectRecordHolds();
  });
});
