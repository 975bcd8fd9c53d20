import { ALL_GROUP, rowKeysOf, tableShape, type QuestionResults, type ResultsDocument } from "../../domain/requests/results.js";
import { derivableCells } from "../../domain/requests/suppression.js";
import type { WireEntry } from "../wire.js";
import { RecordMismatch, entryName, type RecordCheck } from "./context.js";

/**
 * Information requests' published results (issue 14, item 8). Everything is checked
 * from the entries alone, so anyone holding the ledger can do it: each results entry
 * follows its request's issuing and deadline, shows no count from 1 to k-1, keeps
 * every sum whose members it all shows, lets no suppressed count be worked out from
 * the sums, has a participation list that matches its counts and the invitation list
 * the entries recorded, and claims no more respondents than there were submissions.
 */

interface IssuedQuestion {
  id: string;
  kind: QuestionResults["kind"];
  choices: string[];
}

interface RequestRecord {
  issued: WireEntry | null;
  deadline: string | null;
  k: number | null;
  questions: IssuedQuestion[];
  invited: Set<string>;
  /** Organisation digests of submissions, by entry (before the results). */
  submissions: { digest: string | null; createdAt: string }[];
  published: WireEntry | null;
}

const DIGEST_FIELDS = ["organisationDigest", "orgDigest", "organisation", "respondent"] as const;

function digestOf(payload: Record<string, unknown>): string | null {
  for (const f of DIGEST_FIELDS) if (typeof payload[f] === "string") return payload[f] as string;
  return null;
}

function fail(e: WireEntry, message: string): never {
  throw new RecordMismatch(`${entryName(e)}: ${message}`);
}

/** One question's table against the sums its shape implies. */
function checkTable(e: WireEntry, q: QuestionResults, issued: IssuedQuestion, kinds: string[], k: number): void {
  const what = `question ${q.position}`;
  const rowKeys = rowKeysOf(issued.kind, issued.choices);
  if (q.kind !== issued.kind || q.rows.map((r) => r.key).join("\u0000") !== rowKeys.join("\u0000")) fail(e, `${what}: its rows are not the choices the request was issued with`);
  const shape = tableShape(issued.kind, rowKeys, kinds);
  const published = [...q.respondents, ...q.rows.flatMap((r) => r.cells)];
  const byId = new Map(published.map((c) => [c.id, c]));
  if (byId.size !== shape.cells.length || shape.cells.some((c) => !byId.has(c.id))) fail(e, `${what}: its cells are not those of a table over ${kinds.join(", ")}`);
  for (const c of published) {
    if (c.suppressed !== (c.value === null)) fail(e, `${what}: cell ${c.id} is marked ${c.suppressed ? "suppressed but shows a value" : "shown but has no value"}`);
    if (c.value !== null && (!Number.isInteger(c.value) || c.value < 0)) fail(e, `${what}: cell ${c.id} shows ${c.value}, which is not a count`);
    if (c.value !== null && c.value > 0 && c.value < k) fail(e, `${what}: cell ${c.id} shows ${c.value}, fewer than k = ${k}`);
  }
  for (const s of shape.constraints) {
    const members = [s.total, ...s.parts].map((id) => byId.get(id)!.value);
    if (members.some((v) => v === null)) continue;
    const sum = s.parts.reduce((n, id) => n + byId.get(id)!.value!, 0);
    if (sum !== byId.get(s.total)!.value) fail(e, `${what}: ${s.total} shows ${byId.get(s.total)!.value}, but its parts shown add up to ${sum}`);
  }
  const hidden = new Set(published.filter((c) => c.suppressed).map((c) => c.id));
  const derivable = derivableCells(shape.cells, shape.constraints, hidden);
  if (derivable.length > 0) fail(e, `${what}: the suppressed ${derivable.join(", ")} can be worked out from the cells shown`);
  if (q.kind === "number") {
    const stats = q.statistics ?? [];
    if (stats.length !== kinds.length + 1) fail(e, `${what}: its statistics do not cover every group`);
    for (const s of stats) {
      const n = byId.get(`n:${s.group}`);
      if (!n || s.n !== n.value) fail(e, `${what}: the statistics of ${s.group} count other respondents than its table`);
      if (s.quartiles && !(s.quartiles.q1 <= s.quartiles.median && s.quartiles.median <= s.quartiles.q3)) fail(e, `${what}: the quartiles of ${s.group} are out of order`);
    }
  } else if (q.statistics !== null) fail(e, `${what}: statistics are published for a question that is not a number`);
}

