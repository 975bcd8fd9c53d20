// `npm run bench`: every benchmark in turn, each in its own process, then one
// table of the figures issue 20 set targets for, each beside its baseline
// (the benchmarks hand them over through BENCH_SUMMARY_FILE; see lib.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../tests/helpers/server.js";
import { heading, type Summary } from "./lib.js";

/** Each run: the script and its environment. */
const RUNS: [string, Record<string, string>?, string[]?][] = [
  ["bench/persist.ts"],
  ["bench/cold-load.ts"],
  ["bench/cold-load.ts", { BENCH_TARGET_CHARS: "100000", BENCH_UPDATES: "150000" }],
  ["bench/cold-load.ts", { BENCH_UPDATES: "500000" }],
  ["bench/propagation.ts"],
  ["bench/idle.ts"],
  ["bench/reconnect-storm.ts"],
  ["bench/render.ts"],
  ["bench/verify.ts"],
  ["bench/schema-guard.ts"],
  ["bench/hostile-collab.ts"],
  ["bench/hostile-healthz.ts"],
  ["bench/cluster.ts"],
  ["bench/search.ts"],
  ["bench/mail.ts"],
  ["bench/reader-weight.ts"],
  ["bench/history-readability.ts"],
  ["bench/grouping.ts", {}, ["--n", "10000"]],
  ["bench/topics.ts", {}, ["--n", "10000"]],
  ["bench/group-response.ts", {}, ["--n", "1000"]],
  ["bench/section-scale.ts", {}, ["--n", "10000"]],
  ["bench/results.ts", {}, ["--n", "10000"]],
  ["bench/history-scale.ts"],
  ["bench/healthz-under-readers.ts"],
];

const only = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "margin-bench-summary-"));
const file = join(dir, "summary.jsonl");
writeFileSync(file, "");
const failed: string[] = [];
const started = Date.now();
for (const [script, env = {}, args = []] of RUNS) {
  if (only.length > 0 && !only.some((o) => script.includes(o))) continue;
  const label = [script, ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...args].join(" ");
  process.stdout.write(`\n# ${label} (load average ${loadavg()[0]!.toFixed(2)})\n`);
  const run = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env, BENCH_SUMMARY_FILE: file } });
  if (run.status !== 0) failed.push(label);
}

const figures = readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Summary);
rmSync(dir, { recursive: true, force: true });
heading(`Summary: the figures with targets (${Math.round((Date.now() - started) / 60_000)} min, 1-minute load average now ${loadavg()[0]!.toFixed(2)})`);
// A Markdown table: it reads in a terminal and pastes into the README.
const line = (cells: string[]) => process.stdout.write(`| ${cells.join(" | ")} |\n`);
line(["Figure", "Baseline", "Margin", "Ratio", "Target", "Met"]);
line(["---", "---", "---", "---", "---", "---"]);
for (const f of figures) line([f.figure, f.baseline, f.margin, f.ratio, f.target, f.met ? "yes" : "**no**"]);
if (failed.length > 0) {
  process.stdout.write(`\nThese benchmarks failed: ${failed.join("; ")}\n`);
  process.exitCode = 1;
}
