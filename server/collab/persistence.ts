import { diffChars, diffWordsWithSpace } from "diff";
import * as Y from "yjs";
import type { Db, Dialect, Executor } from "../../db/client.js";
import {
  findLatestCheckpoint,
  insertChangeSet,
  insertCheckpoint,
  insertSectionUpdates,
  listSectionUpdatesAfter,
  reserveSeqs,
} from "../../db/queries/collab.js";
import { writeSectionDoc } from "../../db/queries/search.js";
import { findSectionById } from "../../db/queries/section.js";
import { notFound } from "../errors.js";
import { newId } from "../ids.js";
import { appendToChain, chainFor, type LedgerHead } from "../ledger/append.js";
import { isTeamChain, sha256Hex } from "../ledger/chain.js";
import { applyCheckpoint, CHECKPOINT_FORMAT, encodeCheckpoint } from "./checkpoint.js";
import { contentHash, docToText, jsonToUpdate } from "./content.js";
import type { JSONContent } from "@tiptap/core";

/** Yjs's own merge slows down quadratically on long lists; merge in chunks of this size. */
export const MERGE_CHUNK = 100;

export interface StoredState {
  doc: Y.Doc;
  /** The last sequence number in the log (0 for an empty section). */
  seq: number;
  /** Updates applied on top of the checkpoint. */
  tail: number;
  /** What was read from storage: the checkpoint's and the tail's bytes. */
  bytes: number;
}

/** Loads a section's document: the newest checkpoint plus the updates after it. */
export async function loadSectionState(db: Db, sectionId: string): Promise<StoredState> {
  const doc = new Y.Doc({ gc: true });
  const checkpoint = await findLatestCheckpoint(db.kysely, sectionId);
  let seq = 0;
  let bytes = 0;
  if (checkpoint) {
    applyCheckpoint(doc, checkpoint);
    seq = checkpoint.seq;
    bytes += checkpoint.data.byteLength;
  }
  const tail = await listSectionUpdatesAfter(db.kysely, sectionId, seq);
  if (tail.length > 0) {
    doc.transact(() => {
      for (const u of tail) Y.applyUpdate(doc, u.data);
    });
    seq = tail[tail.length - 1]!.seq;
    for (const u of tail) bytes += u.data.byteLength;
  }
  return { doc, seq, tail: tail.length, bytes };
}

/** Merges many updates without Yjs's quadratic slowdown. */
export function mergeInChunks(updates: Uint8Array[]): Uint8Array {
  let level = updates;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += MERGE_CHUNK) next.push(Y.mergeUpdates(level.slice(i, i + MERGE_CHUNK)));
    level = next;
  }
  return level[0] ?? Y.encodeStateAsUpdate(new Y.Doc());
}

export interface ChangeStats {
  inserted: number;
  deleted: number;
  summary: string;
}

export const SUMMARY_QUOTE_MAX = 80;

/** Characters inserted and deleted between two texts, and a one-line summary quoting what changed in whole words. */
export function compareTexts(before: string, after: string): ChangeStats {
  // With one side empty (a new section) the diff is the other side whole; the
  // diff library would take about a minute to find that out for 4 MB of text.
  const whole = before === "" || after === "";
  let inserted = whole ? after.length : 0;
  let deleted = whole ? before.length : 0;
  for (const part of whole ? [] : diffChars(before, after)) {
    if (part.added) inserted += part.value.length;
    else if (part.removed) deleted += part.value.length;
  }
  const quote = (pieces: string[]) => pieces.map((p) => clip(p.replace(/\s+/g, " ").trim())).join(" … ");
  const edits = whole ? [{ added: after, removed: before }] : inserted || deleted ? wordEdits(before, after) : [];
  const added = largest(edits.map((e) => e.added));
  const removed = largest(edits.map((e) => e.removed));
  const parts: string[] = [];
  if (added.length > 0) parts.push(`added “${quote(added)}”`);
  if (removed.length > 0) parts.push(`removed “${quote(removed)}”`);
  if (parts.length === 0) parts.push(inserted || deleted ? "formatting and spacing" : "no text change");
  return { inserted, deleted, summary: parts.join("; ") };
}

/** A summary quotes at most this many separate passages of each kind (the largest, in text order). */
export const SUMMARY_PASSAGES = 3;

function clip(s: string): string {
  return s.length > SUMMARY_QUOTE_MAX ? `${s.slice(0, SUMMARY_QUOTE_MAX - 1)}…` : s;
}

/**
 * The separate edits between two texts in whole words: neighbouring changed
 * words separated only by spaces are one edit, so a sentence typed in one go
 * reads as one passage, however the diff split it.
 */
function wordEdits(before: string, after: string): { added: string; removed: string }[] {
  const edits: { added: string; removed: string }[] = [];
  let open: { added: string; removed: string } | null = null;
  let gap = "";
  for (const part of diffWordsWithSpace(before, after)) {
    if (!part.added && !part.removed) {
      if (open && part.value.trim() === "") {
        gap = part.value;
        continue;
      }
      open = null;
      gap = "";
      continue;
    }
    if (!open) edits.push((open = { added: "", removed: "" }));
    else if (gap) {
      open.added += gap;
      open.removed += gap;
    }
    gap = "";
    if (part.added) open.added += part.value;
    else open.removed += part.value;
  }
  return edits;
}

