// Where `margin verify` spends its time: the bench ledger (bench/verify-ledger.ts)
// verified from the database under the V8 sampling profiler, self time summed per
// function and per file. Run with `node --import tsx bench/verify-profile.ts`;
// BENCH_VERIFY_DB keeps the ledger between runs, BENCH_ENTRIES makes it smaller.
import { Session, type Profiler } from "node:inspector";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { databaseSource } from "../server/ledger/sources.js";
import { verifyLedger } from "../server/ledger/verify.js";
import { fmt, heading } from "./lib.js";
import { openVerifyLedger } from "./verify-ledger.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 2);
/** Rows printed in each table. */
const TOP = Number(process.env.BENCH_TOP ?? 25);
/** Microseconds between samples (V8's default is 1000). */
const SAMPLING_US = 200;
const NAME_WIDTH = 90;
const KEPT_DB = process.env.BENCH_VERIFY_DB;

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))));
}

/** Self time in ms per key, from a profile's samples and their time deltas. */
function selfTimes(profile: Profiler.Profile, keyOf: (node: Profiler.ProfileNode) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  profile.samples!.forEach((id, i) => {
    const key = keyOf(byId.get(id)!);
    out.set(key, (out.get(key) ?? 0) + profile.timeDeltas![i]! / 1000);
  });
  return out;
}

/** Total time in ms per key: each sample counts once for every distinct key on its stack. */
function totalTimes(profile: Profiler.Profile, keyOf: (node: Profiler.ProfileNode) => string): Map<string, number> {
  const parent = new Map<number, Profiler.ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  profile.samples!.forEach((id, i) => {
    const seen = new Set<string>();
    for (let n: Profiler.ProfileNode | undefined = byId.get(id); n; n = parent.get(n.id)) seen.add(keyOf(n));
    for (const key of seen) out.set(key, (out.get(key) ?? 0) + profile.timeDeltas![i]! / 1000);
  });
  return out;
}

function printTop(title: string, times: Map<string, number>, total: number): void {
  heading(title);
  // Wider than lib's row(): a function's name and its file.
  const line = (cells: string[]) => process.stdout.write(`${cells[0]!.padEnd(NAME_WIDTH)}${cells.slice(1).map((c) => c.padStart(10)).join("")}\n`);
  line(["function or file", "ms", "share"]);
  for (const [key, ms] of [...times].sort((a, b) => b[1] - a[1]).slice(0, TOP)) line([key, fmt(ms, 0), `${fmt((100 * ms) / total)}%`]);
}

const where = (n: Profiler.ProfileNode) => {
  const url = n.callFrame.url.replace(/^file:\/\//, "");
  return url ? relative(process.cwd(), url) : "(native)";
};

async function main() {
  const dir = KEPT_DB ? null : mkdtempSync(join(tmpdir(), "margin-bench-"));
  const { db, summary } = await openVerifyLedger(KEPT_DB ?? join(dir!, "verify.sqlite"));
  // One run unprofiled first, so the profile is of warm code.
  await verifyLedger(databaseSource(db));
  const session = new Session();
  session.connect();
  await post(session, "Profiler.enable");
  await post(session, "Profiler.setSamplingInterval", { interval: SAMPLING_US });
  await post(session, "Profiler.start");
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const report = await verifyLedger(databaseSource(db));
    if (!report.ok) throw new Error(`verify failed: ${report.problem}`);
    ms.push(report.ms);
  }
  const { profile } = await post<{ profile: Profiler.Profile }>(session, "Profiler.stop");
  session.disconnect();
  await db.close();

  const total = profile.timeDeltas!.reduce((a, b) => a + b, 0) / 1000;
  process.stdout.write(`\nverify of ${summary}: ${ms.map((m) => fmt(m, 0)).join(", ")} ms; ${fmt(total, 0)} ms sampled\n`);
  // Line numbers are left out: under tsx they are the transpiled file's.
  const fn = (n: Profiler.ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${where(n)}`;
  printTop("self time by function", selfTimes(profile, fn), total);
  printTop("self time by file", selfTimes(profile, where), total);
  printTop("total time by function (itself and what it calls)", totalTimes(profile, fn), total);
  if (dir) rmSync(dir, { recursive: true, force: true });
}

await main();
