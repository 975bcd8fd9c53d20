import { createHash } from "node:crypto";
import type { Executor } from "../../../db/client.js";
import { listInvitations } from "../../../db/queries/request.js";
import { listCountedAnswers, listResponseStatuses, type CountedAnswerRow } from "../../../db/queries/request-results.js";
import { openFor } from "../../../db/queries/sealed-text.js";
import { ORGANISATION_KINDS, type InfoRequestRow, type OrganisationKind, type QuestionKind } from "../../../db/schema.js";
import { isPublicLevel } from "../request-schemas.js";
import { loadRequestDetail, type RequestQuestion } from "./load.js";
import { quartilesOf } from "./statistics.js";
import { suppressCells, tableFor, type Table } from "./suppression.js";

/**
 * A request's published results (issue 14, items 6 and 7): what the results page,
 * its downloads, the API and the ledger's results_published entry all carry, one
 * document. Counts come from every respondent's latest submitted revision, at any
 * level (an aggregate-only answer is counted, never shown); counts from 1 to k-1 are
 * suppressed with whatever else would give them away. Nothing in it is an individual
 * non-public answer: text answers are only counted, numbers only summarised over at
 * least k values, and public answers listed as their authors chose.
 */

/** The column of a table over every kind. */
export const ALL_GROUP = "all";

/** One published number: `value` is null exactly when it is suppressed. */
export interface ResultCell {
  id: string;
  group: string;
  value: number | null;
  suppressed: boolean;
}

export interface ResultRow {
  /** The choice label, or "yes"/"no". */
  key: string;
  cells: ResultCell[];
}

/** Median and quartiles of one group's numbers, or null when it has fewer than k. */
export interface GroupStatistics {
  group: string;
  n: number | null;
  quartiles: { q1: number; median: number; q3: number } | null;
}

export interface QuestionResults {
  id: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  /** Whether every respondent is in exactly one row (single choice, yes/no): the rows then sum to the respondents. */
  rowsSumToTotal: boolean;
  /** One row per choice (none for text and numbers). */
  rows: ResultRow[];
  /** How many respondents answered, per group and in all. */
  respondents: ResultCell[];
  /** Numbers only. */
  statistics: GroupStatistics[] | null;
}

export type ParticipationStatus = "responded" | "declined" | "no_answer";

export interface Participation {
  invited: { slug: string; name: string; kind: OrganisationKind; status: ParticipationStatus; reason: string | null }[];
  counts: { invited: number; responded: number; declined: number; noAnswer: number };
  /** Respondents not on the invitation list (eligible by kind): a number, never names. */
  openCallRespondents: number;
}

export type AnswerValue = string | string[] | number | boolean;

export interface NamedAnswer {
  questionId: string;
  organisation: { slug: string; name: string; kind: OrganisationKind };
  day: string;
  value: AnswerValue;
}

export interface UnnamedAnswer {
  questionId: string;
  /** Only when at least k organisations of that kind responded. */
  kind: OrganisationKind | null;
  day: string;
  value: AnswerValue;
}

export interface ResultsDocument {
  format: "margin.request-results/1";
  request: { id: string; slug: string; title: string; deadline: string; k: number };
  publishedAt: string;
  /** The organisation kinds the tables break down by, then "all". */
  groups: string[];
  questions: QuestionResults[];
  participation: Participation;
  /**
   * `unnamedWithheld`: answers made public without a name that are not listed, because fewer
   * than k organisations responded in all — with so few, the participation list would say whose they are.
   */
  publicAnswers: { named: NamedAnswer[]; unnamed: UnnamedAnswer[]; unnamedWithheld?: number };
}

/** The rows of a question's table: choices, yes and no, or none. */
export function rowKeysOf(kind: QuestionKind, choices: readonly string[]): string[] {
  if (kind === "yes_no") return ["yes", "no"];
  if (kind === "single" || kind === "multiple") return [...choices];
  return [];
}

/** Whether each respondent lands in exactly one row. */
export function rowsSumToTotalOf(kind: QuestionKind): boolean {
  return kind === "single" || kind === "yes_no";
}

