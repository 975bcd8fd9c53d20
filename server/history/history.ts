import type { Db } from "../../db/client.js";
import {
  changeSetEndsAt,
  findChangeSetAtOrBefore,
  findPublicBaseSeq,
  listChangeSets,
  listChangeSetsForReplay,
  listSectionUpdatesInRanges,
  type ChangeSetSummary,
} from "../../db/queries/collab.js";
import { PUBLIC_VIEWER } from "../../db/queries/comment.js";
import { findVersionOfSection, listSuggestionQuotes } from "../../db/queries/history.js";
import { listUsersByIds } from "../../db/queries/user.js";
import type { ChangeSetRow, SectionRow, StakeholderGroup } from "../../db/schema.js";
import type { ConsultationView } from "../auth/access.js";
import { AppError, notFound } from "../errors.js";
import { creditIds, type LoggedUpdate } from "../collab/authorship.js";
import { AttributedReplay, type AttributedBlock, type CreditsOf, type Writer } from "./attributed.js";
import { wordDiff, type DiffBlock, type DiffSpan } from "./word-diff.js";
import { diffCache, replayCache } from "./replay-cache.js";

/**
 * A section's history: states at change-set boundaries rebuilt from the
 * stored change sets, and word-level diffs between any two of them with who
 * wrote each inserted word.
 */

export interface Person {
  id: string;
  name: string;
  group: StakeholderGroup | null;
}

/** A state of a section: "current", "v<number>" (a published version) or a log position. */
export type PointRef = { kind: "current" } | { kind: "version"; number: number } | { kind: "seq"; seq: number };

const POINT_PATTERN = /^(current|v[1-9]\d{0,5}|\d{1,12})$/;

export function parsePoint(token: string): PointRef {
  if (!POINT_PATTERN.test(token)) {
    throw new AppError("invalid_input", `“${token.slice(0, 40)}” is not a point in history: use current, v<version number> or a sequence number.`);
  }
  if (token === "current") return { kind: "current" };
  if (token.startsWith("v")) return { kind: "version", number: Number(token.slice(1)) };
  return { kind: "seq", seq: Number(token) };
}

export interface ResolvedPoint {
  token: string;
  label: string;
  /** The change-set boundary the state is at (0: before any text). */
  seq: number;
  time: string | null;
}

export interface SectionState {
  seq: number;
  blocks: AttributedBlock[];
  /** How many change sets make this state (the first of them is index 0). */
  count: number;
  /** Who wrote the characters: `writtenBy` indexes into this. */
  writers: Writer[];
}

/** Rebuilds the section at a change-set boundary (the last one at or before `seq`). */
async function stateAt(db: Db, sectionId: string, seq: number): Promise<SectionState> {
  let at = 0;
  const r = await replaySection(db, sectionId, { upto: seq, onStart: (_r, from) => (at = from), visit: (_i, row) => (at = row.seq_to) });
  return stateOf(r, at);
}

/** Where a replay of the section should start: the nearest kept point still true of the database, or the beginning. */
async function startingPoint(db: Db, sectionId: string, maxSeqTo: number): Promise<{ replay: AttributedReplay; seqTo: number }> {
  const point = replayCache.nearest(sectionId, maxSeqTo);
  if (point && (await changeSetEndsAt(db.kysely, sectionId, point.lastId, point.seqTo))) return { replay: new AttributedReplay(point), seqTo: point.seqTo };
  if (point) replayCache.drop(point);
  return { replay: new AttributedReplay(), seqTo: 0 };
}

/**
 * Replays the section's change sets up to `upto` (all when absent), starting from the
 * nearest kept point whose change sets end at or before `startBy` (default `upto`), and
 * keeps a point every `replayCache.every` change sets as it passes them. `onStart` sees the
 * replay before the first change set is applied; `visit` sees each change set after it is
 * applied, with its index in the whole history and the next row (if any).
 */
