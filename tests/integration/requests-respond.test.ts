import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { isSealedText } from "../../db/queries/sealed-text.js";
import type { SiteRole } from "../../db/schema.js";
import { createApiToken } from "../../server/auth/api-tokens.js";
import type { Actor } from "../../server/auth/policy.js";
import { RequestDefinitionSchema } from "../../server/domain/request-schemas.js";
import { addOrganisationMember, createOrganisation } from "../../server/domain/organisations/index.js";
import { addRecipientBodyMember, answersText, createRecipientBody, createRequest, issueRequest, publicReadCount } from "../../server/domain/requests/index.js";
import { installDataKeyring } from "../../server/crypto/active.js";
import { loadDataKeyring } from "../../server/crypto/keyring.js";
import { saltedDigest } from "../../server/ledger/chain.js";
import { databaseSource, httpSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "correct horse battery";
const SLUG = "risk-survey";
const PUBLIC_TEXT = "Public-heron: we publish our evaluation method";
const RESTRICTED_TEXT = "Restricted-okapi: three incidents in the loan model";
const AGGREGATE_TEXT = "Aggregate-narwhal: red-team budget 4.2 million";
const DRAFT_TEXT = "Draft-quokka: unfinished incident notes";
const API_RESTRICTED = "Api-pangolin: restricted answer filed from our systems";
const RESPOND = `/requests/${SLUG}/respond`;

/**
 * Issue 14, items 3, 4, 5, 8 and 10: a representative answers with a level per
 * answer (draft, review, submit, receipt, revisions, decline), restricted answers and
 * drafts are sealed at rest, recipients' reads and exports are logged and shown to the
 * organisation, and an aggregate-level answer never reaches anyone outside it.
 */
describe.each(databaseKinds())("answering an information request on %s", { timeout: CLI_TEST_TIMEOUT_MS }, (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let requestId: string;
  const q: Record<"pub" | "restricted" | "agg" | "choice", string> = { pub: "", restricted: "", agg: "", choice: "" };
  const people: Record<string, { browser: Browser; email: string; userId: string }> = {};
  let firstReference = "";

  async function person(name: string, displayName: string, siteRole: SiteRole = "member") {
    const browser = new Browser(server.url);
    const email = await browser.signUp({ displayName, password: PASSWORD });
    const user = await db.kysely.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    if (siteRole !== "member") await db.kysely.updateTable("user").set({ site_role: siteRole }).where("id", "=", user.id).execute();
    people[name] = { browser, email, userId: user.id };
    return people[name]!;
  }
  const who = (name: string) => people[name]!.browser;
  const token = async (name: string) => (await createApiToken(db, people[name]!.userId, "test")).token;
  const api = (path: string, tokenValue: string, body?: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${tokenValue}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const form = (answers: Partial<Record<keyof typeof q, [string, string]>>, intent: string) => {
    const fields: Record<string, string> = { intent };
    for (const [key, [value, level]] of Object.entries(answers) as [keyof typeof q, [string, string]][]) {
      fields[`answer-${q[key]}`] = value;
      fields[`level-${q[key]}`] = level;
    }
    return fields;
  };
  const full = (pub = PUBLIC_TEXT) =>
    form({ pub: [pub, "public_named"], restricted: [RESTRICTED_TEXT, "recipients"], agg: [AGGREGATE_TEXT, "aggregate"], choice: ["sometimes", "public_unnamed"] }, "submit");
  const requestEntries = async () =>
    (await db.kysely.selectFrom("ledger_entry").selectAll().where("kind", "=", "request").orderBy("seq").execute()).map((e) => ({ ...e, data: JSON.parse(e.payload) as Record<string, unknown> }));
  const responseOf = (orgSlug: string) =>
    db.kysely
      .selectFrom("info_response")
      .innerJoin("organisation", "organisation.id", "info_response.organisation_id")
      .selectAll("info_response")
      .where("organisation.slug", "=", orgSlug)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, {});
    db = createDb(tdb.url, { poolSize: 2 });
    // The server's key file, so that this process can check the whole record as an operator would.
    installDataKeyring(loadDataKeyring({ DATABASE_URL: tdb.url }, { create: false }).ring);
    await person("convener", "Connie Convener", "convener");
    await person("admin", "Ada Admin", "admin");
    await person("repA", "Rhea Representative");
    await person("memberA", "Milo Member");
    await person("repB", "Boris Outsider");
    await person("repG", "Gia Decliner");
    await person("recipient", "Rita Recipient");
    const orgs: [string, string][] = [
      ["alpha", "Alpha Robotics"],
      ["beta", "Beta Analytics"],
      ["gamma", "Gamma Insurance"],
    ];
    for (const [slug, name] of orgs) {
      await createOrganisation(db, "operator", { name, kind: "company", slug, emailDomain: null });
    }
    await addOrganisationMember(db, "operator", "alpha", people.repA!.email, "representative");
    await addOrganisationMember(db, "operator", "alpha", people.memberA!.email, "member");
    await addOrganisationMember(db, "operator", "beta", people.repB!.email, "representative");
    await addOrganisationMember(db, "operator", "gamma", people.repG!.email, "representative");

    const convener: Actor = { kind: "user", userId: people.convener!.userId, siteRole: "convener", role: null };
    await createRecipientBody(db, convener, { name: "AI Safety Office", slug: "safety-office", description: "Reads restricted answers to update the Guidelines." });
    await addRecipientBodyMember(db, convener, "safety-office", people.recipient!.email);
    const def = RequestDefinitionSchema.parse({
      title: "AI risk-practice survey",
      purpose: "Learn how companies evaluate and monitor AI systems.",
      legalBasis: "Voluntary; no sanctions; used to update the Guidelines.",
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      invited: ["alpha", "gamma"],
      recipientBodies: ["safety-office"],
      questions: [
        { kind: "text", prompt: "Which evaluation methods do you use?", help: "", maxLevel: "public_named", required: true },
        { kind: "text", prompt: "Describe incidents of the past year", help: "", maxLevel: "recipients" },
        { kind: "text", prompt: "What is your red-team budget?", help: "", maxLevel: "aggregate" },
        { kind: "single", prompt: "Do you red-team before release?", help: "", choices: ["always", "sometimes", "never"], maxLevel: "public_named" },
      ],
    });
    const row = await createRequest(db, convener, def, SLUG);
    await issueRequest(db, convener, SLUG);
    requestId = row.id;
    const questions = await db.kysely.selectFrom("info_request_question").select(["id", "position"]).where("request_id", "=", row.id).orderBy("position").execute();
    [q.pub, q.restricted, q.agg, q.choice] = questions.map((x) => x.id) as [string, string, string, string];
    for (const name of Object.keys(people)) expect((await who(name).signIn(people[name]!.email, PASSWORD)).status).toBe(302);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("lets a representative save a draft (sealed), review who will read each answer, submit mixed levels and get a receipt", async () => {
    const page = await (await who("repA").get(RESPOND)).text();
    expect(page).toContain("Who may read this answer");
    expect(page).toContain("Rita Recipient");
    // The aggregate-only question offers no other level.
    expect(page).toContain(`name="level-${q.agg}" value="aggregate"`);
    expect(page).not.toContain(`name="level-${q.agg}" value="recipients"`);

    const draft = await who("repA").postForm(RESPOND, form({ restricted: [DRAFT_TEXT, "recipients"] }, "save"));
    expect(draft.status).toBe(302);
    const afterDraft = await responseOf("alpha");
    expect(afterDraft.status).toBe("draft");
    expect(isSealedText(afterDraft.draft)).toBe(true);

    const tooOpen = await who("repA").postForm(RESPOND, form({ agg: [AGGREGATE_TEXT, "public_named"] }, "save"));
    expect(tooOpen.status).toBe(400);
    expect(await tooOpen.text()).toContain("Choose who may read this answer");

    const missing = await who("repA").postForm(RESPOND, { ...full(), [`answer-${q.pub}`]: "", intent: "review" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("This question needs an answer.");

    const review = await who("repA").postForm(RESPOND, { ...full(), intent: "review" });
    expect(review.status).toBe(200);
    const reviewText = await review.text();
    expect(reviewText).toContain("Check before submitting");
    for (const label of ["Public, with your organisation&#x27;s name", "Recipients only", "Statistics only", "Rita Recipient"]) expect(reviewText).toContain(label);
    expect((await responseOf("alpha")).revision).toBe(0);

    const submitted = await who("repA").postForm(RESPOND, full());
    expect(submitted.status).toBe(302);
    const location = submitted.headers.get("location") ?? "";
    firstReference = decodeURIComponent(/receipt=([^&]+)/.exec(location)?.[1] ?? "");
    expect(firstReference).toMatch(/^M-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    const shown = await (await who("repA").get(location)).text();
    expect(shown).toContain(firstReference);
    expect(shown).toContain("Download receipt");

    const response = await responseOf("alpha");
    expect(response).toMatchObject({ status: "submitted", revision: 1, draft: null });
    const answers = await db.kysely.selectFrom("info_answer").selectAll().where("response_id", "=", response.id).execute();
    const byQuestion = new Map(answers.map((a) => [a.question_id, a]));
    expect(byQuestion.get(q.pub)!.value).toBe(JSON.stringify(PUBLIC_TEXT));
    expect(byQuestion.get(q.choice)!.value).toBe(JSON.stringify("sometimes"));
    expect(isSealedText(byQuestion.get(q.restricted)!.value)).toBe(true);
    expect(isSealedText(byQuestion.get(q.agg)!.value)).toBe(true);

    // The record: a digest of the organisation and of the answers, nothing else about them.
    const entry = (await requestEntries()).find((e) => e.data.action === "submitted")!;
    expect(Object.keys(entry.data).sort()).toEqual(["action", "afterDecline", "answersDigest", "organisationDigest", "slug"]);
    for (const secret of ["Alpha", "alpha", PUBLIC_TEXT, RESTRICTED_TEXT, AGGREGATE_TEXT, response.organisation_id]) expect(entry.payload).not.toContain(secret);
    expect(entry.data.organisationDigest).toBe(saltedDigest(entry.salt!, response.organisation_id));

    // The receipt file lets the organisation check the entry against what it submitted.
    const file = await who("repA").get(`/requests/${SLUG}/receipts/${firstReference}.json`);
    expect(file.status).toBe(200);
    const receipt = (await file.json()) as { reference: string; ledger: { seq: number; hash: string }; digest: { value: string }; salt: string; answers: { questionId: string; level: "recipients"; value: string }[] };
    expect(receipt.reference).toBe(firstReference);
    expect(receipt.ledger).toMatchObject({ seq: Number(entry.seq), hash: entry.hash });
    expect(receipt.digest.value).toBe(entry.data.answersDigest);
    expect(saltedDigest(receipt.salt, answersText(receipt.answers))).toBe(receipt.digest.value);
    // Nobody outside the organisation gets it.
    for (const other of ["repB", "recipient", "admin"]) expect((await who(other).get(`/requests/${SLUG}/receipts/${firstReference}.json`)).status, other).toBe(404);
    expect((await who("memberA").get(`/requests/${SLUG}/receipts/${firstReference}.json`)).status).toBe(200);
  });

  it("keeps each revision, and a plain member sees the answers but cannot change them", async () => {
    const again = await who("repA").postForm(RESPOND, full(`${PUBLIC_TEXT} (revised)`));
    expect(again.status).toBe(302);
    const response = await responseOf("alpha");
    expect(response.revision).toBe(2);
    const revisions = await db.kysely.selectFrom("info_response_revision").selectAll().where("response_id", "=", response.id).orderBy("revision").execute();
    expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(revisions[0]!.reference).toBe(firstReference);
    expect(await db.kysely.selectFrom("info_answer").select("id").where("response_id", "=", response.id).execute()).toHaveLength(8);

    const page = await who("memberA").get(RESPOND);
    expect(page.status).toBe(200);
    const text = await page.text();
    for (const shown of [`${PUBLIC_TEXT} (revised)`, RESTRICTED_TEXT, AGGREGATE_TEXT, "Only your organisation&#x27;s representatives", firstReference]) expect(text).toContain(shown);
    expect(text).not.toContain('value="submit"');
    const refused = await who("memberA").postForm(RESPOND, full("A member's attempt"));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Only your organisation");
    expect((await responseOf("alpha")).revision).toBe(2);

    // A draft written after submitting is kept for the next revision; the submitted answers stay as they are.
    expect((await who("repA").postForm(RESPOND, form({ restricted: [DRAFT_TEXT, "recipients"] }, "save"))).status).toBe(302);
    expect(await responseOf("alpha")).toMatchObject({ status: "submitted", revision: 2 });
    expect(await (await who("repA").get(RESPOND)).text()).toContain(DRAFT_TEXT);
  });

  it("refuses an organisation that is not asked with a 404, and sends a signed-out visitor to sign in", async () => {
    for (const name of ["repB", "admin", "convener", "recipient"]) {
      expect((await who(name).get(RESPOND)).status, name).toBe(404);
      expect((await who(name).postForm(RESPOND, full("intruder"))).status, name).toBe(404);
    }
    expect((await new Browser(server.url).get(RESPOND)).status).toBe(302);
    expect(await db.kysely.selectFrom("info_response").select("id").execute()).toHaveLength(1);
  });

  it("takes answers through the API with a representative's token, and refuses a member's or an outsider's", async () => {
    const body = { submit: true, answers: [{ questionId: q.pub, value: PUBLIC_TEXT, level: "public_named" }, { questionId: q.restricted, value: API_RESTRICTED, level: "recipients" }, { questionId: q.agg, value: AGGREGATE_TEXT, level: "aggregate" }] };
    const rep = await token("repA");
    const draft = await api(`/requests/${requestId}/responses`, rep, { ...body, submit: false });
    expect(draft.status).toBe(200);
    expect(await draft.json()).toMatchObject({ status: "draft" });

    const ok = await api(`/requests/${SLUG}/responses`, rep, body);
    expect(ok.status).toBe(201);
    const receipt = (await ok.json()) as { reference: string; revision: number; ledger: { seq: number } };
    expect(receipt.revision).toBe(3);
    expect(receipt.reference).toMatch(/^M-/);

    const member = await api(`/requests/${requestId}/responses`, await token("memberA"), body);
    expect(member.status).toBe(403);
    expect(((await member.json()) as { error: { message: string } }).error.message).toContain("representatives");
    expect((await api(`/requests/${requestId}/responses`, await token("repB"), body)).status).toBe(404);
    const bad = await api(`/requests/${requestId}/responses`, rep, { submit: true, answers: [{ questionId: q.agg, value: "x", level: "recipients" }] });
    expect(bad.status).toBe(400);

    const own = await api(`/requests/${requestId}/responses/own`, await token("memberA"));
    expect(own.status).toBe(200);
    const ownBody = (await own.json()) as { revision: number; answers: { questionId: string; value: string; level: string }[]; revisions: unknown[] };
    expect(ownBody.revision).toBe(3);
    expect(ownBody.answers.find((a) => a.questionId === q.restricted)).toMatchObject({ value: API_RESTRICTED, level: "recipients" });
    expect(ownBody.revisions).toHaveLength(3);
    expect((await api(`/requests/${requestId}/responses/own`, await token("repB"))).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/requests/${requestId}/responses/own`)).status).toBe(401);

    // Back to the page's answers, for the reads below.
    expect((await who("repA").postForm(RESPOND, full())).status).toBe(302);
  });

  it("logs every restricted answer a recipient reads and every export, and shows the organisation who read what", async () => {
    const page = await who("recipient").get(`/requests/${SLUG}/answers`);
    expect(page.status).toBe(200);
    const text = await page.text();
    for (const shown of [RESTRICTED_TEXT, PUBLIC_TEXT, "Alpha Robotics", "each answer", "Download CSV (logged as a bulk export)"]) expect(text.toLowerCase()).toContain(shown.toLowerCase());
    expect(text).not.toContain(AGGREGATE_TEXT);
    const response = await responseOf("alpha");
    const reads = await db.kysely.selectFrom("access_log").selectAll().where("action", "=", "read").execute();
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ subject_kind: "answer", request_id: requestId, response_id: response.id, question_id: q.restricted, reader_id: people.recipient!.userId, reader_name: "Rita Recipient", items: 1 });

    const csv = await who("recipient").get(`/requests/${SLUG}/answers.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    // The byte-order mark Excel needs comes first, as in every CSV download (ADR 036).
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = new TextDecoder().decode(csvBytes);
    expect(csvText).toContain(RESTRICTED_TEXT);
    expect(csvText).not.toContain(AGGREGATE_TEXT);
    const exports = await db.kysely.selectFrom("access_log").selectAll().where("action", "=", "export").execute();
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ response_id: null, reader_name: "Rita Recipient", items: 3 });
    // A bad ?bom= is refused before anything is read, so nothing more is logged.
    expect((await who("recipient").get(`/requests/${SLUG}/answers.csv?bom=yes`)).status).toBe(400);
    expect(await db.kysely.selectFrom("access_log").selectAll().where("action", "=", "export").execute()).toHaveLength(1);

    for (const name of ["memberA", "repA"]) {
      const access = await who(name).get(`/requests/${SLUG}/access`);
      expect(access.status, name).toBe(200);
      const log = await access.text();
      expect(log).toContain("Rita Recipient");
      expect(log).toContain("Read: Describe incidents of the past year");
      expect(log).toContain("Bulk export (CSV) of 3 answers");
    }
    for (const name of ["repB", "recipient", "convener"]) expect((await who(name).get(`/requests/${SLUG}/access`)).status, name).toBe(404);
    expect(await publicReadCount(db.kysely, requestId)).toBe(2);

    // Not a recipient: no answers, nothing logged.
    for (const name of ["admin", "convener", "repA", "repB"]) {
      expect((await who(name).get(`/requests/${SLUG}/answers`)).status, name).toBe(404);
      expect((await who(name).get(`/requests/${SLUG}/answers.csv`)).status, name).toBe(404);
    }
    expect(await db.kysely.selectFrom("access_log").select("id").execute()).toHaveLength(2);
  });

  it("never shows an aggregate-level answer outside its organisation, on any page, data request, export or API", async () => {
    const paths = [
      RESPOND,
      `${RESPOND}.data`,
      `/requests/${SLUG}/answers`,
      `/requests/${SLUG}/answers.data`,
      `/requests/${SLUG}/answers.csv`,
      `/requests/${SLUG}/access`,
      `/requests/${SLUG}/access.data`,
      `/requests/${SLUG}/receipts/${firstReference}.json`,
      `/api/v1/requests/${requestId}/responses/own`,
      `/api/v1/requests/${SLUG}/responses/own/receipts/${firstReference}`,
      "/api/v1/ledger?limit=200",
    ];
    const outsiders: [string, Browser][] = [...["recipient", "admin", "convener", "repB", "repG"].map((n) => [n, who(n)] as [string, Browser]), ["anonymous", new Browser(server.url)]];
    for (const [name, browser] of outsiders) {
      for (const path of paths) {
        const body = await (await browser.get(path)).text();
        expect(body, `${name} ${path}`).not.toContain(AGGREGATE_TEXT);
        expect(body, `${name} ${path}`).not.toContain(DRAFT_TEXT);
        if (name !== "recipient") expect(body, `${name} ${path}`).not.toContain(RESTRICTED_TEXT);
      }
    }
    // The data requests are real reads: the recipient's holds the restricted answer, the organisation's own holds everything.
    expect(await (await who("recipient").get(`/requests/${SLUG}/answers.data`)).text()).toContain(RESTRICTED_TEXT);
    expect(await (await who("memberA").get(`${RESPOND}.data`)).text()).toContain(AGGREGATE_TEXT);
  });

  it("records a decline without the organisation's name, and a later submission withdraws it", async () => {
    const reason = "Gamma-reason: our counsel advised against it";
    const declined = await who("repG").postForm(RESPOND, { intent: "decline", reason });
    expect(declined.status).toBe(302);
    expect(await responseOf("gamma")).toMatchObject({ status: "declined", decline_reason: reason });
    const entry = (await requestEntries()).find((e) => e.data.action === "declined")!;
    expect(entry.payload).not.toContain("Gamma");
    expect(entry.data.reasonDigest).toBe(saltedDigest(entry.salt!, reason));
    const twice = await who("repG").postForm(RESPOND, { intent: "decline", reason: "" });
    expect(twice.status).toBe(409);

    expect((await who("repG").postForm(RESPOND, full("Gamma's public method"))).status).toBe(302);
    expect(await responseOf("gamma")).toMatchObject({ status: "submitted", decline_reason: null, revision: 1 });
    const last = (await requestEntries()).at(-1)!;
    expect(last.data).toMatchObject({ action: "submitted", afterDecline: true });

    const afterSubmit = await who("repA").postForm(RESPOND, { intent: "decline", reason: "" });
    expect(afterSubmit.status).toBe(409);
  });

  it("refuses saving, submitting and declining after the deadline", async () => {
    const { deadline } = await db.kysely.selectFrom("info_request").select("deadline").where("id", "=", requestId).executeTakeFirstOrThrow();
    await db.kysely.updateTable("info_request").set({ deadline: new Date(Date.now() - 60_000).toISOString() }).where("id", "=", requestId).execute();
    try {
      for (const intent of ["save", "submit"]) {
        const res = await who("repA").postForm(RESPOND, { ...full("too late"), intent });
        expect(res.status, intent).toBe(409);
        expect(await res.text()).toContain("deadline for this request has passed");
      }
      expect((await who("repA").postForm(RESPOND, { intent: "decline", reason: "" })).status).toBe(409);
      const viaApi = await api(`/requests/${requestId}/responses`, await token("repA"), { submit: true, answers: [{ questionId: q.pub, value: "late", level: "public_named" }] });
      expect(viaApi.status).toBe(409);
      // The answers stay readable to the organisation.
      expect(await (await who("repA").get(RESPOND)).text()).toContain("the answers below are final");
      expect((await responseOf("alpha")).revision).toBe(4);
    } finally {
      await db.kysely.updateTable("info_request").set({ deadline }).where("id", "=", requestId).execute();
    }
  });

  it("stores no plaintext of a restricted or aggregate answer or of a draft, while public answers are in the clear", async () => {
    expect((await who("repA").postForm(RESPOND, form({ restricted: [DRAFT_TEXT, "recipients"], agg: [AGGREGATE_TEXT, "aggregate"] }, "save"))).status).toBe(302);
    const response = await responseOf("alpha");
    expect(isSealedText(response.draft)).toBe(true);
    let bytes: Buffer;
    if (kind === "sqlite") {
      await sql`pragma wal_checkpoint(full)`.execute(db.kysely);
      const path = tdb.url.slice("file:".length);
      bytes = Buffer.concat([path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p)));
    } else {
      bytes = execFileSync("pg_dump", [tdb.url], { maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
    }
    expect(bytes.includes(Buffer.from(PUBLIC_TEXT))).toBe(true);
    for (const secret of [RESTRICTED_TEXT, AGGREGATE_TEXT, DRAFT_TEXT, API_RESTRICTED, "okapi", "narwhal", "quokka", "pangolin"]) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
  });

  it("leaves a record that verifies, from the database and from outside", async () => {
    expect((await verifyLedger(databaseSource(db))).problem).toBeNull();
    expect((await verifyLedger(httpSource(server.url))).problem).toBeNull();
  });
});
