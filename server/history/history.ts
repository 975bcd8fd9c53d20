import * as Y from "yjs";
import type { Db } from "../../db/client.js";
import { findChangeSetAtOrBefore, findPublicBaseSeq, listChangeSets, listChangeSetsForReplay, type ChangeSetSummary } from "../../db/queries/collab.js";
import { PUBLIC_VIEWER } from "../../db/queries/comment.js";
import { findVersionOfSection, listSuggestionQuotes } from "../../db/queries/history.js";
import { listUsersByIds } from "../../db/queries/user.js";
import type { ChangeSetRow, SectionRow, StakeholderGroup } from "../../db/schema.js";
import { contentHash } from "../collab/content.js";
import type { ConsultationView } from "../auth/access.js";
import { AppError, notFound } from "../errors.js";
import { WriterIndex, attributedBlocks, writerIndex, type AttributedBlock } from "./attributed.js";
import { wordDiff, type DiffBlock, type DiffSpan } from "./word-diff.js";

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
  /** The change sets replayed, in order: `writtenBy` indexes into this. */
  changeSets: ChangeSetRow[];
  stateHash: string;
}

/** Rebuilds the section at a change-set boundary (the last one at or before `seq`). */
async function stateAt(db: Db, sectionId: string, seq: number): Promise<SectionState> {
  const rows = await listChangeSetsForReplay(db.kysely, sectionId, seq);
  return replayToState(rows);
}

export function replayToState(rows: ChangeSetRow[]): SectionState {
  const doc = new Y.Doc();
  try {
    for (const r of rows) Y.applyUpdate(doc, r.data);
    const writerOf = writerIndex(rows.map((r) => r.data));
    return {
      seq: rows.length > 0 ? rows[rows.length - 1]!.seq_to : 0,
      blocks: attributedBlocks(doc, writerOf),
      changeSets: rows,
      stateHash: contentHash(doc),
    };
  } finally {
    doc.destroy();
  }
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

/** Compares two states of a section word by word, naming who wrote each inserted span. */
async function compareStates(db: Db, from: SectionState, to: SectionState, points: { from: ResolvedPoint; to: ResolvedPoint }): Promise<SectionComparison> {
  const diff = wordDiff(from.blocks, to.blocks);
  const authorIds = new Set<string>();
  const writers = new Set<number>();
  for (const s of diff.spans) for (const w of s.writers) writers.add(w);
  for (const w of writers) for (const id of authorsOfRow(to.changeSets[w]!)) authorIds.add(id);
  const who = await people(db, [...authorIds]);
  const attribute = (s: DiffSpan): AttributedSpan => {
    const ids = new Set<string>();
    for (const w of s.writers) for (const id of authorsOfRow(to.changeSets[w]!)) ids.add(id);
    return { type: s.type, text: s.text, authors: [...ids].map((id) => who.get(id)!) };
  };
  const blocks = (list: DiffBlock[]) => list.map((b) => ({ ...b, spans: b.spans.map(attribute) }));
  return {
    ...points,
    spans: diff.spans.map(attribute),
    inline: blocks(diff.inline),
    before: blocks(diff.before),
    after: blocks(diff.after),
    inserted: diff.inserted,
    deleted: diff.deleted,
    authors: [...who.values()],
  };
}

export async function compareSection(db: Db, view: ConsultationView, section: SectionRow, fromToken: string, toToken: string): Promise<SectionComparison> {
  const from = await resolvePoint(db, view, section, fromToken);
  const to = await resolvePoint(db, view, section, toToken);
  const [a, b] = await Promise.all([stateAt(db, section.id, from.seq), stateAt(db, section.id, to.seq)]);
  return compareStates(db, a, b, { from, to });
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
  diff: AttributedDiffBlock[];
}

/**
 * A page of the section's change sets, newest first, each with the change it
 * made shown as a word diff. One replay serves the whole page.
 */
const TEAM = { userId: null, team: true, confidential: false };

export async function sectionHistory(db: Db, view: ConsultationView, section: SectionRow, page: { limit: number; beforeSeq?: number }): Promise<{ entries: HistoryEntry[]; nextBefore: number | null; floor: number }> {
  const publicOnly = !view.may("history.viewDrafting");
  const rows = await listChangeSets(db.kysely, section.id, { limit: page.limit + 1, beforeSeq: page.beforeSeq, publicOnly });
  const shown = rows.slice(0, page.limit);
  const floor = await historyFloor(db, view, section.id);
  if (shown.length === 0) return { entries: [], nextBefore: null, floor };
  const replay = await listChangeSetsForReplay(db.kysely, section.id, shown[0]!.seq_to);
  const wanted = new Set(shown.map((r) => r.id));
  const diffs = new Map<string, DiffBlock[]>();
  const writerAuthors: string[][] = [];
  // Walk the history once, keeping the state before each shown change set.
  let previous: AttributedBlock[] = [];
  const doc = new Y.Doc();
  try {
    const writers = new WriterIndex();
    for (let i = 0; i < replay.length; i++) {
      const r = replay[i]!;
      Y.applyUpdate(doc, r.data);
      writers.add(r.data);
      writerAuthors.push(authorsOfRow(r));
      if (!wanted.has(r.id) && !wanted.has(replay[i + 1]?.id ?? "")) continue;
      const blocks = attributedBlocks(doc, writers.writerOf);
      if (wanted.has(r.id)) diffs.set(r.id, wordDiff(previous, blocks).inline);
      previous = blocks;
    }
  } finally {
    doc.destroy();
  }
  const who = await people(db, [...new Set([...shown.flatMap(authorsOfRow), ...writerAuthors.flat()])]);
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
    diff: (diffs.get(r.id) ?? []).map((b) => ({
      ...b,
      spans: b.spans.map((s) => ({ type: s.type, text: s.text, authors: [...new Set(s.writers.flatMap((w) => writerAuthors[w] ?? []))].map((id) => who.get(id)!) })),
    })),
  }));
  return { entries, nextBefore: rows.length > page.limit ? shown[shown.length - 1]!.seq_to : null, floor };
}