async function replaySection(
  db: Db,
  sectionId: string,
  options: {
    upto?: number;
    startBy?: number;
    onStart?: (r: AttributedReplay, seqTo: number) => void;
    visit?: (index: number, row: ChangeSetRow, r: AttributedReplay, next: ChangeSetRow | undefined) => void;
  },
): Promise<AttributedReplay> {
  const { replay: r, seqTo } = await startingPoint(db, sectionId, options.startBy ?? options.upto ?? Number.MAX_SAFE_INTEGER);
  try {
    const rows = await listChangeSetsForReplay(db.kysely, sectionId, options.upto, seqTo);
    const logs = await sharedLogs(db, sectionId, rows);
    options.onStart?.(r, seqTo);
    rows.forEach((row, i) => {
      const index = r.applied();
      applyRow(r, row, logs);
      const count = r.applied();
      if (count % replayCache.every === 0 && !replayCache.has(sectionId, count)) {
        replayCache.add({ sectionId, lastId: row.id, seqTo: row.seq_to, ...r.point() });
      }
      options.visit?.(index, row, r, rows[i + 1]);
    });
    return r;
  } catch (e) {
    r.destroy();
    throw e;
  }
}

function stateOf(r: AttributedReplay, seq: number): SectionState {
  try {
    return {
      seq,
      blocks: r.blocks(),
      count: r.applied(),
      writers: r.index.writers,
    };
  } finally {
    r.destroy();
  }
}

/**
 * The logged updates of the change sets several people wrote at once, by
 * change-set id: the change set names them all, and the log says which of
 * them created which characters.
 */
async function sharedLogs(db: Db, sectionId: string, rows: ChangeSetRow[]): Promise<Map<string, LoggedUpdate[]>> {
  const shared = rows.filter((r) => !r.suggestion_id && authorsOfRow(r).length >= 2);
  const logs = new Map<string, LoggedUpdate[]>(shared.map((r) => [r.id, []]));
  if (shared.length === 0) return logs;
  const updates = await listSectionUpdatesInRanges(db.kysely, sectionId, shared.map((r) => ({ after: r.seq_from - 1, upto: r.seq_to })));
  // Both lists are in log order and the change sets do not overlap: one pass files each update under its change set.
  let at = 0;
  for (const u of updates) {
    while (at < shared.length && shared[at]!.seq_to < u.seq) at++;
    const r = shared[at];
    if (r && u.seq >= r.seq_from) logs.get(r.id)!.push({ userId: u.user_id ?? "unknown", data: u.data });
  }
  return logs;
}

/**
 * The authors of the ids a change set creates, by range: an accepted
 * suggestion's words are its proposer's (the change set also names who
 * applied it); a change set several people wrote asks its log who made which
 * ids new (creditIds, per update); otherwise its one author.
 */
function creditsOfRow(row: ChangeSetRow, logs: Map<string, LoggedUpdate[]>, known: Map<number, number>): CreditsOf {
  const authors = authorsOfRow(row);
  const first = authors[0] ?? "unknown";
  const single = (author: string): CreditsOf => (_client, from, to) => [{ from, to, author }];
  if (row.suggestion_id) return single(authors[1] ?? first);
  const log = logs.get(row.id);
  if (!log) return single(first);
  const credits = creditIds(log, known);
  return (client, from, to) => credits.split(client, from, to, first);
}

/** Applies one change set, crediting each id it creates to its author. */
function applyRow(r: AttributedReplay, row: ChangeSetRow, logs: Map<string, LoggedUpdate[]>): void {
  const known = logs.has(row.id) ? r.stateVector() : new Map<number, number>();
  r.apply(row.data, creditsOfRow(row, logs, known));
}

/** Replays change sets in order from the empty section, recording who wrote each character. */
function replay(rows: ChangeSetRow[], logs: Map<string, LoggedUpdate[]>): AttributedReplay {
  const r = new AttributedReplay();
  for (const row of rows) applyRow(r, row, logs);
  return r;
}

export function replayToState(rows: ChangeSetRow[], logs: Map<string, LoggedUpdate[]> = new Map()): SectionState {
  return stateOf(replay(rows, logs), rows.length > 0 ? rows[rows.length - 1]!.seq_to : 0);
}

/** Where the viewer's history starts: 0 for the team, the opening baseline for everyone else. */
async function historyFloor(db: Db, view: ConsultationView, sectionId: string): Promise<number> {
  return view.may("history.viewDrafting") ? 0 : findPublicBaseSeq(db.kysely, sectionId);
}

