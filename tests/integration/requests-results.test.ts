import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { sealFor } from "../../db/queries/sealed-text.js";
import type { DisclosureLevel, OrganisationKind, OrganisationRow } from "../../db/schema.js";
import type { Actor } from "../../server/auth/policy.js";
import { installDataKeyring } from "../../server/crypto/active.js";
import { loadDataKeyring } from "../../server/crypto/keyring.js";
import { createOrganisation, verifyOrganisation } from "../../server/domain/organisations/index.js";
import { createRecipientBody, createRequest, issueRequest } from "../../server/domain/requests/index.js";
import { requestChangedEvent } from "../../server/domain/requests/ledger.js";
import { publishResults } from "../../server/domain/requests/publish.js";
import type { ResultCell, ResultsDocument } from "../../server/domain/requests/results.js";
import { newId } from "../../server/ids.js";
import { appendToChain } from "../../server/ledger/append.js";
import { PUBLIC_CHAIN, entryHash } from "../../server/ledger/chain.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import type { LedgerSource, WireEntry } from "../../server/ledger/wire.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

// Issue 14, items 6-8 and 10: results that protect the few, participation, and their record.

const K = 3;
const SLUG = "risk-practice-survey";
/** Values no reader may ever see: academia's number (its group is below k), and two non-public texts. */
const HIDDEN_NUMBER = 98765;
const RECIPIENTS_TEXT = "Recipients-only account of the zebra incident";
const AGGREGATE_TEXT = "Aggregate-only account of the osprey incident";
const NAMED_TEXT = "We found a prompt-injection path in our agent and fixed it";
const UNNAMED_TEXT = "A customer's data leaked through a support chatbot";
const DECLINE_REASON = "We do not hold this information centrally.";

/** A page's text with React's escapes undone. */
const unescaped = (html: string) => html.replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

type Answer = [question: number, value: unknown, level: DisclosureLevel];