function checkParticipation(e: WireEntry, doc: ResultsDocument, rec: RequestRecord): void {
  const p = doc.participation;
  const count = (status: string) => p.invited.filter((o) => o.status === status).length;
  const expected = { invited: p.invited.length, responded: count("responded"), declined: count("declined"), noAnswer: count("no_answer") };
  for (const [key, n] of Object.entries(expected)) {
    if (p.counts[key as keyof typeof expected] !== n) fail(e, `the participation count “${key}” is ${p.counts[key as keyof typeof expected]}, but the list has ${n}`);
  }
  const listed = new Set(p.invited.map((o) => o.slug));
  if (listed.size !== rec.invited.size || [...rec.invited].some((s) => !listed.has(s))) fail(e, "the participation list is not the invitation list the request's entries recorded");
  if (p.invited.some((o) => o.status !== "declined" && o.reason !== null)) fail(e, "a reason is published for an organisation that did not decline");
  const before = rec.submissions.filter((s) => Date.parse(s.createdAt) <= Date.parse(doc.request.deadline));
  if (before.length > 0) {
    const digests = new Set(before.map((s, i) => s.digest ?? `entry ${i}`));
    const responded = p.counts.responded + p.openCallRespondents;
    if (responded > digests.size) fail(e, `${responded} organisations are said to have responded, but the ledger has submissions from ${digests.size}`);
  }
}

function checkResults(e: WireEntry, rec: RequestRecord): void {
  const doc = e.payload.results as ResultsDocument | undefined;
  if (!doc || typeof doc !== "object" || !Array.isArray(doc.questions) || !Array.isArray(doc.groups)) fail(e, "carries no results document");
  if (!rec.issued) fail(e, "publishes results of a request no earlier entry issued");
  if (doc.request.id !== e.subjectId) fail(e, "its results name another request");
  if (doc.request.k !== rec.k) fail(e, `its results use k = ${doc.request.k}, not the ${rec.k} the request was issued with`);
  if (doc.request.deadline !== rec.deadline) fail(e, `its results give the deadline ${doc.request.deadline}, not the ${rec.deadline} the entries recorded last`);
  if (Date.parse(e.createdAt) < Date.parse(doc.request.deadline)) fail(e, "publishes results before the deadline");
  const kinds = doc.groups.filter((g) => g !== ALL_GROUP);
  if (doc.groups[doc.groups.length - 1] !== ALL_GROUP) fail(e, "its tables have no column for all respondents");
  const issued = new Map(rec.questions.map((q) => [q.id, q]));
  if (doc.questions.length !== issued.size) fail(e, "its results do not cover exactly the questions the request was issued with");
  for (const q of doc.questions) {
    const iq = issued.get(q.id);
    if (!iq) fail(e, `question ${q.position} was not in the request as issued`);
    checkTable(e, q, iq, kinds, doc.request.k);
  }
  checkParticipation(e, doc, rec);
}

export const checkRequests: RecordCheck = async (ctx) => {
  const records = new Map<string, RequestRecord>();
  const recordOf = (id: string) => {
    let r = records.get(id);
    if (!r) records.set(id, (r = { issued: null, deadline: null, k: null, questions: [], invited: new Set(), submissions: [], published: null }));
    return r;
  };
  for (const e of ctx.byKind("request")) {
    if (!e.subjectId) continue;
    const rec = recordOf(e.subjectId);
    const p = e.payload as Record<string, any>;
    switch (p.action) {
      case "issued":
        rec.issued = e;
        rec.deadline = p.deadline;
        rec.k = p.k;
        rec.questions = (p.questions ?? []).map((q: IssuedQuestion) => ({ id: q.id, kind: q.kind, choices: q.choices ?? [] }));
        rec.invited = new Set((p.invited ?? []).map((o: { slug: string }) => o.slug));
        break;
      case "changed":
        if (p.deadline?.to) rec.deadline = p.deadline.to;
        for (const o of p.invited?.added ?? []) rec.invited.add(o.slug);
        for (const o of p.invited?.removed ?? []) rec.invited.delete(o.slug);
        break;
      case "submitted":
        rec.submissions.push({ digest: digestOf(p), createdAt: e.createdAt });
        break;
      case "results_published":
        if (rec.published) fail(e, `results were already published by ${entryName(rec.published)}`);
        checkResults(e, rec);
        rec.published = e;
        break;
    }
  }
};
