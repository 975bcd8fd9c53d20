import { Worker } from "node:worker_threads";
import * as Y from "yjs";
import { IncrementalContentHash, contentHash, docToText } from "../collab/content.js";
import { unsupportedContent } from "../collab/schema-guard.js";
import { sha256Hex } from "./chain.js";
import { workerEntry } from "../worker-entry.js";
import type { LedgerSource, SourceAddress } from "./wire.js";

/**
 * What replaying a section's stored history derives, for `margin verify` to judge
 * against the ledger: the hash of every state the change sets lead to and of every
 * update, read off the stored rows. Deriving needs no ledger entry, so it can run in
 * a worker thread while the main thread walks the chains (ADR 042); judging stays
 * in verify.ts.
 */

export interface ReplayedChangeSet {
  id: string;
  seqFrom: number;
  seqTo: number;
  /** The state hash stored with the change set; the replay reached it unless `failure` names this one. */
  stateHash: string;
  /** SHA-256 of the stored update. */
  updateHash: string;
}

export interface SectionReplay {
  sectionId: string;
  /** The content hash of the state the public history starts from. */
  baseline: { seq: number; hash: string } | null;
  /** The stored change sets in order, up to and including the first that failed. */
  changeSets: ReplayedChangeSet[];
  /** The change set (index into changeSets) that could not be applied, or whose replayed state is not its stored hash. */
  failure: { index: number; reason: "apply" | "state" } | null;
  /** Content the editor cannot show, in the replayed state. */
  unsupported: string[];
  /** The current text, when the source gives it: how far it is past the history, and whether the replay reads the same. */
  current: { ahead: number; matches: boolean } | null;
  /** The replayed text at each update asked for (null when no change set ends there). */
  texts: [number, string | null][];
}

/** Replays one section from its stored history, keeping the text at the updates in `wantedTexts`. */
export function replayHistory(sectionId: string, history: Awaited<ReturnType<LedgerSource["sectionHistory"]>>, wantedTexts: ReadonlySet<number>): SectionReplay {
  const out: SectionReplay = { sectionId, baseline: null, changeSets: [], failure: null, unsupported: [], current: null, texts: [] };
  const doc = new Y.Doc();
  const hasher = new IncrementalContentHash(doc);
  const keepText = (seq: number) => {
    if (wantedTexts.has(seq)) out.texts.push([seq, docToText(doc)]);
  };
  try {
    keepText(0);
    if (history.baseline) {
      Y.applyUpdate(doc, history.baseline.update);
      out.baseline = { seq: history.baseline.seq, hash: contentHash(doc) };
      keepText(history.baseline.seq);
    }
    for (const cs of history.changeSets) {
      out.changeSets.push({ id: cs.id, seqFrom: cs.seqFrom, seqTo: cs.seqTo, stateHash: cs.stateHash, updateHash: sha256Hex(cs.data) });
      try {
        Y.applyUpdate(doc, cs.data);
      } catch {
        out.failure = { index: out.changeSets.length - 1, reason: "apply" };
        return out;
      }
      if (hasher.hash() !== cs.stateHash) {
        out.failure = { index: out.changeSets.length - 1, reason: "state" };
        return out;
      }
      keepText(cs.seqTo);
    }
    out.unsupported = unsupportedContent(doc);
    const cur = history.current;
    if (cur) {
      const last = history.changeSets[history.changeSets.length - 1];
      const ahead = cur.seq - (last?.seqTo ?? history.baseline?.seq ?? 0);
      out.current = { ahead: Math.max(0, ahead), matches: ahead > 0 || (cur.contentHash === contentHash(doc) && cur.text === docToText(doc)) };
    }
    return out;
  } finally {
    doc.destroy();
  }
}

/**
 * Replays sections for verify, in the order they are added. Results are asked for
 * in that order; texts are wanted once, after the chain walk, before any result.
 */