describe.each(databaseKinds())("information request results on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let requestId: string;
  let questionIds: string[];
  let convener: Actor;
  const orgs = new Map<string, OrganisationRow>();
  const api = (path: string) => fetch(`${server.url}/api/v1${path}`);
  const page = (path: string) => fetch(`${server.url}${path}`);

  async function addOrg(slug: string, name: string, orgKind: OrganisationKind, verified = false) {
    let row = await createOrganisation(db, "operator", {
      name,
      kind: orgKind,
      slug,
      emailDomain: null,
    });
    if (verified) row = await verifyOrganisation(db, "operator", slug, "Checked by phone.");
    orgs.set(slug, row);
  }

  /** One organisation's submitted revisions, as the respond side stores them (sealed unless public). */
  async function respond(slug: string, revisions: Answer[][]) {
    const org = orgs.get(slug)!;
    const responseId = newId();
    const at = new Date().toISOString();
    await db.kysely
      .insertInto("info_response")
      .values({
        id: responseId,
        request_id: requestId,
        organisation_id: org.id,
        status: "submitted",
        draft: null,
        revision: revisions.length,
        decline_reason: null,
        updated_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (const [i, answers] of revisions.entries()) {
      const revision = i + 1;
      await db.kysely
        .insertInto("info_response_revision")
        .values({
          response_id: responseId,
          revision,
          reference: newId(),
          digest: "0".repeat(64),
          submitted_by: null,
          submitted_at: at,
        })
        .execute();
      for (const [q, value, level] of answers) {
        const id = newId();
        const json = JSON.stringify(value);
        const stored = level === "public_named" || level === "public_unnamed" ? json : sealFor("info_answer", id, "value", json);
        await db.kysely
          .insertInto("info_answer")
          .values({
            id,
            response_id: responseId,
            revision,
            question_id: questionIds[q - 1]!,
            level,
            value: stored,
          })
          .execute();
      }
      // The receipt entry the respond side writes: a salted digest of the organisation, no values.
      await db.kysely.transaction().execute((tx) =>
        appendToChain(tx, db.dialect, PUBLIC_CHAIN, {
          kind: "request",
          consultationId: null,
          subjectId: requestId,
          createdAt: new Date().toISOString(),
          payload: {
            slug: SLUG,
            action: "submitted",
            organisationDigest: createHash("sha256").update(`salt:${org.id}`).digest("hex"),
          },
        })
      );
    }
  }

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, {
      SEED_DEMO: "1",
      DEMO_PASSWORD: "demo-password-1",
    });
    db = createDb(tdb.url, { poolSize: 4 });
    installDataKeyring(loadDataKeyring({ DATABASE_URL: tdb.url }, { create: false }).ring);
    const owner = await db.kysely.selectFrom("user").select("id").where("email", "=", "owner@example.org").executeTakeFirstOrThrow();
    convener = {
      kind: "user",
      userId: owner.id,
      siteRole: "admin",
      role: null,
    };

    await addOrg("alpha-ai", "Alpha AI", "company");
    await addOrg("beta-labs", "Beta Labs", "company");
    await addOrg("gamma-systems", "Gamma Systems", "company");
    await addOrg("open-call-co", "Open Call Co", "company", true);
    await addOrg("uni-of-somewhere", "University of Somewhere", "academia");
    await addOrg("digital-rights-watch", "Digital Rights Watch", "civil_society");
    await addOrg("ministry-of-silence", "Ministry of Silence", "government");
    await createRecipientBody(db, convener, {
      name: "AI Policy Office",
      slug: "ai-policy-office",
      description: "Reads restricted answers.",
    });

    const def = {
      title: "AI risk-practice and incident survey",
      purpose: "To update the Guidelines.",
      legalBasis: "Voluntary; no sanctions.",
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
      retentionDays: 365,
      k: K,
      openToKinds: ["company" as const],
      invited: ["alpha-ai", "beta-labs", "gamma-systems", "uni-of-somewhere", "digital-rights-watch", "ministry-of-silence"],
      recipientBodies: ["ai-policy-office"],
      sections: [],
      questions: [
        {
          kind: "yes_no" as const,
          prompt: "Do you run red-team evaluations?",
          help: null,
          choices: [],
          maxLevel: "public_named" as const,
          required: true,
        },
        {
          kind: "number" as const,
          prompt: "How many incidents did you record last year?",
          help: null,
          choices: [],
          maxLevel: "public_named" as const,
          required: true,
        },
        {
          kind: "single" as const,
          prompt: "Which framework do you follow?",
          help: null,
          choices: ["NIST AI RMF", "ISO 42001", "Our own"],
          maxLevel: "public_named" as const,
          required: true,
        },
        {
          kind: "text" as const,
          prompt: "Describe your most serious incident.",
          help: null,
          choices: [],
          maxLevel: "public_named" as const,
          required: false,
        },
      ],
    };
    const created = await createRequest(db, convener, def, SLUG);
    requestId = created.id;
    const detail = await issueRequest(db, convener, SLUG);
    questionIds = detail.questions.map((q) => q.id);

    // Alpha revised: only its latest revision counts (its first said "no" and 1).
    await respond("alpha-ai", [
      [
        [1, false, "aggregate"],
        [2, 1, "aggregate"],
        [3, "Our own", "aggregate"],
      ],
      [
        [1, true, "aggregate"],
        [2, 1200, "aggregate"],
        [3, "NIST AI RMF", "public_named"],
        [4, NAMED_TEXT, "public_named"],
      ],
    ]);
    await respond("beta-labs", [
      [
        [1, true, "recipients"],
        [2, 1350, "recipients"],
        [3, "ISO 42001", "public_unnamed"],
        [4, RECIPIENTS_TEXT, "recipients"],
      ],
    ]);
    await respond("gamma-systems", [
      [
        [1, false, "aggregate"],
        [2, 1410, "aggregate"],
        [3, "NIST AI RMF", "aggregate"],
        [4, UNNAMED_TEXT, "public_unnamed"],
      ],
    ]);
    await respond("open-call-co", [
      [
        [1, true, "aggregate"],
        [2, 1575, "aggregate"],
        [3, "Our own", "aggregate"],
      ],
    ]);
    await respond("uni-of-somewhere", [
      [
        [1, true, "aggregate"],
        [2, HIDDEN_NUMBER, "aggregate"],
        [3, "Our own", "public_unnamed"],
        [4, AGGREGATE_TEXT, "aggregate"],
      ],
    ]);
    const now = new Date().toISOString();
    await db.kysely
      .insertInto("info_response")
      .values({
        id: newId(),
        request_id: requestId,
        organisation_id: orgs.get("digital-rights-watch")!.id,
        status: "declined",
        draft: null,
        revision: 0,
        decline_reason: DECLINE_REASON,
        updated_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  /** Moves the deadline into the past the way a recorded change would, so the ledger agrees. */
  async function passDeadline(id = requestId) {
    const row = await db.kysely.selectFrom("info_request").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const to = new Date(Date.now() - 50).toISOString();
    await db.kysely.transaction().execute(async (tx) => {
      await tx.updateTable("info_request").set({ deadline: to }).where("id", "=", id).execute();
      await appendToChain(
        tx,
        db.dialect,
        PUBLIC_CHAIN,
        requestChangedEvent(
          row,
          {
            deadline: { from: row.deadline, to },
            reason: "Closed early for the test.",
          },
          new Date().toISOString()
        )
      );
    });
  }

  const publishedEntries = async () =>
    (await db.kysely.selectFrom("ledger_entry").select(["seq", "payload"]).where("kind", "=", "request").where("subject_id", "=", requestId).orderBy("seq").execute()).filter(
      (e) => JSON.parse(e.payload).action === "results_published"
    );

  it("before the deadline: a short page, 409 from the API and downloads, and nothing recorded", async () => {
    const res = await page(`/requests/${SLUG}/results`);
    expect(res.status).toBe(200);
    const html = unescaped(await res.text());
    expect(html).toContain("will be published after its deadline");
    expect(html).not.toContain("Alpha AI");
    for (const path of [`/requests/${requestId}/results`, `/requests/${requestId}/participation`]) {
      const r = await api(path);
      expect(r.status).toBe(409);
      expect((await r.json()).error.message).toMatch(/published after the deadline/);
    }
    expect((await page(`/requests/${SLUG}/results.json`)).status).toBe(409);
    expect((await page(`/requests/${SLUG}/results.csv`)).status).toBe(409);
    expect(await publishedEntries()).toHaveLength(0);
  });

  it("publishes once, however many first readers arrive together", async () => {
    await passDeadline();
    const request = await db.kysely.selectFrom("info_request").selectAll().where("id", "=", requestId).executeTakeFirstOrThrow();
    const reads = await Promise.all([
      api(`/requests/${requestId}/results`).then((r) => r.json()),
      api(`/requests/${SLUG}/results`).then((r) => r.json()),
      page(`/requests/${SLUG}/results.json`).then((r) => r.json()),
      api(`/requests/${requestId}/participation`).then((r) => r.json()),
      publishResults(db, request),
      publishResults(db, request),
    ]);
    expect(await publishedEntries()).toHaveLength(1);
    const recorded = JSON.parse((await publishedEntries())[0]!.payload).results as ResultsDocument;
    for (const r of [reads[0], reads[1], reads[2], reads[4], reads[5]]) expect(r).toEqual(recorded);
    expect(reads[3].counts).toEqual(recorded.participation.counts);
    // Later reads serve the record; nothing more is appended.
    await api(`/requests/${requestId}/results`);
    expect(await publishedEntries()).toHaveLength(1);
  });

  describe("after publication", () => {
    let doc: ResultsDocument;
    let html: string;
    let csv: string;
    let json: string;
    beforeAll(async () => {
      const r = await api(`/requests/${requestId}/results`);
      expect(r.status).toBe(200);
      doc = await r.json();
      html = unescaped(await (await page(`/requests/${SLUG}/results`)).text());
      csv = await (await page(`/requests/${SLUG}/results.csv`)).text();
      json = await (await page(`/requests/${SLUG}/results.json`)).text();
    });
    const cell = (q: number, id: string): ResultCell => {
      const question = doc.questions[q - 1]!;
      return [...question.respondents, ...question.rows.flatMap((r) => r.cells)].find((c) => c.id === id)!;
    };

    it("starts the CSV with the byte-order mark unless ?bom=0", async () => {
      const bytes = new Uint8Array(await (await page(`/requests/${SLUG}/results.csv`)).arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(bytes)).toBe(csv);
      const plain = new Uint8Array(await (await page(`/requests/${SLUG}/results.csv?bom=0`)).arrayBuffer());
      expect([...plain]).toEqual([...bytes.slice(3)]);
    });

    it("the page, the JSON download and the API serve one document", async () => {
      expect(JSON.parse(json)).toEqual(doc);
      expect(doc.groups).toEqual(["government", "company", "academia", "civil_society", "all"]);
    });

    /** What question 1 (yes/no) really counts: Alpha's latest revision says yes, Gamma no. */
    const TRUTH_Q1: Record<string, number> = {
      "n:government": 0,
      "n:company": 4,
      "n:academia": 1,
      "n:civil_society": 0,
      "n:all": 5,
      "cell:yes:government": 0,
      "cell:yes:company": 3,
      "cell:yes:academia": 1,
      "cell:yes:civil_society": 0,
      "cell:yes:all": 4,
      "cell:no:government": 0,
      "cell:no:company": 1,
      "cell:no:academia": 0,
      "cell:no:civil_society": 0,
      "cell:no:all": 1,
    };
    const cellsOf = (q: number) => [...doc.questions[q - 1]!.respondents, ...doc.questions[q - 1]!.rows.flatMap((r) => r.cells)];

    it("counts the latest revision of each respondent, by kind: every shown cell is the true count", () => {
      const cells = cellsOf(1);
      expect(cells.map((c) => c.id).sort()).toEqual(Object.keys(TRUTH_Q1).sort());
      for (const c of cells.filter((c) => !c.suppressed)) expect([c.id, c.value]).toEqual([c.id, TRUTH_Q1[c.id]]);
      // Alpha's first revision gave 1; its latest 1200.
      const numbers = doc.questions[1]!.statistics!;
      expect(numbers.find((s) => s.group === "company")!.quartiles).toEqual({
        q1: 1312.5,
        median: 1380,
        q3: 1451.25,
      });
    });

    it("suppresses every count below k, and complementary cells so none can be derived", () => {
      const cells = cellsOf(1);
      for (const c of cells) if (TRUTH_Q1[c.id]! > 0 && TRUTH_Q1[c.id]! < K) expect(c).toMatchObject({ value: null, suppressed: true });
      // Academia's whole column is hidden, even its zero.
      expect(cell(1, "cell:no:academia")).toMatchObject({
        value: null,
        suppressed: true,
      });
      // Some cell is hidden although its count is 0 or at least k: the complementary suppression.
      expect(cells.some((c) => c.suppressed && (TRUTH_Q1[c.id] === 0 || TRUTH_Q1[c.id]! >= K) && !c.id.endsWith(":academia"))).toBe(true);
      // No sum gives a hidden count away: n:all and n:company are not both shown.
      expect(cell(1, "n:all").suppressed || cell(1, "n:company").suppressed).toBe(true);
      // Academia's statistics are not shown (fewer than k numbers), the companies' are.
      expect(doc.questions[1]!.statistics!.find((s) => s.group === "academia")!.quartiles).toBeNull();
      // Over all they would give academia's one number away, compared with the companies'.
      expect(doc.questions[1]!.statistics!.find((s) => s.group === "all")!.quartiles).toBeNull();
    });

    it("shows the suppressed cells as such on the page and in the CSV", () => {
      const suppressedCells = doc.questions.flatMap((q) => [...q.respondents, ...q.rows.flatMap((r) => r.cells)]).filter((c) => c.suppressed).length;
      expect((html.match(/data-suppressed="true"><span class="muted">suppressed</g) ?? []).length).toBe(suppressedCells);
      expect((csv.match(/,suppressed\r\n/g) ?? []).length).toBe(suppressedCells + doc.questions[1]!.statistics!.filter((s) => !s.quartiles).length * 3);
      expect(html).toContain("complementary suppression");
      expect(html).toContain('<th scope="col">Academia</th>');
      expect(html).toContain("<caption");
    });

    it("never shows an individual non-public value, anywhere", async () => {
      const bodies = [html, csv, json, JSON.stringify(doc), JSON.stringify(await (await api(`/requests/${requestId}/participation`)).json())];
      const ledger = JSON.stringify(await (await api("/ledger?after=0&limit=1000")).json());
      for (const body of [...bodies, ledger]) {
        expect(body).not.toContain(String(HIDDEN_NUMBER));
        expect(body).not.toContain(RECIPIENTS_TEXT);
        expect(body).not.toContain(AGGREGATE_TEXT);
      }
    });

    it("lists public answers by level: named with the name, unnamed without, kind only for groups of k", () => {
      expect(doc.publicAnswers.named).toEqual([
        {
          questionId: questionIds[2],
          organisation: { slug: "alpha-ai", name: "Alpha AI", kind: "company" },
          day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          value: "NIST AI RMF",
        },
        {
          questionId: questionIds[3],
          organisation: { slug: "alpha-ai", name: "Alpha AI", kind: "company" },
          day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          value: NAMED_TEXT,
        },
      ]);
      const unnamed = doc.publicAnswers.unnamed;
      expect(unnamed.map((a) => [a.value, a.kind]).sort()).toEqual(
        [
          ["ISO 42001", "company"],
          ["Our own", null],
          [UNNAMED_TEXT, "company"],
        ].sort()
      );
      expect(JSON.stringify(unnamed)).not.toMatch(/beta|gamma|uni-of|organisation|T\d\d:/i);
      expect(html).toContain(NAMED_TEXT);
      expect(html).toContain(UNNAMED_TEXT);
      expect(csv).toContain(UNNAMED_TEXT);
    });

    it("lists every invited organisation's status, the declined one with its reason, and counts the open call", async () => {
      const p = doc.participation;
      expect(p.invited.map((o) => [o.name, o.status, o.reason])).toEqual([
        ["Alpha AI", "responded", null],
        ["Beta Labs", "responded", null],
        ["Digital Rights Watch", "declined", DECLINE_REASON],
        ["Gamma Systems", "responded", null],
        ["Ministry of Silence", "no_answer", null],
        ["University of Somewhere", "responded", null],
      ]);
      expect(p.counts).toEqual({
        invited: 6,
        responded: 4,
        declined: 1,
        noAnswer: 1,
      });
      expect(p.openCallRespondents).toBe(1);
      expect(html).toContain(DECLINE_REASON);
      expect(html).toContain("No answer");
      expect(html).not.toContain("Open Call Co");
      expect(csv).not.toContain("Open Call Co");
      const api1 = await (await api(`/requests/${SLUG}/participation`)).json();
      expect(api1).toMatchObject({
        invited: p.invited,
        counts: p.counts,
        openCallRespondents: 1,
      });
    });

    it("the CSV carries every cell the page shows", () => {
      const lines = csv.trim().split("\r\n");
      expect(lines[0]).toBe("part,question,prompt,item,group,value,note");
      for (const c of cellsOf(1)) {
        const [, item] = c.id.startsWith("n:") ? [null, "respondents"] : c.id.split(":");
        const part = c.id.startsWith("n:") ? "respondents" : "count";
        expect(lines).toContain(`${part},1,Do you run red-team evaluations?,${item},${c.group},${c.value ?? ""},${c.suppressed ? "suppressed" : ""}`);
      }
      expect(lines).toContain("statistic,2,How many incidents did you record last year?,median,company,1380,");
      expect(lines).toContain(`participation,,,Digital Rights Watch,civil_society,declined,${DECLINE_REASON}`);
    });

    it("a draft's results are a 404, for the API and the pages", async () => {
      expect((await api("/requests/no-such-request/results")).status).toBe(404);
      expect((await page("/requests/no-such-request/results")).status).toBe(404);
    });
  });

  describe("the record", () => {
    it(
      "`margin results publish` publishes what is due, once",
      async () => {
        const other = await createRequest(
          db,
          convener,
          {
            title: "A short follow-up",
            purpose: "To check one thing.",
            legalBasis: "Voluntary.",
            deadline: new Date(Date.now() + 3_600_000).toISOString(),
            retentionDays: 30,
            k: K,
            openToKinds: [],
            invited: ["alpha-ai"],
            recipientBodies: ["ai-policy-office"],
            sections: [],
            questions: [{ kind: "yes_no", prompt: "Still true?", help: null, choices: [], maxLevel: "aggregate", required: true }],
          },
          "short-follow-up"
        );
        await issueRequest(db, convener, "short-follow-up");
        await passDeadline(other.id);
        const first = await runCli(["results", "publish"], { DATABASE_URL: tdb.url });
        expect(first.stdout).toContain("Published the results of short-follow-up.");
        expect(first.code).toBe(0);
        const again = await runCli(["results", "publish"], { DATABASE_URL: tdb.url });
        expect(again.stdout).toContain("No results were due.");
        const entries = await db.kysely.selectFrom("ledger_entry").select("payload").where("subject_id", "=", other.id).execute();
        expect(entries.filter((e) => JSON.parse(e.payload).action === "results_published")).toHaveLength(1);
        const served = await (await api("/requests/short-follow-up/participation")).json();
        expect(served.invited).toEqual([{ slug: "alpha-ai", name: "Alpha AI", kind: "company", status: "no_answer", reason: null }]);
      },
      CLI_TEST_TIMEOUT_MS
    );

    it("verifies from the database", async () => {
      const report = await verifyLedger(databaseSource(db));
      expect(report.problem).toBeNull();
      expect(report.ok).toBe(true);
    });

    /** A copy of the ledger with the results entry's payload changed and every later hash recomputed (so only the record check can tell). */
    function tamperedCopy(change: (doc: ResultsDocument) => void): LedgerSource {
      const base = databaseSource(db);
      return {
        ...base,
        served: { ...base.served, checkpoints: async () => [] },
        async *entries(chain) {
          let prev: string | null = null;
          let rewriting = false;
          for await (const rows of base.entries(chain)) {
            yield rows.map((e): WireEntry => {
              let payload = e.payload;
              if (e.kind === "request" && e.subjectId === requestId && payload.action === "results_published") {
                payload = structuredClone(payload);
                change(payload.results as unknown as ResultsDocument);
                rewriting = true;
              }
              if (!rewriting) {
                prev = e.hash;
                return e;
              }
              const fields = {
                chain: e.chain,
                seq: e.seq,
                kind: e.kind,
                consultationId: e.consultationId,
                sectionId: e.sectionId,
                subjectId: e.subjectId,
                createdAt: e.createdAt,
                payload,
                prevHash: prev!,
              };
              prev = entryHash(fields);
              return { ...fields, hash: prev };
            });
          }
        },
      };
    }

    const cellOf = (doc: ResultsDocument, q: number, id: string) =>
      [...doc.questions[q - 1]!.respondents, ...doc.questions[q - 1]!.rows.flatMap((r) => r.cells)].find((c) => c.id === id)!;

    it("fails when a suppressed cell is revealed in a copy", async () => {
      const report = await verifyLedger(
        tamperedCopy((doc) => {
          Object.assign(cellOf(doc, 1, "n:academia"), {
            value: 1,
            suppressed: false,
          });
        })
      );
      expect(report.ok).toBe(false);
      expect(report.problem).toMatch(/n:academia shows 1, fewer than k = 3/);
    });

    it("fails when a shown count is changed in a copy", async () => {
      const report = await verifyLedger(
        tamperedCopy((doc) => {
          cellOf(doc, 1, "cell:yes:company").value = 4;
        })
      );
      expect(report.ok).toBe(false);
      expect(report.problem).toMatch(/question 1/);
    });

    it("fails when a suppressed cell could be derived from the cells shown", async () => {
      const report = await verifyLedger(
        tamperedCopy((doc) => {
          // Unhide everything in question 1 except academia's column: its n is then n:all minus the rest.
          const q = doc.questions[0]!;
          for (const c of [...q.respondents, ...q.rows.flatMap((r) => r.cells)]) {
            if (c.suppressed && !c.id.endsWith(":academia") && c.id !== "cell:no:all" && c.id !== "cell:no:company")
              Object.assign(c, {
                value: c.id === "n:all" ? 5 : c.id === "cell:yes:all" ? 4 : 0,
                suppressed: false,
              });
          }
        })
      );
      expect(report.ok).toBe(false);
      expect(report.problem).toMatch(/can be worked out|parts shown add up/);
    });

    it("fails when the participation counts disagree with the list", async () => {
      const report = await verifyLedger(
        tamperedCopy((doc) => {
          doc.participation.counts.declined = 0;
        })
      );
      expect(report.ok).toBe(false);
      expect(report.problem).toMatch(/participation count “declined”/);
    });
  });
});
