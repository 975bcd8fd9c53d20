// The fold worker's body: computes folds (fold-compute.ts) posted by the
// server's thread, one after another, and posts each result back. It never
// touches the database; the server's thread reads and writes.
import { parentPort } from "node:worker_threads";
import { computeFold, type FoldJob, type FoldResult } from "./fold-compute.js";

export interface FoldRequest {
  id: number;
  job: FoldJob;
}

export type FoldReply = { id: number; ok: true; result: FoldResult } | { id: number; ok: false; error: string };

parentPort!.on("message", ({ id, job }: FoldRequest) => {
  let reply: FoldReply;
  try {
    reply = { id, ok: true, result: computeFold(job) };
  } catch (e) {
    reply = { id, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  parentPort!.postMessage(reply);
});