/** The largest non-blank passages (at most SUMMARY_PASSAGES), in their order in the text. */
function largest(passages: string[]): string[] {
  const ranked = passages
    .map((text, i) => ({ text, i, size: text.trim().length }))
    .filter((p) => p.size > 0)
    .sort((a, b) => b.size - a.size || a.i - b.i)
    .slice(0, SUMMARY_PASSAGES);
  return ranked.sort((a, b) => a.i - b.i).map((p) => p.text);
}

export interface ClosedChangeSet {
  id: string;
  sectionId: string;
  seqFrom: number;
  seqTo: number;
  authors: string[];
  startedAt: string;
  endedAt: string;
  data: Uint8Array;
  stateHash: string;
  stats: ChangeStats;
  suggestionId?: string | null;
}

/**
 * Stores a change set and records it in the ledger, in the caller's
 * transaction: on the team chain while the consultation is a draft (and then
 * the change set is the team's only), on the public chain from opening on.
 */
export async function writeChangeSet(tx: Executor, dialect: Dialect, cs: ClosedChangeSet): Promise<LedgerHead> {
  const section = await findSectionById(tx, cs.sectionId);
  if (!section) throw notFound(`Section ${cs.sectionId}`);
  const chain = await chainFor(tx, dialect, section.consultation_id);
  await insertChangeSet(tx, {
    id: cs.id,
    section_id: cs.sectionId,
    seq_from: cs.seqFrom,
    seq_to: cs.seqTo,
    authors: JSON.stringify(cs.authors),
    started_at: cs.startedAt,
    ended_at: cs.endedAt,
    data: cs.data,
    state_hash: cs.stateHash,
    inserted: cs.stats.inserted,
    deleted: cs.stats.deleted,
    summary: cs.stats.summary,
    suggestion_id: cs.suggestionId ?? null,
    public: isTeamChain(chain) ? 0 : 1,
  });
  return appendToChain(tx, dialect, chain, {
    kind: "change_set",
    consultationId: section.consultation_id,
    sectionId: cs.sectionId,
    subjectId: cs.id,
    createdAt: cs.endedAt,
    payload: changeSetPayload(cs),
  });
}

/** What the ledger says about a change set; `margin verify` checks the stored row against it. */
export function changeSetPayload(cs: ClosedChangeSet) {
  return {
    seqFrom: cs.seqFrom,
    seqTo: cs.seqTo,
    authors: cs.authors,
    startedAt: cs.startedAt,
    updateHash: sha256Hex(cs.data),
    stateHash: cs.stateHash,
    inserted: cs.stats.inserted,
    deleted: cs.stats.deleted,
    suggestionId: cs.suggestionId ?? null,
  };
}

/** A section's first content, computed once (in the import worker for imports) and written by writeInitialContent. */
export interface PreparedContent {
  update: Uint8Array;
  /** The state as a checkpoint stores it, in CHECKPOINT_FORMAT. */
  checkpoint: Uint8Array;
  stateHash: string;
  stats: ChangeStats;
}

/** The Yjs update, hash and text statistics of a new section's content: the CPU part of writeInitialContent. */
export function prepareInitialContent(json: JSONContent): PreparedContent {
  const update = jsonToUpdate(json);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const prepared = { update, checkpoint: encodeCheckpoint(doc).data, stateHash: contentHash(doc), stats: compareTexts("", docToText(doc)) };
  doc.destroy();
  return prepared;
}

/**
 * Gives a new section its first text: update 1 in the log, a change set by
 * `userId`, and a checkpoint. Runs inside the caller's transaction.
 */
export async function writeInitialContent(
  tx: Executor,
  dialect: Dialect,
  sectionId: string,
  userId: string,
  content: JSONContent | PreparedContent,
  at: string,
): Promise<void> {
  const { update, checkpoint, stateHash, stats } = "update" in content ? (content as PreparedContent) : prepareInitialContent(content);
  await insertSectionUpdates(tx, [{ section_id: sectionId, seq: 1, user_id: userId, created_at: at, data: update }]);
  await reserveSeqs(tx, sectionId, 1);
  await writeChangeSet(tx, dialect, {
    id: newId(),
    sectionId,
    seqFrom: 1,
    seqTo: 1,
    authors: [userId],
    startedAt: at,
    endedAt: at,
    data: update,
    stateHash,
    stats,
  });
  await insertCheckpoint(tx, { section_id: sectionId, seq: 1, created_at: at, format: CHECKPOINT_FORMAT, data: checkpoint });
  await writeSectionDoc(tx, sectionId, textOfUpdate(update), at);
}

/** The plain text of a section's state, as search indexes it. */
function textOfUpdate(update: Uint8Array): string {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return docToText(doc);
  } finally {
    doc.destroy();
  }
}