/**
 * The table's cells and sums with every count zero: the shape alone, which is what
 * the verifier needs to rebuild the sums a published table must keep.
 */
export function tableShape(kind: QuestionKind, rowKeys: readonly string[], kinds: readonly string[]): Table {
  return tableFor({
    rows: [...rowKeys],
    groups: [...kinds],
    counts: () => 0,
    respondentsByGroup: Object.fromEntries(kinds.map((g) => [g, 0])),
    rowsSumToTotal: rowsSumToTotalOf(kind),
  });
}

/** The rows a value falls in. */
function rowsOfValue(kind: QuestionKind, value: AnswerValue): string[] {
  if (kind === "yes_no") return [value === true ? "yes" : "no"];
  if (kind === "single" && typeof value === "string") return [value];
  if (kind === "multiple" && Array.isArray(value)) return value;
  return [];
}

interface Counted {
  kind: OrganisationKind;
  value: AnswerValue | null;
}

/** One question's table, suppressed. `answers` are every respondent's answer to it (values opened, except text). */
export function questionResults(q: RequestQuestion, kinds: readonly OrganisationKind[], answers: readonly Counted[], k: number): QuestionResults {
  const rowKeys = rowKeysOf(q.kind, q.choices);
  const respondentsByGroup = Object.fromEntries(kinds.map((g) => [g, answers.filter((a) => a.kind === g).length]));
  const counts = (row: string, group: string) => answers.filter((a) => a.kind === group && a.value !== null && rowsOfValue(q.kind, a.value).includes(row)).length;
  const table = tableFor({ rows: rowKeys, groups: [...kinds], counts, respondentsByGroup, rowsSumToTotal: rowsSumToTotalOf(q.kind) });
  const { suppressed } = suppressCells(table.cells, table.constraints, k);
  const count = new Map(table.cells.map((c) => [c.id, c.count]));
  const cell = (id: string, group: string): ResultCell =>
    suppressed.has(id) ? { id, group, value: null, suppressed: true } : { id, group, value: count.get(id)!, suppressed: false };
  const groups = [...kinds, ALL_GROUP];
  const respondents = groups.map((g) => cell(`n:${g}`, g));
  const statistics = q.kind === "number" ? numberStatistics(kinds, answers, respondents, k) : null;
  return {
    id: q.id,
    position: q.position,
    kind: q.kind,
    prompt: q.prompt,
    rowsSumToTotal: rowsSumToTotalOf(q.kind),
    rows: rowKeys.map((r) => ({ key: r, cells: groups.map((g) => cell(`cell:${r}:${g}`, g)) })),
    respondents,
    statistics,
  };
}

/**
 * Median and quartiles per group and over all. A group with fewer than k numbers shows
 * none; and when such groups hold fewer than k numbers between them, the statistics
 * over all are hidden too: compared with the groups shown, they would give those few
 * numbers away (one hidden number is exactly recoverable from the overall quartiles).
 */
function numberStatistics(kinds: readonly OrganisationKind[], answers: readonly Counted[], respondents: ResultCell[], k: number): GroupStatistics[] {
  const valuesOf = (g: string) => answers.filter((a) => (g === ALL_GROUP || a.kind === g) && typeof a.value === "number").map((a) => a.value as number);
  const hiddenPool = kinds
    .map((g) => valuesOf(g).length)
    .filter((n) => n > 0 && n < k)
    .reduce((a, b) => a + b, 0);
  const overallHidden = hiddenPool > 0 && hiddenPool < k;
  return [...kinds, ALL_GROUP].map((g, i) => ({
    group: g,
    n: respondents[i]!.value,
    quartiles: g === ALL_GROUP && overallHidden ? null : quartilesOf(valuesOf(g), k),
  }));
}

/** An answer's day, never its time: the time could tell who submitted when. */
const dayOf = (iso: string) => iso.slice(0, 10);

/** A public order that says nothing about when each answer came: by a hash of its (random) id. */
const shuffleKey = (answerId: string) => createHash("sha256").update(`margin.request-results:${answerId}`).digest("hex");

/**
 * The value an answer counts with. Text answers that are not public are never
 * opened: only their number is published.
 */