async function resolvePoint(db: Db, view: ConsultationView, section: SectionRow, token: string): Promise<ResolvedPoint> {
  const ref = parsePoint(token);
  if (ref.kind === "current") {
    // The current text is public even when its last change was made before opening.
    const [head] = await listChangeSets(db.kysely, section.id, { limit: 1 });
    return { token, label: "Current text", seq: head?.seq_to ?? 0, time: head?.ended_at ?? null };
  }
  if (ref.kind === "version") {
    const v = await findVersionOfSection(db.kysely, view.consultation.id, ref.number, section.id);
    if (!v || (!v.public && !view.may("history.viewDrafting"))) throw notFound(`Version ${ref.number} of this section`);
    return { token, label: `Version ${v.number}: ${v.name}`, seq: v.seq, time: v.created_at };
  }
  const floor = await historyFloor(db, view, section.id);
  if (ref.seq < floor) {
    throw new AppError("forbidden", "Drafting before the consultation opened is visible to the drafting team only.");
  }
  const row = await findChangeSetAtOrBefore(db.kysely, section.id, ref.seq);
  return { token, label: row ? `After change ${row.seq_to}` : "Empty section", seq: row?.seq_to ?? 0, time: row?.ended_at ?? null };
}

export interface AttributedSpan extends Omit<DiffSpan, "writers"> {
  authors: Person[];
}

export interface AttributedDiffBlock extends Omit<DiffBlock, "spans"> {
  spans: AttributedSpan[];
}

/** A span with its authors' ids, for pages that name each person once (`people` beside the diff). */
export interface AuthoredSpan extends Omit<DiffSpan, "writers"> {
  authors: string[];
}

export interface AuthoredDiffBlock extends Omit<DiffBlock, "spans"> {
  spans: AuthoredSpan[];
}

export interface SectionComparison {
  from: ResolvedPoint;
  to: ResolvedPoint;
  spans: AttributedSpan[];
  inline: AttributedDiffBlock[];
  before: AttributedDiffBlock[];
  after: AttributedDiffBlock[];
  inserted: number;
  deleted: number;
  authors: Person[];
}

export async function people(db: Db, ids: string[]): Promise<Map<string, Person>> {
  const rows = await listUsersByIds(db.kysely, [...new Set(ids)]);
  const map = new Map<string, Person>(rows.map((u) => [u.id, { id: u.id, name: u.display_name, group: u.stakeholder_group }]));
  for (const id of ids) if (!map.has(id)) map.set(id, { id, name: "Former account", group: null });
  return map;
}

function authorsOfRow(row: ChangeSetRow | ChangeSetSummary): string[] {
  return JSON.parse(row.authors) as string[];
}

/**
 * The authors of an inserted span: whoever created its characters after
 * change set `since` (those before it were already there: an editor that
 * diffs text may move an older, equal character into a new word).
 */
function spanAuthorIds(writers: number[], list: Writer[], since: number): string[] {
  const fresh = writers.filter((w) => list[w] && list[w].changeSet >= since);
  return [...new Set((fresh.length > 0 ? fresh : writers).map((w) => list[w]?.author).filter((a): a is string => a !== undefined))];
}

/** Joins neighbouring spans of the same kind and the same authors: one run per author. */
function byAuthorRuns<S extends { type: DiffSpan["type"]; text: string; authors: (Person | string)[] }>(spans: S[]): S[] {
  const key = (s: S) => s.authors.map((a) => (typeof a === "string" ? a : a.id)).join();
  const out: S[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.type === s.type && key(last) === key(s)) last.text += s.text;
    else out.push({ ...s, authors: [...s.authors] });
  }
  return out;
}

/**
 * A word diff between two states, each inserted run's authors already worked out (by id):
 * kept in diffCache, so a page asked for again only names the people.
 */
interface ComputedDiff {
  spans: AuthoredSpan[];
  inline: AuthoredDiffBlock[];
  before: AuthoredDiffBlock[];
  after: AuthoredDiffBlock[];
  inserted: number;
  deleted: number;
  authorIds: string[];
}

