// The clients side of the propagation benchmarks (bench/propagation.ts, bench/cluster.ts):
// one round of typists and readers, each group in its own process (bench/propagation-client.ts).
import { fork, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { ROOT } from "../tests/helpers/server.js";
import { waitFor } from "../tests/helpers/collab.js";
import { now, type ClientRole, type FromClient, type ToClient } from "./propagation-client.js";

export interface RoundSpec {
  /** The node the typists write to. */
  typistBase: string;
  /** One entry per reader: the node it reads from. */
  readerBases: string[];
  docName: string;
  /** Signs the typists in (Margin); the bare relay needs none. */
  cookie?: string;
  typists: number;
  keysPerSecond: number;
  seconds: number;
  /** Keystrokes sent in the first seconds warm up JIT and buffers and are not counted. */
  warmupSeconds: number;
  readerProcesses: number;
  /** Makes the typists' client ids and words differ from round to round. */
  round: number;
  /** Each typist pauses this long after a burst (longer than a change set's idle close, so change sets close while others type). */
  pauseMs: number;
}

export interface RoundResult {
  /** Latencies (ms, sorted) by the readers' node. */
  byBase: Map<string, number[]>;
  /** Keystrokes counted (after the warm-up). */
  keys: number;
}

const CLIENT = resolve(ROOT, "bench/propagation-client.ts");
/** Longer than a client's own budget, so that a client's failure, which says more, arrives first. */
const STEP_BUDGET_MS = Number(process.env.BENCH_SYNC_BUDGET_MS ?? 120_000) + 10_000;

export class BenchClient {
  readonly messages: FromClient[] = [];
  private failure: string | null = null;
  private readonly child: ChildProcess;
  constructor(role: ClientRole) {
    this.child = fork(CLIENT, [JSON.stringify(role)], { cwd: ROOT, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (m) => {
      const message = m as FromClient;
      if (message.type === "error") this.failure = message.message;
      else this.messages.push(message);
    });
    // "close" comes after the IPC channel has delivered everything, so a client that
    // ends without the message awaited fails the round at once rather than at the budget.
    this.child.on("close", (code, signal) => {
      this.failure ??= `exited (${signal ?? `code ${code}`}) before sending what the round waits for`;
    });
  }
  send(m: ToClient): void {
    this.child.send(m);
  }
  async take<T extends FromClient["type"]>(type: T): Promise<Extract<FromClient, { type: T }>> {
    await waitFor(() => {
      if (this.messages.some((m) => m.type === type)) return true;
      if (this.failure) throw new Error(`a benchmark client failed: ${this.failure}`);
      return false;
    }, STEP_BUDGET_MS, `a client's "${type}"`);
    const i = this.messages.findIndex((m) => m.type === type);
    return this.messages.splice(i, 1)[0] as Extract<FromClient, { type: T }>;
  }
  kill(): void {
    this.child.kill();
  }
}

/** One measured round: readers connect and sync, then the typists type for `seconds`; every keystroke's arrival at every reader is timed. */
export async function propagationRound(spec: RoundSpec): Promise<RoundResult> {
  const typistIds = Array.from({ length: spec.typists }, (_, k) => 1_000_000 + spec.round * 100 + k);
  const groups = Array.from({ length: spec.readerProcesses }, (_, g) => spec.readerBases.filter((_, i) => i % spec.readerProcesses === g));
  const readers = groups.map((bases) => new BenchClient({ role: "readers", bases, docName: spec.docName, typistIds }));
  const typists = typistIds.map(
    (clientId, k) =>
      new BenchClient({ role: "typist", base: spec.typistBase, docName: spec.docName, cookie: spec.cookie, clientId, keysPerSecond: spec.keysPerSecond, seed: spec.round * 7919 + k + 1, burstKeys: [40, 120], pauseMs: spec.pauseMs }),
  );
  try {
    for (const c of [...readers, ...typists]) await c.take("ready");
    const goAt = now();
    const countFrom = goAt + spec.warmupSeconds * 1000;
    for (const t of typists) t.send({ type: "go", untilMs: countFrom + spec.seconds * 1000 });
    const sent = await Promise.all(typists.map((t) => t.take("sent")));
    const finals: Record<number, number> = {};
    const sentAt = new Map<number, Map<number, number>>();
    for (const s of sent) {
      finals[s.clientId] = s.final;
      sentAt.set(s.clientId, new Map(s.keys.filter(([, at]) => at >= countFrom)));
    }
    for (const r of readers) r.send({ type: "drain", finals });
    const received = await Promise.all(readers.map((r) => r.take("received")));
    for (const t of typists) t.send({ type: "drain", finals });
    const byBase = new Map<string, number[]>(spec.readerBases.map((b) => [b, []]));
    received.forEach(({ perReader }, g) => {
      perReader.forEach((arrivals, i) => {
        const list = byBase.get(groups[g]![i]!)!;
        for (const [id, clock, at] of arrivals) {
          const t = sentAt.get(id)?.get(clock);
          if (t !== undefined) list.push(at - t);
        }
      });
    });
    for (const [base, list] of byBase) {
      // Nothing arriving means the server refused the typists (signed out, or their updates refused): a failed run, not a figure.
      if (list.length === 0) throw new Error(`no keystroke reached the readers on ${base}: the typists' updates were refused or lost`);
      list.sort((a, b) => a - b);
    }
    return { byBase, keys: [...sentAt.values()].reduce((n, m) => n + m.size, 0) };
  } finally {
    for (const c of [...readers, ...typists]) c.kill();
  }
}

/** All of a round's latencies, sorted. */
export const allLatencies = (r: RoundResult): number[] => [...r.byBase.values()].flat().sort((a, b) => a - b);