function countedValue(a: CountedAnswerRow, kind: QuestionKind): AnswerValue | null {
  if (kind === "text" && !isPublicLevel(a.level)) return null;
  return JSON.parse(openFor("info_answer", a.answer_id, "value", a.value)) as AnswerValue;
}

/** Computes the results from the database (the caller publishes them; see publish.ts). */
export async function computeResults(db: Executor, request: InfoRequestRow, publishedAt: string): Promise<ResultsDocument> {
  const detail = await loadRequestDetail(db, request);
  const k = request.k_threshold;
  const [answers, statuses, invitations] = await Promise.all([listCountedAnswers(db, request.id), listResponseStatuses(db, request.id), listInvitations(db, request.id)]);
  const respondents = statuses.filter((s) => s.revision > 0 && s.status !== "declined");
  const respondentIds = new Set(respondents.map((r) => r.organisation_id));
  const respondentsOfKind = (kind: OrganisationKind) => respondents.filter((r) => r.organisation_kind === kind).length;

  // The kinds anyone could expect in the tables: those invited, those the call is open to, and those who answered.
  const present = new Set<OrganisationKind>([...invitations.map((i) => i.kind), ...detail.openToKinds, ...respondents.map((r) => r.organisation_kind)]);
  const kinds = ORGANISATION_KINDS.filter((kind) => present.has(kind));

  const questions = detail.questions.map((q) =>
    questionResults(
      q,
      kinds,
      answers.filter((a) => a.question_id === q.id).map((a) => ({ kind: a.organisation_kind, value: countedValue(a, q.kind) })),
      k
    )
  );

  const byOrg = new Map(statuses.map((s) => [s.organisation_id, s]));
  const invited = invitations.map((i) => {
    const s = byOrg.get(i.organisation_id);
    const status: ParticipationStatus = respondentIds.has(i.organisation_id) ? "responded" : s?.status === "declined" ? "declined" : "no_answer";
    return { slug: i.slug, name: i.name, kind: i.kind, status, reason: status === "declined" ? s?.decline_reason ?? null : null };
  });
  const participation: Participation = {
    invited,
    counts: {
      invited: invited.length,
      responded: invited.filter((i) => i.status === "responded").length,
      declined: invited.filter((i) => i.status === "declined").length,
      noAnswer: invited.filter((i) => i.status === "no_answer").length,
    },
    openCallRespondents: respondents.filter((r) => !invitations.some((i) => i.organisation_id === r.organisation_id)).length,
  };

  const position = new Map(detail.questions.map((q) => [q.id, q.position]));
  const named = answers
    .filter((a) => a.level === "public_named")
    .sort((a, b) => position.get(a.question_id)! - position.get(b.question_id)! || a.organisation_name.localeCompare(b.organisation_name) || a.answer_id.localeCompare(b.answer_id))
    .map((a) => ({
      questionId: a.question_id,
      organisation: { slug: a.organisation_slug, name: a.organisation_name, kind: a.organisation_kind },
      day: dayOf(a.submitted_at),
      value: JSON.parse(a.value) as AnswerValue,
    }));
  const unnamedGiven = answers.filter((a) => a.level === "public_unnamed");
  const unnamedShown = respondents.length >= k;
  const unnamed = (unnamedShown ? unnamedGiven : [])
    .map((a) => ({ a, key: shuffleKey(a.answer_id) }))
    .sort((x, y) => position.get(x.a.question_id)! - position.get(y.a.question_id)! || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map(({ a }) => ({
      questionId: a.question_id,
      kind: respondentsOfKind(a.organisation_kind) >= k ? a.organisation_kind : null,
      day: dayOf(a.submitted_at),
      value: JSON.parse(a.value) as AnswerValue,
    }));

  return {
    format: "margin.request-results/1",
    request: { id: request.id, slug: request.slug, title: request.title, deadline: request.deadline, k },
    publishedAt,
    groups: [...kinds, ALL_GROUP],
    questions,
    participation,
    publicAnswers: { named, unnamed, unnamedWithheld: unnamedShown ? 0 : unnamedGiven.length },
  };
}
