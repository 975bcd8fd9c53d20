// `margin verify` on the bench ledger (bench/verify-ledger.ts: 100,000 entries in
// a realistic mix), timed from the database and over HTTP, against the baseline
// of merely reading the entries. The two are measured in turn within each run,
// so a busy machine weighs on both alike; the table gives medians of the runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readEnv } from "../server/env.js";
import { startServer } from "../server/index.js";
import { databaseSource, httpSource } from "../server/ledger/sources.js";
import { verifyLedger } from "../server/ledger/verify.js";
import { fmt, heading, median, row, summarise } from "./lib.js";
import { LEDGER_ENTRIES, openVerifyLedger } from "./verify-ledger.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Skips the HTTP runs (profiling the database path alone). */
const LOCAL_ONLY = process.env.BENCH_LOCAL_ONLY === "1";
/** A ledger file to keep between runs (written on the first); by default a fresh one in a temporary directory. */
const KEPT_DB = process.env.BENCH_VERIFY_DB;

async function main() {
  const dir = KEPT_DB ? null : mkdtempSync(join(tmpdir(), "margin-bench-"));
  const { db, url, summary, buildMs } = await openVerifyLedger(KEPT_DB ?? join(dir!, "verify.sqlite"));

  const readOnly: number[] = [];
  const local: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    let n = 0;
    for await (const page of databaseSource(db).entries("public")) n += page.length;
    if (n !== LEDGER_ENTRIES) throw new Error(`read ${n} entries, expected ${LEDGER_ENTRIES}`);
    readOnly.push(performance.now() - t0);
    // As `margin verify` opens it: with the URL, so the replay can move to a worker thread.
    const report = await verifyLedger(databaseSource(db, { databaseUrl: url }));
    if (!report.ok) throw new Error(`verify failed: ${report.problem}`);
    local.push(report.ms);
  }
  await db.close();

  const remote: number[] = [];
  if (!LOCAL_ONLY) {
    const server = await startServer({ ...readEnv({ DATABASE_URL: url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "error", NODE_ENV: "production" }) }, { mode: "production", migrate: false, seedDemo: false });
    try {
      for (let r = 0; r < RUNS; r++) {
        const report = await verifyLedger(httpSource(server.url));
        if (!report.ok) throw new Error(`verify --url failed: ${report.problem}`);
        remote.push(report.ms);
      }
    } finally {
      await server.stop();
    }
  }

  heading(`margin verify on ${summary} (median of ${RUNS} runs)`);
  row(["what", "median ms", "× reading"]);
  row(["reading the entries only (baseline)", fmt(median(readOnly), 0), "1.00×"]);
  row(["verify from the database", fmt(median(local), 0), `${fmt(median(local) / median(readOnly), 2)}×`]);
  row(["verify --url (HTTP, same machine)", LOCAL_ONLY ? "skipped" : fmt(median(remote), 0), LOCAL_ONLY ? "" : `${fmt(median(remote) / median(readOnly), 2)}×`]);
  const ratio = median(local) / median(readOnly);
  summarise({
    figure: `margin verify, ${LEDGER_ENTRIES.toLocaleString("en")} entries`,
    baseline: `${fmt(median(readOnly), 0)} ms (reading them)`,
    margin: `${fmt(median(local), 0)} ms`,
    ratio: `${fmt(ratio, 2)}×`,
    target: "≤ 2×",
    met: ratio <= 2,
  });
  process.stdout.write(`(each run, ms: reading ${readOnly.map((m) => fmt(m, 0)).join(", ")}; database ${local.map((m) => fmt(m, 0)).join(", ")}${LOCAL_ONLY ? "" : `; HTTP ${remote.map((m) => fmt(m, 0)).join(", ")}`})\n`);
  if (buildMs !== null) process.stdout.write(`(writing the ledger took ${fmt(buildMs / 1000)} s)\n`);
  if (dir) rmSync(dir, { recursive: true, force: true });
}

await main();
