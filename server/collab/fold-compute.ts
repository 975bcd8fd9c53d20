// The CPU side of a fold (fold.ts): replaying a section's updates and, for each
// run, the merged update, the content hash and the counts. Pure, so it can run
// in the fold worker (fold-worker.ts) as well as in the calling thread.
import * as Y from "yjs";
import { applyCheckpoint, encodeCheckpoint, type EncodedCheckpoint } from "./checkpoint.js";
import { contentHash, docToText } from "./content.js";
import { compareTexts, mergeInChunks, type ChangeStats } from "./persistence.js";

export interface FoldJob {
  /** The state at the last checkpoint at or before the fold's start, if any. */
  checkpoint: EncodedCheckpoint | null;
  /** The updates between that checkpoint and the fold's start. */
  before: Uint8Array[];
  /** Each run's updates, in log order. */
  runs: Uint8Array[][];
  /** For each run: whether a checkpoint (the whole state) is written after it. */
  checkpointAfter: boolean[];
}

export interface FoldedRun {
  data: Uint8Array;
  stateHash: string;
  stats: ChangeStats;
  checkpoint: EncodedCheckpoint | null;
}

export interface FoldResult {
  runs: FoldedRun[];
  /** The section's plain text after the last run (for search). */
  text: string;
}

/** Computes what a fold writes; the caller writes it. */
export type FoldCompute = (job: FoldJob) => Promise<FoldResult>;

export function computeFold(job: FoldJob): FoldResult {
  const doc = new Y.Doc();
  try {
    if (job.checkpoint) applyCheckpoint(doc, job.checkpoint);
    doc.transact(() => {
      for (const u of job.before) Y.applyUpdate(doc, u);
    });
    let text = docToText(doc);
    const runs = job.runs.map((run, i): FoldedRun => {
      const textBefore = text;
      doc.transact(() => {
        for (const u of run) Y.applyUpdate(doc, u);
      });
      text = docToText(doc);
      return {
        data: mergeInChunks(run),
        stateHash: contentHash(doc),
        stats: compareTexts(textBefore, text),
        checkpoint: job.checkpointAfter[i] ? encodeCheckpoint(doc) : null,
      };
    });
    return { runs, text };
  } finally {
    doc.destroy();
  }
}

/** Computes in the calling thread (the CLI and tests; the server uses the fold worker). */
export const computeFoldHere: FoldCompute = async (job) => computeFold(job);
