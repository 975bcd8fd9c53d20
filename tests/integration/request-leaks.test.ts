import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { installDataKeyring } from "../../server/crypto/active.js";
import { loadDataKeyring } from "../../server/crypto/keyring.js";
import type { Actor } from "../../server/auth/policy.js";
import { addOrganisationMember, createOrganisation, verifyOrganisation } from "../../server/domain/organisations/index.js";
import { RequestDefinitionSchema } from "../../server/domain/request-schemas.js";
import { addRecipientBodyMember, createRecipientBody, createRequest, issueRequest } from "../../server/domain/requests/index.js";
import { saveDraft, submitResponse } from "../../server/domain/requests/respond.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const REQUEST = "leak-survey";
const ORG_A = "Leakproof Robotics KK";
const ORG_B = "Other Answering Co";

/** One answer at each level, and a draft, each with a marker no page would hold by chance. */
const MARK = {
  publicNamed: "REQMARK-public-named-a1",
  publicUnnamed: "REQMARK-public-unnamed-b2",
  recipients: "REQMARK-recipients-only-c3",
  aggregate: "REQMARK-aggregate-only-d4",
  draft: "REQMARK-draft-in-progress-e5",
} as const;
type Mark = keyof typeof MARK;

const ROLES = ["anonymous", "participant", "otherRepresentative", "convener", "admin", "recipient", "member", "representative"] as const;
type Role = (typeof ROLES)[number];

/** The Remix single-fetch request for a page URL, as client-side navigation makes it. */
function dataUrl(path: string): string {
  const url = new URL(path, "http://x");
  url.pathname = `${url.pathname.replace(/\/$/, "")}.data`;
  return url.pathname + url.search;
}

/** Every read path of information requests; `page` ones are read as their data request too. */
const READ_PATHS: { name: string; path: (id: string) => string; page?: boolean }[] = [
  { name: "request list", path: () => "/requests", page: true },
  { name: "request page", path: () => `/requests/${REQUEST}`, page: true },
  { name: "answer form", path: () => `/requests/${REQUEST}/respond`, page: true },
  { name: "recipients' answers", path: () => `/requests/${REQUEST}/answers`, page: true },
  { name: "recipients' export", path: () => `/requests/${REQUEST}/answers.csv` },
  { name: "access log", path: () => `/requests/${REQUEST}/access`, page: true },
  { name: "results", path: () => `/requests/${REQUEST}/results`, page: true },
  { name: "results CSV", path: () => `/requests/${REQUEST}/results.csv` },
  { name: "results JSON", path: () => `/requests/${REQUEST}/results.json` },
  { name: "transparency", path: () => "/transparency", page: true },
  { name: "API request list", path: () => "/api/v1/requests" },
  { name: "API request", path: (id) => `/api/v1/requests/${id}` },
  { name: "API results", path: (id) => `/api/v1/requests/${id}/results` },
  { name: "API participation", path: (id) => `/api/v1/requests/${id}/participation` },
  { name: "API own responses", path: (id) => `/api/v1/requests/${id}/responses/own` },
  { name: "API ledger", path: () => "/api/v1/ledger?limit=200" },
];

/**
 * Who may read each marker, before and after the deadline (ADR 018). The respondent's own
 * organisation reads everything of its own; recipients read the public and "recipients"
 * answers as they arrive; the public reads public answers once the results are out;
 * nobody else ever reads an "aggregate" answer or a draft.
 */
const OWN: Role[] = ["member", "representative"];
const READERS: Record<"open" | "closed", Record<Mark, Role[]>> = {
  open: {
    publicNamed: [...OWN, "recipient"],
    publicUnnamed: [...OWN, "recipient"],
    recipients: [...OWN, "recipient"],
    aggregate: OWN,
    draft: OWN,
  },
  closed: {
    publicNamed: [...ROLES],
    publicUnnamed: [...ROLES],
    recipients: [...OWN, "recipient"],
    aggregate: OWN,
    draft: OWN,
  },
};

