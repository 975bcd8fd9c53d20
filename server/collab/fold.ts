import { sql } from "kysely";
import * as Y from "yjs";
import type { Db } from "../../db/client.js";
import {
  deleteCheckpointsBefore,
  findCheckpointAtOrBefore,
  findLastChangeSet,
  findLatestCheckpoint,
  insertCheckpoint,
  listSectionUpdatesAfter,
  listSectionUpdatesBetween,
} from "../../db/queries/collab.js";
import { writeSectionDoc } from "../../db/queries/search.js";
import type { SectionUpdateRow } from "../../db/schema.js";
import { recordAcceptedSuggestion } from "../domain/dispositions/index.js";
import { newId } from "../ids.js";
import type { MailService } from "../mail/index.js";
import { authorsOfRun } from "./authorship.js";
import { applyCheckpoint, encodeCheckpoint } from "./checkpoint.js";
import { contentHash, docToText } from "./content.js";
import { compareTexts, mergeInChunks, writeChangeSet } from "./persistence.js";

export interface FoldOptions {
  /** A change set holds at most this many updates. */
  maxUpdates: number;
  /** A checkpoint is written once this many updates have passed since the last one. */
  checkpointEvery: number;
  /** Notifies the author of a suggestion a run applies (in the fold's transaction); the caller kicks it. */
  mail?: MailService;
}

/**
 * The runs a fold window's updates make, in log order: an accepted suggestion
 * is a run of its own; everything else in the window is one run, whoever
 * typed it, up to `max` updates. Splitting at every change of author turned
 * two people typing at once into a change set per keystroke; each character
 * keeps its one author all the same (authorship.ts).
 */
function runsOf(rows: SectionUpdateRow[], max: number): SectionUpdateRow[][] {
  const runs: SectionUpdateRow[][] = [];
  let current: SectionUpdateRow[] = [];
  for (const r of rows) {
    if (current.length > 0 && (current[0]!.suggestion_id !== r.suggestion_id || current.length >= max)) {
      runs.push(current);
      current = [];
    }
    current.push(r);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** A run's authors: an accepted suggestion's are who applied it, then its proposer; otherwise everyone who edited, in order. */
function runAuthors(run: SectionUpdateRow[]): string[] {
  const head = run[0]!;
  const author = head.user_id ?? "unknown";
  if (head.suggestion_id) {
    const credit = head.credit ? (JSON.parse(head.credit) as string[]) : [];
    return [author, ...credit.filter((id) => id !== author)];
  }
  return authorsOfRun(run.map((r) => ({ userId: r.user_id ?? "unknown" })));
}

/**
 * Folds the section's log after its last change set into change sets (see
 * runsOf), each with its merged update, counts and the
 * content hash after it, recorded in the ledger — all in one transaction,
 * together with the decision on a suggestion that a run applies.
 *
 * It works from the database alone, so any node may fold any section, and
 * folds of one section are serialised (an advisory lock on PostgreSQL; SQLite
 * runs one transaction at a time): the second finds nothing left to fold.
 * Returns how many change sets it wrote, and how many suggestions they applied.
 */
export async function foldSection(db: Db, sectionId: string, options: FoldOptions): Promise<{ changeSets: number; decided: number }> {
  return db.kysely.transaction().execute(async (tx) => {
    if (db.dialect === "postgres") await sql`select pg_advisory_xact_lock(hashtext(${`fold:${sectionId}`}))`.execute(tx);
    const last = await findLastChangeSet(tx, sectionId);
    const from = last?.seq_to ?? 0;
    const pending = await listSectionUpdatesAfter(tx, sectionId, from);
    let contiguous = 0;
    while (contiguous < pending.length && pending[contiguous]!.seq === from + contiguous + 1) contiguous++;
    if (contiguous === 0) return { changeSets: 0, decided: 0 };

    const doc = new Y.Doc();
    try {
      const checkpoint = await findCheckpointAtOrBefore(tx, sectionId, from);
      if (checkpoint) applyCheckpoint(doc, checkpoint);
      const before = await listSectionUpdatesBetween(tx, sectionId, checkpoint?.seq ?? 0, from);
      doc.transact(() => {
        for (const r of before) Y.applyUpdate(doc, r.data);
      });
      let lastCheckpoint = (await findLatestCheckpoint(tx, sectionId))?.seq ?? 0;
      const runs = runsOf(pending.slice(0, contiguous), options.maxUpdates);
      let decided = 0;
      for (const run of runs) {
        const textBefore = docToText(doc);
        doc.transact(() => {
          for (const r of run) Y.applyUpdate(doc, r.data);
        });
        const head = run[0]!;
        const tail = run[run.length - 1]!;
        const authors = runAuthors(run);
        const changeSetId = newId();
        await writeChangeSet(tx, db.dialect, {
          id: changeSetId,
          sectionId,
          seqFrom: head.seq,
          seqTo: tail.seq,
          authors,
          startedAt: head.created_at,
          endedAt: tail.created_at,
          data: mergeInChunks(run.map((r) => r.data)),
          stateHash: contentHash(doc),
          stats: compareTexts(textBefore, docToText(doc)),
          suggestionId: head.suggestion_id,
        });
        // An accepted suggestion's decision lands with the change that applies it, or not at all.
        if (head.suggestion_id) {
          if (await recordAcceptedSuggestion(tx, db.dialect, { suggestionId: head.suggestion_id, changeSetId, decidedBy: authors[0]!, at: tail.created_at, appliedSeq: tail.seq }, options.mail)) decided += 1;
        }
        if (tail.seq - lastCheckpoint >= options.checkpointEvery) {
          await insertCheckpoint(tx, { section_id: sectionId, seq: tail.seq, created_at: tail.created_at, ...encodeCheckpoint(doc) });
          await deleteCheckpointsBefore(tx, sectionId, tail.seq);
          lastCheckpoint = tail.seq;
        }
      }
      // The section's text as search finds it, with the change sets that made it.
      await writeSectionDoc(tx, sectionId, docToText(doc), pending[contiguous - 1]!.created_at);
      return { changeSets: runs.length, decided };
    } finally {
      doc.destroy();
    }
  });
}