export interface Replayer {
  add(sectionId: string): void;
  wantTexts(wanted: ReadonlyMap<string, ReadonlySet<number>>): void;
  result(sectionId: string): Promise<SectionReplay>;
  /** The replayed text at a wanted update, or undefined when the replay did not pass through it. */
  textAt(sectionId: string, seq: number): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * In this thread: each section is replayed when its result (or a text of it) is first asked for, the
 * next one's history read meanwhile. A text asked for before the section's result waits for its
 * replay, as the worker's does: the record checks ask while verify is still judging other sections.
 */
export function inThreadReplayer(source: Pick<LedgerSource, "sectionHistory">): Replayer {
  const order: string[] = [];
  const added = new Set<string>();
  const histories = new Map<string, ReturnType<LedgerSource["sectionHistory"]>>();
  const replays = new Map<string, Promise<SectionReplay>>();
  let wanted: ReadonlyMap<string, ReadonlySet<number>> = new Map();
  const fetch = (sectionId: string | undefined) => {
    if (sectionId === undefined || histories.has(sectionId) || replays.has(sectionId)) return;
    const p = source.sectionHistory(sectionId);
    p.catch(() => undefined);
    histories.set(sectionId, p);
  };
  const replayOf = (sectionId: string): Promise<SectionReplay> => {
    let replay = replays.get(sectionId);
    if (!replay) {
      fetch(sectionId);
      const history = histories.get(sectionId)!;
      replay = history.then((h) => {
        histories.delete(sectionId);
        fetch(order[order.indexOf(sectionId) + 1]);
        return replayHistory(sectionId, h, wanted.get(sectionId) ?? new Set());
      });
      replays.set(sectionId, replay);
    }
    return replay;
  };
  return {
    add: (sectionId) => {
      order.push(sectionId);
      added.add(sectionId);
    },
    wantTexts(w) {
      wanted = w;
    },
    result: replayOf,
    async textAt(sectionId, seq) {
      if (!added.has(sectionId)) return undefined;
      // A failed replay is verify's to report, from its result; here it only leaves the text unknown.
      const replay = await replayOf(sectionId).catch(() => null);
      return replay?.texts.find(([s]) => s === seq)?.[1] ?? undefined;
    },
    close: async () => undefined,
  };
}

export type ReplayRequest = { type: "add"; sectionId: string } | { type: "texts"; wanted: [string, number[]][] };

/** What the replay worker answers: each section's replay, texts replayed again for a section done before they were wanted, or why it stopped. */
export type ReplayReply =
  | { type: "replay"; replay: SectionReplay; textsKnown: boolean }
  | { type: "texts"; sectionId: string; texts: [number, string | null][] }
  | { type: "error"; message: string; http: boolean };

interface Pending<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(e: unknown): void;
}

function pending<T>(): Pending<T> {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * In a worker thread that opens the source again at `address` and replays each
 * section as soon as it is added, while this thread walks the chains and runs the
 * record checks. `failure` turns the worker's error into the one this thread would
 * have thrown (an unreachable server stays an HttpError).
 */
export function workerReplayer(address: SourceAddress, failure: (message: string, http: boolean) => Error): Replayer {
  const entry = workerEntry(import.meta.url, "./replay-worker");
  if (!entry) throw new Error("the replay worker's file is missing next to replay.ts");
  const worker = new Worker(entry.source, { eval: entry.eval, workerData: address, stdout: false, stderr: false });
  const results = new Map<string, Pending<SectionReplay>>();
  const texts = new Map<string, Pending<Map<number, string | null>>>();
  const slot = <T>(map: Map<string, Pending<T>>, key: string) => {
    let p = map.get(key);
    if (!p) map.set(key, (p = pending<T>()));
    return p;
  };
  let stopped: Error | null = null;
  const stop = (e: Error) => {
    if (stopped) return;
    stopped = e;
    for (const p of [...results.values(), ...texts.values()]) p.reject(e);
  };
  worker.on("message", (reply: ReplayReply) => {
    if (reply.type === "replay") {
      slot(results, reply.replay.sectionId).resolve(reply.replay);
      if (reply.textsKnown) slot(texts, reply.replay.sectionId).resolve(new Map(reply.replay.texts));
    } else if (reply.type === "texts") slot(texts, reply.sectionId).resolve(new Map(reply.texts));
    else stop(failure(reply.message, reply.http));
  });
  worker.on("error", (e) => stop(e));
  worker.on("exit", (code) => stop(new Error(`the replay worker exited (code ${code}) before it answered`)));
  const post = (request: ReplayRequest) => worker.postMessage(request);
  let wanted: ReadonlyMap<string, ReadonlySet<number>> = new Map();
  const added = new Set<string>();
  return {
    add(sectionId) {
      if (added.has(sectionId)) return;
      added.add(sectionId);
      post({ type: "add", sectionId });
    },
    wantTexts(w) {
      wanted = w;
      post({ type: "texts", wanted: [...w].map(([sectionId, seqs]) => [sectionId, [...seqs]]) });
    },
    result(sectionId) {
      this.add(sectionId);
      const p = slot(results, sectionId);
      if (stopped) p.reject(stopped);
      return p.promise;
    },
    async textAt(sectionId, seq) {
      if (!added.has(sectionId) || !wanted.get(sectionId)?.has(seq)) return undefined;
      const p = slot(texts, sectionId);
      if (stopped) p.reject(stopped);
      return (await p.promise).get(seq) ?? undefined;
    },
    async close() {
      stop(new Error("verify is done with the replay worker"));
      await worker.terminate();
    },
  };
}
