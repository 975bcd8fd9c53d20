import { describe, expect, it } from "vitest";
import type { LedgerKind } from "../../../db/schema.js";
import { questionResults, type ResultsDocument } from "../../domain/requests/results.js";
import type { WireEntry } from "../wire.js";
import { RecordMismatch, type CheckContext } from "./context.js";
import { checkRequests } from "./requests.js";

const K = 3;
const DEADLINE = "2026-06-01T00:00:00.000Z";
const QUESTION = { id: "q1", position: 1, kind: "yes_no" as const, prompt: "Red-team?", help: null, choices: [], maxLevel: "aggregate" as const, required: true };

let seq = 0;
function entry(action: string, createdAt: string, payload: Record<string, unknown> = {}): WireEntry {
  seq += 1;
  return {
    chain: "public",
    seq,
    kind: "request",
    consultationId: null,
    sectionId: null,
    subjectId: "req1",
    createdAt,
    payload: { slug: "survey", action, ...payload },
    prevHash: "",
    hash: "",
  };
}

const issued = () =>
  entry("issued", "2026-05-01T00:00:00.000Z", {
    deadline: DEADLINE,
    k: K,
    questions: [{ id: "q1", kind: "yes_no", prompt: "Red-team?", choices: [], maxLevel: "aggregate", required: true }],
    invited: [
      { slug: "alpha", name: "Alpha", kind: "company" },
      { slug: "beta", name: "Beta", kind: "company" },
    ],
  });

function results(): ResultsDocument {
  const answers = [true, true, true].map((value) => ({ kind: "company" as const, value }));
  return {
    format: "margin.request-results/1",
    request: { id: "req1", slug: "survey", title: "Survey", deadline: DEADLINE, k: K },
    publishedAt: "2026-06-02T00:00:00.000Z",
    groups: ["company", "all"],
    questions: [questionResults(QUESTION, ["company"], answers, K)],
    participation: {
      invited: [
        { slug: "alpha", name: "Alpha", kind: "company", status: "responded", reason: null },
        { slug: "beta", name: "Beta", kind: "company", status: "declined", reason: "No data." },
      ],
      counts: { invited: 2, responded: 1, declined: 1, noAnswer: 0 },
      openCallRespondents: 2,
    },
    publicAnswers: { named: [], unnamed: [] },
  };
}

const submissions = (n: number) => Array.from({ length: n }, (_, i) => entry("submitted", "2026-05-10T00:00:00.000Z", { organisationDigest: `d${i}` }));
const published = (doc: ResultsDocument, at = "2026-06-02T00:00:00.000Z") => entry("results_published", at, { results: doc });

async function check(entries: WireEntry[]): Promise<string | null> {
  const ctx: CheckContext = {
    source: {} as CheckContext["source"],
    entries,
    byKind: (kind: LedgerKind) => entries.filter((e) => e.kind === kind),
    replayedText: async () => undefined,
    note: () => undefined,
  };
  try {
    await checkRequests(ctx);
    return null;
  } catch (e) {
    if (e instanceof RecordMismatch) return e.message;
    throw e;
  }
}

describe("the record check of request results", () => {
  it("passes a results entry that follows its request and keeps every rule", async () => {
    expect(await check([issued(), ...submissions(3), published(results())])).toBeNull();
  });

  it("fails results published with no issuing, before the deadline, or twice", async () => {
    expect(await check([published(results())])).toMatch(/no earlier entry issued/);
    expect(await check([issued(), published(results(), "2026-05-20T00:00:00.000Z")])).toMatch(/before the deadline/);
    expect(await check([issued(), published(results()), published(results())])).toMatch(/already published/);
  });

  it("follows a recorded deadline change", async () => {
    const later = "2026-06-15T00:00:00.000Z";
    const moved = entry("changed", "2026-05-20T00:00:00.000Z", { deadline: { from: DEADLINE, to: later }, reason: "More time." });
    expect(await check([issued(), moved, published(results(), "2026-06-16T00:00:00.000Z")])).toMatch(/not the 2026-06-15T00:00:00.000Z the entries recorded last/);
    const doc = results();
    doc.request.deadline = later;
    expect(await check([issued(), moved, published(doc, "2026-06-16T00:00:00.000Z")])).toBeNull();
  });

  it("fails more respondents than the ledger has submissions from", async () => {
    expect(await check([issued(), ...submissions(2), published(results())])).toMatch(/3 organisations are said to have responded, but the ledger has submissions from 2/);
  });

  it("fails a participation list that is not the recorded invitation list, or a reason for someone who did not decline", async () => {
    const other = results();
    other.participation.invited[1]!.slug = "gamma";
    expect(await check([issued(), published(other)])).toMatch(/not the invitation list/);
    const reason = results();
    reason.participation.invited[0]!.reason = "Happy to help.";
    expect(await check([issued(), published(reason)])).toMatch(/did not decline/);
  });

  it("fails rows that are not the issued choices, and a shown count below k", async () => {
    const rows = results();
    rows.questions[0]!.rows.reverse();
    expect(await check([issued(), published(rows)])).toMatch(/not the choices the request was issued with/);
    const small = results();
    Object.assign(small.questions[0]!.rows[1]!.cells[0]!, { value: 1, suppressed: false });
    expect(await check([issued(), published(small)])).toMatch(/cell:no:company shows 1, fewer than k = 3|parts shown add up/);
  });
});
