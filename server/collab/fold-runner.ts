// Runs folds' CPU work in one long-lived worker thread, so replaying a large
// section, diffing its text and hashing it never stalls the event loop that
// relays keystrokes (ADR 045).
import { Worker } from "node:worker_threads";
import type { Logger } from "../logger.js";
import { workerEntry } from "../worker-entry.js";
import { computeFold, type FoldCompute, type FoldJob, type FoldResult } from "./fold-compute.js";
import type { FoldReply } from "./fold-worker.js";

export interface FoldRunner {
  compute: FoldCompute;
  close(): Promise<void>;
}

interface Waiting {
  resolve: (r: FoldResult) => void;
  reject: (e: unknown) => void;
}

/**
 * The worker starts at the first fold and is started again after it fails;
 * a fold it was computing is rejected (and retried by the next edit's fold).
 * Folds of small sections (under `minBytes` of input) compute here: a few
 * milliseconds, less than posting them; so do all folds without the worker's
 * file (a bundle that left it out).
 */
export function createFoldRunner(logger: Logger, minBytes: number): FoldRunner {
  const entry = workerEntry(import.meta.url, "./fold-worker");
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  function failAll(e: unknown): void {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  }

  function start(source: NonNullable<typeof entry>): Worker {
    const w = new Worker(source.source, { eval: source.eval, stdout: false, stderr: false });
    // The server's sockets and timers keep the process alive; the worker alone must not (the CLI, tests).
    w.unref();
    w.on("message", (reply: FoldReply) => {
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (waiting.size === 0) w.unref();
      if (!pending) return;
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new Error(`fold failed in its worker: ${reply.error}`));
    });
    w.on("error", (e) => {
      logger.error("fold worker failed", { error: e });
      failAll(e);
    });
    w.on("exit", (code) => {
      if (worker === w) worker = null;
      if (waiting.size > 0) failAll(new Error(`the fold worker exited (${code}) before answering`));
    });
    return w;
  }

  return {
    compute(job: FoldJob): Promise<FoldResult> {
      if (!entry || jobBytes(job) < minBytes) return Promise.resolve().then(() => computeFold(job));
      worker ??= start(entry);
      const w = worker;
      const id = nextId++;
      return new Promise<FoldResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // Held while a fold is owed, so the process waits for it (a server shutting down drains folds).
        w.ref();
        w.postMessage({ id, job });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

function jobBytes(job: FoldJob): number {
  let n = job.checkpoint?.data.length ?? 0;
  for (const u of job.before) n += u.length;
  for (const run of job.runs) for (const u of run) n += u.length;
  return n;
}