async function computeDiff(db: Db, sectionId: string, fromSeq: number, toSeq: number): Promise<ComputedDiff> {
  const key = `${sectionId}|${fromSeq}|${toSeq}`;
  const kept = diffCache.get(key) as ComputedDiff | undefined;
  if (kept) return kept;
  const [from, to] = await Promise.all([stateAt(db, sectionId, fromSeq), stateAt(db, sectionId, toSeq)]);
  const diff = wordDiff(from.blocks, to.blocks);
  // Going forward, characters from `from`'s change sets are not new; backwards, every change set is.
  const since = from.seq <= to.seq ? from.count : 0;
  // A span is in the stream and in two of the layouts: its authors are worked out once.
  const ids = new Map<DiffSpan, string[]>();
  const authored = (s: DiffSpan): AuthoredSpan => {
    let authors = ids.get(s);
    if (!authors) ids.set(s, (authors = s.type === "insert" ? spanAuthorIds(s.writers, to.writers, since) : []));
    return { type: s.type, text: s.text, authors };
  };
  const blocks = (list: DiffBlock[]) => list.map((b) => ({ ...b, spans: byAuthorRuns(b.spans.map(authored)) }));
  const spans = byAuthorRuns(diff.spans.map(authored));
  const computed: ComputedDiff = {
    spans,
    inline: blocks(diff.inline),
    before: blocks(diff.before),
    after: blocks(diff.after),
    inserted: diff.inserted,
    deleted: diff.deleted,
    authorIds: [...new Set(spans.flatMap((s) => s.authors))],
  };
  // Each text is held about four times (spans, inline, before, after), two bytes a character.
  const chars = from.blocks.reduce((n, b) => n + b.text.length, 0) + to.blocks.reduce((n, b) => n + b.text.length, 0);
  diffCache.set(key, computed, chars * 8 + spans.length * 64);
  return computed;
}

/** A comparison whose spans name their authors by id, with those people (for the compare page, which names each once). */
export interface AuthoredComparison {
  from: ResolvedPoint;
  to: ResolvedPoint;
  inline: AuthoredDiffBlock[];
  before: AuthoredDiffBlock[];
  after: AuthoredDiffBlock[];
  inserted: number;
  deleted: number;
  authors: Person[];
}

/** Compares a section between two points, authors by id. */
export async function compareSectionAuthored(db: Db, view: ConsultationView, section: SectionRow, fromToken: string, toToken: string): Promise<AuthoredComparison> {
  const from = await resolvePoint(db, view, section, fromToken);
  const to = await resolvePoint(db, view, section, toToken);
  const d = await computeDiff(db, section.id, from.seq, to.seq);
  const who = await people(db, d.authorIds);
  return { from, to, inline: d.inline, before: d.before, after: d.after, inserted: d.inserted, deleted: d.deleted, authors: [...who.values()] };
}

/** Compares a section between two points, each inserted run with its authors named (the API's shape). */
export async function compareSection(db: Db, view: ConsultationView, section: SectionRow, fromToken: string, toToken: string): Promise<SectionComparison> {
  const from = await resolvePoint(db, view, section, fromToken);
  const to = await resolvePoint(db, view, section, toToken);
  const d = await computeDiff(db, section.id, from.seq, to.seq);
  const who = await people(db, d.authorIds);
  const named = (s: AuthoredSpan): AttributedSpan => ({ type: s.type, text: s.text, authors: s.authors.map((id) => who.get(id)!) });
  const blocks = (list: AuthoredDiffBlock[]) => list.map((b) => ({ ...b, spans: b.spans.map(named) }));
  return {
    from,
    to,
    spans: d.spans.map(named),
    inline: blocks(d.inline),
    before: blocks(d.before),
    after: blocks(d.after),
    inserted: d.inserted,
    deleted: d.deleted,
    authors: [...who.values()],
  };
}

export const HISTORY_PAGE = 20;

export interface HistoryEntry {
  id: string;
  seqFrom: number;
  seqTo: number;
  startedAt: string;
  endedAt: string;
  authors: Person[];
  inserted: number;
  deleted: number;
  summary: string;
  stateHash: string;
  suggestionId: string | null;
  /** The accepted suggestion the change applied: its passage and proposed text. */
  suggestion: { id: string; quote: string | null; replacement: string | null } | null;
  public: boolean;
  /** The paragraphs the change set touched, their authors by id (see `people`). */
  diff: AuthoredDiffBlock[];
  /** How many paragraphs it left as they were (not sent). */
  unchanged: number;
}

/** What a change set changed, as a history page shows it: kept in diffCache, since it never changes. */
interface ChangeDiff {
  blocks: AuthoredDiffBlock[];
  unchanged: number;
}

/** A change set's own diff never changes: its row id and end name it (a replaced database has other ids). */
const changeDiffKey = (sectionId: string, row: ChangeSetRow | ChangeSetSummary) => `change|${sectionId}|${row.id}|${row.seq_to}`;