describe.each(databaseKinds())("no answer of an information request reaches anyone beyond the level its author chose, on %s", { timeout: 240_000 }, (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let requestId: string;
  const browsers = new Map<Role, Browser>();
  const actors = new Map<Role, Actor>();

  /** Everything each path returns to this role, pages read as HTML and as data. */
  async function readAll(role: Role): Promise<{ name: string; body: string }[]> {
    const b = browsers.get(role)!;
    const out: { name: string; body: string }[] = [];
    for (const p of READ_PATHS) {
      const path = p.path(requestId);
      const targets = p.page ? [path, dataUrl(path)] : [path];
      for (const t of targets) {
        const res = await b.get(t);
        out.push({ name: `${p.name} (${t})`, body: await res.text() });
      }
    }
    return out;
  }

  async function expectReaders(state: "open" | "closed") {
    for (const role of ROLES) {
      const bodies = await readAll(role);
      for (const mark of Object.keys(MARK) as Mark[]) {
        const allowed = READERS[state][mark].includes(role);
        const seenIn = bodies.filter((b) => b.body.includes(MARK[mark])).map((b) => b.name);
        if (allowed) expect(seenIn.length, `${role} should read the ${mark} answer somewhere (${state})`).toBeGreaterThan(0);
        else expect(seenIn, `${role} reads the ${mark} answer (${state})`).toEqual([]);
      }
    }
  }

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SIGNUP_LIMIT_PER_IP: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    installDataKeyring(loadDataKeyring({ DATABASE_URL: tdb.url }, { create: false }).ring);
    const emails = new Map<Role, string>();
    for (const role of ROLES) {
      const b = new Browser(server.url);
      browsers.set(role, b);
      if (role === "anonymous") {
        actors.set(role, { kind: "anonymous" });
        continue;
      }
      const email = await b.signUp({ displayName: `Leak ${role}`, password: PASSWORD });
      emails.set(role, email);
      const siteRole = role === "admin" ? "admin" : role === "convener" ? "convener" : "member";
      const user = await db.kysely.updateTable("user").set({ site_role: siteRole }).where("email", "=", email).returning("id").executeTakeFirstOrThrow();
      actors.set(role, { kind: "user", userId: user.id, siteRole, role: null });
      // Role changes take effect at the next sign-in.
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
    }
    await createOrganisation(db, "operator", { name: ORG_A, kind: "company", slug: "leakproof", emailDomain: null });
    await verifyOrganisation(db, "operator", "leakproof", "Checked for the leak test.");
    await createOrganisation(db, "operator", { name: ORG_B, kind: "company", slug: "other-answering", emailDomain: null });
    await createRecipientBody(db, actors.get("convener")!, { name: "Leak Panel", slug: "leak-panel", description: "Reads restricted answers in this test." });
    await addOrganisationMember(db, "operator", "leakproof", emails.get("representative")!, "representative");
    await addOrganisationMember(db, "operator", "leakproof", emails.get("member")!, "member");
    await addOrganisationMember(db, "operator", "other-answering", emails.get("otherRepresentative")!, "representative");
    await addRecipientBodyMember(db, actors.get("convener")!, "leak-panel", emails.get("recipient")!);

    const convener = actors.get("convener")!;
    const definition = RequestDefinitionSchema.parse({
      title: "Leak survey",
      purpose: "To test that nothing leaks.",
      legalBasis: "Voluntary.",
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      k: 2,
      invited: ["leakproof", "other-answering"],
      recipientBodies: ["leak-panel"],
      questions: [
        { kind: "text", prompt: "What is public with your name?", help: "", maxLevel: "public_named" },
        { kind: "text", prompt: "What is public without your name?", help: "", maxLevel: "public_named" },
        { kind: "text", prompt: "What may the panel read?", help: "", maxLevel: "public_named" },
        { kind: "text", prompt: "What may only be counted?", help: "", maxLevel: "public_named" },
      ],
    });
    const created = await createRequest(db, convener, definition, REQUEST);
    requestId = created.id;
    const detail = await issueRequest(db, convener, REQUEST);
    const [q1, q2, q3, q4] = detail.questions.map((q) => q.id);
    const rep = actors.get("representative")!;
    await submitResponse(db, rep, REQUEST, [
      { questionId: q1!, value: MARK.publicNamed, level: "public_named" },
      { questionId: q2!, value: MARK.publicUnnamed, level: "public_unnamed" },
      { questionId: q3!, value: MARK.recipients, level: "recipients" },
      { questionId: q4!, value: MARK.aggregate, level: "aggregate" },
    ]);
    // Another organisation answers too: with fewer than k respondents, unnamed answers would be withheld.
    await submitResponse(db, actors.get("otherRepresentative")!, REQUEST, [{ questionId: q1!, value: "Another organisation's plain answer.", level: "aggregate" }]);
    // A second thought, saved but not submitted.
    await saveDraft(db, rep, REQUEST, [{ questionId: q1!, value: MARK.draft, level: "public_named" }]);
  });

  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("while the request is open: each answer reaches only its organisation and, by level, the recipients", async () => {
    await expectReaders("open");
  });

  it("after the deadline: public answers reach everyone; the unnamed one without the organisation's name", async () => {
    await db.kysely.updateTable("info_request").set({ deadline: new Date(Date.now() - 60_000).toISOString() }).where("id", "=", requestId).execute();
    await expectReaders("closed");
    // The unnamed answer's own record, in the JSON and in its CSV row, does not name its organisation.
    const doc = await (await fetch(`${server.url}/requests/${REQUEST}/results.json`)).json();
    const unnamed = (doc.publicAnswers.unnamed as Record<string, unknown>[]).find((a) => a.value === MARK.publicUnnamed);
    expect(unnamed, "the unnamed answer is published").toBeDefined();
    expect(JSON.stringify(unnamed)).not.toContain(ORG_A);
    expect(Object.keys(unnamed!)).not.toContain("organisation");
    const csv = await (await fetch(`${server.url}/requests/${REQUEST}/results.csv`)).text();
    const row = csv.split(/\r?\n/).find((line) => line.includes(MARK.publicUnnamed));
    expect(row).toBeDefined();
    expect(row).not.toContain(ORG_A);
  });

  it("withholds an unnamed answer when fewer than k organisations responded: the participation list would name its author", async () => {
    const convener = actors.get("convener")!;
    const lonely = "REQMARK-lonely-unnamed-f6";
    const def = RequestDefinitionSchema.parse({
      title: "Few respondents",
      purpose: "To test withholding.",
      legalBasis: "Voluntary.",
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      k: 3,
      invited: ["leakproof", "other-answering"],
      recipientBodies: ["leak-panel"],
      questions: [{ kind: "text", prompt: "Anything to share?", help: "", maxLevel: "public_unnamed" }],
    });
    await createRequest(db, convener, def, "few-respondents");
    const [question] = (await issueRequest(db, convener, "few-respondents")).questions;
    await submitResponse(db, actors.get("representative")!, "few-respondents", [{ questionId: question!.id, value: lonely, level: "public_unnamed" }]);
    await db.kysely.updateTable("info_request").set({ deadline: new Date(Date.now() - 60_000).toISOString() }).where("slug", "=", "few-respondents").execute();
    const doc = await (await fetch(`${server.url}/requests/few-respondents/results.json`)).json();
    expect(doc.publicAnswers.unnamed).toEqual([]);
    expect(doc.publicAnswers.unnamedWithheld).toBe(1);
    for (const path of ["/requests/few-respondents/results", "/requests/few-respondents/results.csv", "/requests/few-respondents/results.json"]) {
      expect(await (await fetch(`${server.url}${path}`)).text(), path).not.toContain(lonely);
    }
    expect(await (await fetch(`${server.url}/requests/few-respondents/results`)).text()).toContain("One answer made public without a name is not listed");
  });

  it("refuses the restricted pages with a 404 to those who may not read them", async () => {
    for (const role of ["anonymous", "participant", "otherRepresentative", "convener", "admin"] as Role[]) {
      const b = browsers.get(role)!;
      expect((await b.get(`/requests/${REQUEST}/answers`)).status, `${role} answers`).toBe(404);
      expect((await b.get(`/requests/${REQUEST}/answers.csv`)).status, `${role} export`).toBe(404);
      // Another invited organisation has an access page of its own (with nothing read); the rest have none.
      if (role !== "otherRepresentative") expect((await b.get(`/requests/${REQUEST}/access`)).status, `${role} access log`).toBe(404);
    }
  });
});
