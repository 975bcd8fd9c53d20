// Memory of the server with N idle, synced WebSocket connections (stock provider,
// spread over the demo's sections; 10,000 by default), against the same server
// idle, and the bare relay holding the same sockets in the same run. The clients
// come from several child processes (bench/ws-clients.ts), so 10,000 of them sync.
// They publish no presence: the relay would tell every client of every other's
// (N², minutes at 10,000; bench/reconnect-storm.ts is about that), and this
// measures sockets at rest.
import { readFileSync } from "node:fs";
import { waitFor } from "../tests/helpers/collab.js";
import { fmt, heading, row, summarise } from "./lib.js";
import { startMargin, startRelay } from "./servers.js";
import { split, startClientPool, type ClientPool } from "./ws-clients.js";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
/** Clients open in waves of this many per worker, so that the figure is memory at rest, not a storm's (bench/reconnect-storm.ts). */
const WAVE = Number(process.env.BENCH_WAVE ?? 500);
/** Issue 20: every client synced (each wave waits for it) with the server under this RSS. */
const TARGET_RSS_MIB = 500;

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

interface Measure {
  before: number;
  during: number;
  /** Sockets open when `during` was read. */
  open: number;
}

/** Opens CONNECTIONS clients over `docNames` in waves, and notes the server's RSS before and once all have synced. */
async function measure(pool: ClientPool, pid: number, base: string, docNames: string[], connections: () => Promise<number>): Promise<Measure> {
  const before = rssMiB(pid);
  const shares = split(CONNECTIONS, WORKERS);
  for (let opened = 0; opened < Math.max(...shares); opened += WAVE) {
    await pool.open(shares.map((n) => ({ base, docNames, count: Math.max(0, Math.min(WAVE, n - opened)), cookies: [], presence: false })));
  }
  // Not all of them, always: a stock client that hears nothing for 30 s reconnects (no presence, no edits here).
  const open = await connections();
  const during = rssMiB(pid);
  await pool.close();
  await waitFor(async () => (await connections()) === 0, 120_000, "the server to see every socket close");
  return { before, during, open };
}

async function main() {
  const margin = await startMargin();
  const relay = await startRelay();
  const pool = await startClientPool(WORKERS);
  let relayRss: Measure;
  let ours: Measure;
  let docsAfter: number;
  try {
    // Warm Margin up (routes, documents) so that "before" is a server in use, not a cold one.
    for (const id of margin.sections) await fetch(`${margin.server.url}/api/v1/sections/${id}`);
    relayRss = await measure(pool, relay.pid, relay.url, margin.sections, relay.connections);
    ours = await measure(pool, margin.server.process.pid!, margin.server.url, margin.sections, margin.connections);
    docsAfter = (await (await fetch(`${margin.server.url}/healthz`)).json()).collab.docs;
  } finally {
    pool.stop();
    relay.stop();
    await margin.stop();
  }

  const perConn = (m: Measure) => ((m.during - m.before) * 1024) / m.open;
  heading(`Idle WebSocket connections: ${CONNECTIONS} synced clients over ${margin.sections.length} sections, from ${WORKERS} client processes`);
  row(["measure", "relay", "Margin", "Margin / relay"]);
  row(["server RSS before (warm, no sockets), MiB", fmt(relayRss.before), fmt(ours.before), `${fmt(ours.before / relayRss.before, 2)}×`]);
  row(["sockets open at that moment", relayRss.open, ours.open, ""]);
  row([`server RSS with ${CONNECTIONS} clients synced, MiB`, fmt(relayRss.during), fmt(ours.during), `${fmt(ours.during / relayRss.during, 2)}×`]);
  row(["per connection, KiB", fmt(perConn(relayRss)), fmt(perConn(ours)), `${fmt(perConn(ours) / perConn(relayRss), 2)}×`]);
  row(["documents loaded after all closed", "", docsAfter, ""]);
  summarise({
    figure: `Idle WebSockets, ${CONNECTIONS.toLocaleString("en")} synced`,
    baseline: `${fmt(relayRss.during)} MiB (bare relay)`,
    margin: `${fmt(ours.during)} MiB RSS`,
    ratio: `${fmt(ours.during / relayRss.during, 2)}×`,
    target: `< ${TARGET_RSS_MIB} MiB, all synced`,
    met: ours.during < TARGET_RSS_MIB,
  });
}

await main();
process.exit(0);
