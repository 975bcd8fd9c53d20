// `/healthz` while 200 readers load section pages as fast as they can: what an orchestrator's
// probe sees during a read burst. Two servers on one demo database, measured in alternating
// phases (A/B/A/B): one with the load shedder's defaults (ADR 039), one whose line is
// effectively unbounded (the baseline: every request starts at once, as before the shedder).
// A reader answered 503 waits its Retry-After before the next page. The probe runs in a
// process of its own (bench/healthz-probe.ts), as an orchestrator's would.
//
//   npx tsx bench/healthz-under-readers.ts      (BENCH_READERS=200, BENCH_PHASE_SECONDS=8, BENCH_ROUNDS=2;
//   BENCH_SHED_MAX_IN_FLIGHT tries another SHED_MAX_IN_FLIGHT on the shedding server)
import { fork } from "node:child_process";
import { resolve } from "node:path";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { ROOT, startServer, type TestServer } from "../tests/helpers/server.js";
import type { ProbeResult, ProbeRun } from "./healthz-probe.js";
import { fmt, heading, percentile, pin, pinnedNote, row, summarise } from "./lib.js";

const READERS = Number(process.env.BENCH_READERS ?? 200);
const PHASE_MS = Number(process.env.BENCH_PHASE_SECONDS ?? 8) * 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SLUG = "ai-guideline";
const TARGET_P99_MS = 150;
const PROBE_INTERVAL_MS = 50;
// The servers on core 0; this process (the readers) and the probe it forks on core 1.
pin(process.pid, 1);

interface Tally {
  probes: number[];
  statuses: Map<number, number>;
  pages: number;
  failures: number;
}

/** The probe, forked (bench/healthz-probe.ts); resolves with what it measured. */
function runProbe(run: ProbeRun): Promise<ProbeResult> {
  const child = fork(resolve(ROOT, "bench/healthz-probe.ts"), [JSON.stringify(run)], { cwd: ROOT, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolveProbe, reject) => {
    let result: ProbeResult | null = null;
    child.on("message", (m) => (result = m as ProbeResult));
    child.on("close", (code) => (result ? resolveProbe(result) : reject(new Error(`the health probe exited (${code}) without its figures`))));
  });
}

async function phase(server: TestServer, pages: string[], tally: Tally): Promise<void> {
  const until = performance.now() + PHASE_MS;
  const reader = async (i: number) => {
    for (let n = i; performance.now() < until; n++) {
      try {
        const res = await fetch(server.url + pages[n % pages.length], { headers: { accept: "text/html" } });
        await res.arrayBuffer();
        tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) tally.pages++;
        if (res.status === 503) {
          // A reader told to come back later does, as a browser's reload or a polite client would.
          const after = Number(res.headers.get("retry-after"));
          if (!after) tally.failures++;
          await new Promise((r) => setTimeout(r, Math.min(Math.max(after, 0), 10) * 1000));
        }
      } catch {
        tally.failures++;
      }
    }
  };
  const [probe] = await Promise.all([runProbe({ url: `${server.url}/healthz`, ms: PHASE_MS, intervalMs: PROBE_INTERVAL_MS }), ...Array.from({ length: READERS }, (_, i) => reader(i))]);
  tally.probes.push(...probe.latencies);
  tally.failures += probe.failures;
}

async function main() {
  const tdb = await createTestDatabase("sqlite");
  const seeding = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_REQUESTS: "0", DEMO_JAPANESE: "0", LOG_LEVEL: "error" });
  await seeding.stop();
  const shedding = await startServer(tdb.url, { LOG_LEVEL: "error", ...(process.env.BENCH_SHED_MAX_IN_FLIGHT ? { SHED_MAX_IN_FLIGHT: process.env.BENCH_SHED_MAX_IN_FLIGHT } : {}) });
  const unbounded = await startServer(tdb.url, { LOG_LEVEL: "error", SHED_MAX_IN_FLIGHT: "1000000", SHED_MAX_QUEUED: "0" });
  for (const server of [shedding, unbounded]) pin(server.process.pid!, 0);
  try {
    const consultation = await (await fetch(`${shedding.url}/api/v1/consultations/${SLUG}`)).json();
    const pages = (consultation.sections as { id: string }[]).map((s) => `/c/${SLUG}/s/${s.id}`);
    const tallies = new Map<TestServer, Tally>([
      [unbounded, { probes: [], statuses: new Map(), pages: 0, failures: 0 }],
      [shedding, { probes: [], statuses: new Map(), pages: 0, failures: 0 }],
    ]);
    for (let r = 0; r < ROUNDS; r++) for (const server of [unbounded, shedding]) await phase(server, pages, tallies.get(server)!);
    heading(`/healthz while ${READERS} readers load section pages (${ROUNDS} × ${PHASE_MS / 1000} s each, alternating; SQLite)${pinnedNote("servers on core 0, readers and the probe's own process on core 1")}`);
    row(["server", "healthz p50", "p99", "max", "pages/s", "answers"]);
    for (const [server, t] of tallies) {
      const sorted = [...t.probes].sort((a, b) => a - b);
      const answers = [...t.statuses].map(([s, n]) => `${s}×${n}`).join(" ") + (t.failures ? `, ${t.failures} failures` : "");
      const name = server === shedding ? "load shedder (defaults)" : "unbounded (baseline)";
      row([name, `${fmt(percentile(sorted, 50))} ms`, `${fmt(percentile(sorted, 99))} ms`, `${fmt(sorted[sorted.length - 1] ?? Number.NaN)} ms`, fmt(t.pages / ((ROUNDS * PHASE_MS) / 1000), 0), answers]);
    }
    const p99 = (server: TestServer) => percentile([...tallies.get(server)!.probes].sort((a, b) => a - b), 99);
    // Shedding may answer only 200 or 503 (with Retry-After, counted apart from failures).
    const clean = tallies.get(shedding)!.failures === 0 && [...tallies.get(shedding)!.statuses.keys()].every((s) => s === 200 || s === 503);
    summarise({
      figure: `/healthz p99 while ${READERS} readers load section pages`,
      baseline: `${fmt(p99(unbounded))} ms (no shedding)`,
      margin: `${fmt(p99(shedding))} ms`,
      ratio: `${fmt(p99(shedding) / p99(unbounded), 2)}×`,
      target: `< ${TARGET_P99_MS} ms, only 503 + Retry-After`,
      met: p99(shedding) < TARGET_P99_MS && clean,
    });
  } finally {
    await shedding.stop();
    await unbounded.stop();
    await tdb.drop();
  }
}

await main();
