/** Shared helpers for the benchmarks: percentiles and aligned output. */
import { spawnSync } from "node:child_process";
import { appendFileSync, closeSync, fdatasyncSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}

export function row(cells: (string | number)[]): void {
  // A cell wider than its column still gets one space after it, so headings never run together.
  process.stdout.write(`${cells.map((c, i) => `${String(c).padEnd(i === 0 ? 43 : 13)} `).join("").trimEnd()}\n`);
}

export function heading(title: string): void {
  process.stdout.write(`\n## ${title}\n`);
}

export interface Summary {
  figure: string;
  baseline: string;
  margin: string;
  /** Margin against the baseline, as printed (e.g. "1.08×"). */
  ratio: string;
  target: string;
  met: boolean;
}

/** Hands one figure to `npm run bench`'s closing table (bench/all.ts collects them through BENCH_SUMMARY_FILE). */
export function summarise(s: Summary): void {
  const file = process.env.BENCH_SUMMARY_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(s)}\n`);
}

/**
 * What one durable commit costs on this disk at least: appending a small record to
 * a file in `dir` and waiting for fdatasync (as SQLite's WAL commit does), `times`
 * times. Milliseconds, sorted.
 */
export function syncLatencies(dir: string, times = 200): number[] {
  const path = join(dir, "sync-probe");
  const fd = openSync(path, "a");
  const record = Buffer.alloc(200, 120);
  const out: number[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      writeSync(fd, record);
      fdatasyncSync(fd);
      out.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return out.sort((a, b) => a - b);
}

/** Whether `taskset` is here to pin processes to cores (servers on core 0, clients on core 1). */
export const CAN_PIN = spawnSync("taskset", ["-V"]).status === 0;

/**
 * Pins a running process to one core, every thread of it (V8's collector threads and
 * libuv's pool included, which pinning the main thread alone leaves free to run beside
 * the clients). Does nothing without taskset.
 */
export function pin(pid: number, core: number): void {
  if (CAN_PIN) spawnSync("taskset", ["-a", "-cp", String(core), String(pid)]);
}

/** For a heading: where things ran, when they were pinned. */
export const pinnedNote = (where: string): string => (CAN_PIN ? ` (${where})` : "");
