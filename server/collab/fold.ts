import { sql } from "kysely";
import type { Db, Executor } from "../../db/client.js";
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
import { computeFoldHere, type FoldCompute, type FoldJob } from "./fold-compute.js";
import { writeChangeSet } from "./persistence.js";

export interface FoldOptions {
  /** A change set holds at most this many updates. */
  maxUpdates: number;
  /** A checkpoint is written once this many updates have passed since the last one. */
  checkpointEvery: number;
  /** Notifies the author of a suggestion a run applies (in the fold's transaction); the caller kicks it. */
  mail?: MailService;
  /** Where the replay, diffs and hashes are computed: the fold worker on a server; here by default. */
  compute?: FoldCompute;
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

interface FoldPlan {
  from: number;
  rows: SectionUpdateRow[][];
  job: FoldJob;
  lastAt: string;
}

/** What a fold will write: the unfolded log's contiguous head, split into runs, and what replaying them needs. Null if nothing is left to fold. */
async function planFold(tx: Executor, sectionId: string, options: FoldOptions): Promise<FoldPlan | null> {
  const last = await findLastChangeSet(tx, sectionId);
  const from = last?.seq_to ?? 0;
  const pending = await listSectionUpdatesAfter(tx, sectionId, from);
  let contiguous = 0;
  while (contiguous < pending.length && pending[contiguous]!.seq === from + contiguous + 1) contiguous++;
  if (contiguous === 0) return null;
  const checkpoint = await findCheckpointAtOrBefore(tx, sectionId, from);
  const before = await listSectionUpdatesBetween(tx, sectionId, checkpoint?.seq ?? 0, from);
  let lastCheckpoint = (await findLatestCheckpoint(tx, sectionId))?.seq ?? 0;
  const rows = runsOf(pending.slice(0, contiguous), options.maxUpdates);
  const checkpointAfter = rows.map((run) => {
    const tail = run[run.length - 1]!.seq;
    if (tail - lastCheckpoint < options.checkpointEvery) return false;
    lastCheckpoint = tail;
    return true;
  });
  return {
    from,
    rows,
    job: { checkpoint: checkpoint ? { format: checkpoint.format, data: checkpoint.data } : null, before: before.map((r) => r.data), runs: rows.map((run) => run.map((r) => r.data)), checkpointAfter },
    lastAt: pending[contiguous - 1]!.created_at,
  };
}

/** How often a fold starts over when another fold of the same section committed while it computed. */
const FOLD_ATTEMPTS = 3;

/**
 * Folds the section's log after its last change set into change sets (see
 * runsOf), each with its merged update, counts and the content hash after it,
 * recorded in the ledger — all in one transaction, together with the decision
 * on a suggestion that a run applies.
 *
 * The fold reads what it needs, computes (replaying the section, diffing and
 * hashing: `options.compute`, the fold worker on a server) with no transaction
 * open, then writes in a short one. The computing once held the database
 * (SQLite has one connection), so keystrokes waited for every fold (ADR 045).
 * Any node may fold any section: the write takes the section's fold lock (an
 * advisory lock on PostgreSQL; SQLite runs one transaction at a time) and
 * writes nothing if another fold moved the last change set meanwhile — it then
 * starts over from that one. Returns how many change sets it wrote, and how
 * many suggestions they applied.
 */
export async function foldSection(db: Db, sectionId: string, options: FoldOptions): Promise<{ changeSets: number; decided: number }> {
  const compute = options.compute ?? computeFoldHere;
  for (let attempt = 1; ; attempt++) {
    const plan = await db.kysely.transaction().execute((tx) => planFold(tx, sectionId, options));
    if (!plan) return { changeSets: 0, decided: 0 };
    const folded = await compute(plan.job);
    const written = await db.kysely.transaction().execute(async (tx) => {
      if (db.dialect === "postgres") await sql`select pg_advisory_xact_lock(hashtext(${`fold:${sectionId}`}))`.execute(tx);
      if (((await findLastChangeSet(tx, sectionId))?.seq_to ?? 0) !== plan.from) return null;
      let decided = 0;
      for (const [i, run] of plan.rows.entries()) {
        const result = folded.runs[i]!;
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
          data: result.data,
          stateHash: result.stateHash,
          stats: result.stats,
          suggestionId: head.suggestion_id,
        });
        // An accepted suggestion's decision lands with the change that applies it, or not at all.
        if (head.suggestion_id) {
          if (await recordAcceptedSuggestion(tx, db.dialect, { suggestionId: head.suggestion_id, changeSetId, decidedBy: authors[0]!, at: tail.created_at, appliedSeq: tail.seq }, options.mail)) decided += 1;
        }
        if (result.checkpoint) {
          await insertCheckpoint(tx, { section_id: sectionId, seq: tail.seq, created_at: tail.created_at, ...result.checkpoint });
          await deleteCheckpointsBefore(tx, sectionId, tail.seq);
        }
      }
      // The section's text as search finds it, with the change sets that made it.
      await writeSectionDoc(tx, sectionId, folded.text, plan.lastAt);
      return { changeSets: plan.rows.length, decided };
    });
    if (written) return written;
    if (attempt >= FOLD_ATTEMPTS) return { changeSets: 0, decided: 0 };
  }
}
