// A reconnect storm: N stock y-websocket clients open one section at the same
// moment (as after a restart or a network blip), timed until every one has
// synced, on Margin and on the bare relay in the same run. The clients come from
// several child processes (bench/ws-clients.ts); signed-in clients carry presence.
import { waitFor } from "../tests/helpers/collab.js";
import { fmt, heading, row, summarise } from "./lib.js";
import { startMargin, startRelay } from "./servers.js";
import { split, startClientPool, type ClientPool } from "./ws-clients.js";

const COUNTS = (process.env.BENCH_COUNTS ?? "1000,2500,5000,10000").split(",").map(Number);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
/** Signed in (with presence) or not signed in (no presence), as readers of a public section are. */
const SIGNED_IN = (process.env.BENCH_SIGNED_IN ?? "1") === "1";
/** Of the signed-in clients, one in this many is a drafter's (a writer's), the rest readers'. */
const WRITER_EVERY = Number(process.env.BENCH_WRITER_EVERY ?? 100);
/** A storm still short of synced after this long is reported as not synced ("n/a"), and the run goes on. */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 120_000);
/** Margin alone (no relay runs), e.g. while profiling it with BENCH_SERVER_NODE_OPTIONS="--import ./profiler.mjs". */
const MARGIN_ONLY = process.env.BENCH_MARGIN_ONLY === "1";
/** Issue 20: 10,000 clients synced within this long… */
const TARGET_SECONDS = 30;
const TARGET_COUNT = 10_000;
/** …and linear growth: per client, the largest storm costs at most this many times the smallest. */
const LINEAR_SLACK = 1.5;

/**
 * Seconds from "go" until the last of `count` clients synced (NaN if they had not
 * within TIMEOUT_MS), then waits until the server has let them all go.
 */
async function storm(pool: ClientPool, base: string, docName: string, count: number, cookies: string[], connections: () => Promise<number>): Promise<number> {
  const start = Date.now();
  const done = pool.open(split(count, WORKERS).map((n) => ({ base, docNames: [docName], count: n, cookies })));
  const last = await Promise.race([done, new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), TIMEOUT_MS).unref())]);
  await pool.close();
  // An overloaded server may not answer at first (the relay at 10,000 refused the count for seconds): asked again.
  await waitFor(async () => (await connections().catch(() => -1)) === 0, 180_000, "the server to see every socket close");
  return (last - start) / 1000;
}

async function main() {
  const margin = await startMargin(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS, PROF_MS: process.env.PROF_MS ?? "" } : {});
  const relay = await startRelay();
  const pool = await startClientPool(WORKERS);
  const people = SIGNED_IN ? await margin.cookies() : null;
  // Round robin over this list: one writer's cookie, then readers' for the rest of WRITER_EVERY.
  const cookies = people ? Array.from({ length: WRITER_EVERY }, (_, i) => (i === 0 ? people.writers[0]! : people.readers[i % people.readers.length]!)) : [];
  const section = margin.sections[0]!;
  const results: { count: number; relay: number; margin: number }[] = [];
  try {
    for (const count of COUNTS) {
      const relaySeconds = MARGIN_ONLY ? Number.NaN : await storm(pool, relay.url, "bench-room", count, [], relay.connections);
      process.stderr.write(`${count}: relay ${fmt(relaySeconds, 2)} s\n`);
      const marginSeconds = await storm(pool, margin.server.url, section, count, cookies, margin.connections);
      results.push({ count, relay: relaySeconds, margin: marginSeconds });
      process.stderr.write(`${count}: relay ${fmt(relaySeconds, 2)} s, Margin ${fmt(marginSeconds, 2)} s\n`);
    }
  } finally {
    pool.stop();
    relay.stop();
    await margin.stop();
  }

  heading(`Reconnect storm: N clients open one section at once, ${SIGNED_IN ? `signed in (1 in ${WRITER_EVERY} a writer; presence)` : "not signed in"}, from ${WORKERS} client processes`);
  row(["clients", "relay s", "Margin s", "Margin / relay", "Margin ms per 1,000"]);
  for (const r of results) row([r.count, fmt(r.relay, 2), fmt(r.margin, 2), `${fmt(r.margin / r.relay, 2)}×`, fmt((r.margin * 1e6) / r.count, 0)]);
  const largest = results.at(-1)!;
  const perClient = (r: (typeof results)[number]) => r.margin / r.count;
  const growth = perClient(largest) / perClient(results[0]!);
  summarise({
    figure: `Reconnect storm, ${largest.count.toLocaleString("en")} clients at once (per client, ${fmt(growth, 2)}× the ${results[0]!.count.toLocaleString("en")}-client storm)`,
    baseline: `${fmt(largest.relay, 2)} s (bare relay)`,
    margin: `${fmt(largest.margin, 2)} s`,
    ratio: `${fmt(largest.margin / largest.relay, 2)}×`,
    target: `${TARGET_COUNT.toLocaleString("en")} in < ${TARGET_SECONDS} s, linear`,
    // NaN (not all synced in time) compares false.
    met: largest.count >= TARGET_COUNT && largest.margin < TARGET_SECONDS && growth <= LINEAR_SLACK,
  });
}

await main();
process.exit(0);