/** The changed blocks of a change set's diff, with authors by id; the unchanged ones counted. */
function changeDiffOf(diff: DiffBlock[], writers: Writer[], since: number): ChangeDiff {
  const changed = diff.filter((b) => b.spans.some((s) => s.type !== "equal"));
  const blocks = changed.map((b) => ({
    type: b.type,
    level: b.level,
    context: b.context,
    spans: byAuthorRuns(b.spans.map((s): AuthoredSpan => ({ type: s.type, text: s.text, authors: s.type === "insert" ? spanAuthorIds(s.writers, writers, since) : [] }))),
  }));
  return { blocks, unchanged: diff.length - changed.length };
}

/** Rough bytes of a kept change diff: two a character, and a little per span. */
function changeDiffBytes(d: ChangeDiff): number {
  return d.blocks.reduce((n, b) => n + 64 + b.spans.reduce((m, sp) => m + 48 + sp.text.length * 2 + sp.authors.length * 40, 0), 0);
}

/**
 * A page of the section's change sets, newest first, each with the change it
 * made shown as a word diff. One replay serves the whole page.
 */
const TEAM = { userId: null, team: true, confidential: false };

export async function sectionHistory(
  db: Db,
  view: ConsultationView,
  section: SectionRow,
  page: { limit: number; beforeSeq?: number },
): Promise<{ entries: HistoryEntry[]; people: Person[]; nextBefore: number | null; floor: number }> {
  const publicOnly = !view.may("history.viewDrafting");
  const rows = await listChangeSets(db.kysely, section.id, { limit: page.limit + 1, beforeSeq: page.beforeSeq, publicOnly });
  const shown = rows.slice(0, page.limit);
  const floor = await historyFloor(db, view, section.id);
  if (shown.length === 0) return { entries: [], people: [], nextBefore: null, floor };
  const diffs = new Map<string, ChangeDiff>();
  for (const r of shown) {
    const kept = diffCache.get(changeDiffKey(section.id, r)) as ChangeDiff | undefined;
    if (kept) diffs.set(r.id, kept);
  }
  const missing = shown.filter((r) => !diffs.has(r.id));
  if (missing.length > 0) {
    const wanted = new Set(missing.map((r) => r.id));
    const computed = new Map<string, { diff: DiffBlock[]; since: number }>();
    // Walk the history once from the nearest kept point before the oldest change set not yet
    // diffed, keeping the state before each of them.
    let previous: AttributedBlock[] = [];
    const walk = await replaySection(db, section.id, {
      upto: missing[0]!.seq_to,
      startBy: missing[missing.length - 1]!.seq_from - 1,
      onStart: (r) => (previous = r.blocks()),
      visit: (i, row, r, next) => {
        if (!wanted.has(row.id) && !wanted.has(next?.id ?? "")) return;
        const blocks = r.blocks();
        if (wanted.has(row.id)) computed.set(row.id, { diff: wordDiff(previous, blocks).inline, since: i });
        previous = blocks;
      },
    });
    const writers = walk.index.writers;
    walk.destroy();
    for (const r of missing) {
      const c = computed.get(r.id);
      const d = c ? changeDiffOf(c.diff, writers, c.since) : { blocks: [], unchanged: 0 };
      diffs.set(r.id, d);
      if (c) diffCache.set(changeDiffKey(section.id, r), d, changeDiffBytes(d));
    }
  }
  const diffIds = [...diffs.values()].flatMap((d) => d.blocks.flatMap((b) => b.spans.flatMap((s) => s.authors)));
  const who = await people(db, [...new Set([...shown.flatMap(authorsOfRow), ...diffIds])]);
  const suggestions = new Map(
    (await listSuggestionQuotes(db.kysely, shown.map((r) => r.suggestion_id).filter((id): id is string => id !== null), publicOnly ? PUBLIC_VIEWER : TEAM)).map((s) => [
      s.id,
      { id: s.id, quote: s.quote_exact, replacement: s.replacement },
    ]),
  );
  const entries = shown.map((r) => ({
    id: r.id,
    seqFrom: r.seq_from,
    seqTo: r.seq_to,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    authors: authorsOfRow(r).map((id) => who.get(id)!),
    inserted: r.inserted,
    deleted: r.deleted,
    summary: r.summary,
    stateHash: r.state_hash,
    suggestionId: r.suggestion_id,
    suggestion: (r.suggestion_id && suggestions.get(r.suggestion_id)) || null,
    public: r.public === 1,
    diff: diffs.get(r.id)!.blocks,
    unchanged: diffs.get(r.id)!.unchanged,
  }));
  return { entries, people: [...who.values()], nextBefore: rows.length > page.limit ? shown[shown.length - 1]!.seq_to : null, floor };
}
