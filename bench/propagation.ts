// Edit propagation as people type: three typists (each its own process) type text in
// bursts into one section while 50 readers (in their own processes) watch; every
// keystroke's arrival at every reader is timed. Margin (auth, schema check, durable
// group commit before fan-out, change sets closing and folding into the ledger while
// others type) against a bare in-memory y-websocket relay, both running for the whole
// run and measured in alternating rounds (relay, Margin, relay, Margin, …); the figure
// is the median of each pair's ratio.
import { dirname } from "node:path";
import { createDb } from "../db/client.js";
import { DEFAULT_COLLAB_LIMITS } from "../server/collab/limits.js";
import { Browser } from "../tests/helpers/client.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startServer } from "../tests/helpers/server.js";
import { CAN_PIN, fmt, heading, median, percentile, pin, pinnedNote, row, summarise, syncLatencies } from "./lib.js";
import { allLatencies, propagationRound, type RoundSpec } from "./propagation-clients.js";
import { startRelay } from "./servers.js";

const READERS = Number(process.env.BENCH_CLIENTS ?? 50);
const TYPISTS = Number(process.env.BENCH_TYPISTS ?? 3);
const KEYS_PER_SECOND = Number(process.env.BENCH_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const READER_PROCESSES = Number(process.env.BENCH_READER_PROCESSES ?? 2);
/** Longer than a change set's idle close (3 s by default), so change sets close and fold during the measurement. */
const PAUSE_MS = DEFAULT_COLLAB_LIMITS.changeSetIdleMs + 500;
const TARGET_P99_RATIO = 1.1;
// The clients run on core 1 (this process and the processes it forks); each server is pinned to core 0.
pin(process.pid, 1);

async function main() {
  const relay = await startRelay(CAN_PIN ? 0 : undefined);
  process.on("exit", () => relay.stop());
  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: "bench-password", LOG_LEVEL: "error", COLLAB_MESSAGES_PER_SECOND: "1000", COLLAB_MAX_CONNECTIONS_PER_IP: "100000" });
  pin(server.process.pid!, 0);
  const owner = new Browser(server.url);
  await owner.signIn("owner@example.org", "bench-password");
  const cookie = `margin_session=${owner.cookie("margin_session")}`;
  const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
  const sectionId = c.sections[0].id as string;
  const db = createDb(tdb.url);
  const changeSets = async () => Number((await db.kysely.selectFrom("change_set").select((eb) => eb.fn.countAll().as("n")).where("section_id", "=", sectionId).executeTakeFirstOrThrow()).n);
  const before = await changeSets();

  const spec = (base: string, docName: string, round: number, withCookie: boolean): RoundSpec => ({
    typistBase: base,
    readerBases: Array(READERS).fill(base),
    docName,
    ...(withCookie ? { cookie } : {}),
    typists: TYPISTS,
    keysPerSecond: KEYS_PER_SECOND,
    seconds: SECONDS,
    warmupSeconds: 2,
    readerProcesses: READER_PROCESSES,
    round,
    pauseMs: PAUSE_MS,
  });
  const pairs: { relay: number[]; margin: number[]; keys: number; commits: { p50Ms: number; p99Ms: number } }[] = [];
  // The server's own account of its durable commits (its latest 1,024, all from Margin rounds): the disk under load.
  const commits = async () => (await (await fetch(`${server.url}/healthz`)).json()).collab.commits as { p50Ms: number; p99Ms: number };
  for (let p = 0; p < PAIRS; p++) {
    const r = allLatencies(await propagationRound(spec(relay.url, "bench-room", 2 * p, false)));
    const m = await propagationRound(spec(server.url, sectionId, 2 * p + 1, true));
    pairs.push({ relay: r, margin: allLatencies(m), keys: m.keys, commits: await commits() });
    process.stdout.write(`pair ${p + 1}/${PAIRS}: relay p99 ${fmt(percentile(r, 99))} ms, Margin p99 ${fmt(percentile(pairs[p]!.margin, 99))} ms\n`);
  }
  const folded = (await changeSets()) - before;
  // The disk's part of Margin's extra latency: a durable write on the disk its database is on.
  const syncs = syncLatencies(dirname(tdb.url.replace(/^file:/, "")));
  await db.close();
  await server.stop();
  relay.stop();
  await tdb.drop();

  heading(
    `Edit propagation: ${TYPISTS} typists at ${KEYS_PER_SECOND} keys/s (bursts, then ${PAUSE_MS / 1000} s pauses) and ${READERS} readers on one section, ${SECONDS} s rounds, ${PAIRS} pairs${pinnedNote("servers on core 0, client processes on core 1")}`,
  );
  row(["round", "relay p50", "relay p99", "Margin p50", "Margin p99", "p50 ratio", "p99 ratio", "commit p50", "commit p99"]);
  const ratios50: number[] = [];
  const ratios99: number[] = [];
  pairs.forEach(({ relay: r, margin: m, commits: k }, i) => {
    ratios50.push(percentile(m, 50) / percentile(r, 50));
    ratios99.push(percentile(m, 99) / percentile(r, 99));
    row([`pair ${i + 1}`, fmt(percentile(r, 50)), fmt(percentile(r, 99)), fmt(percentile(m, 50)), fmt(percentile(m, 99)), `${fmt(ratios50[i]!, 2)}×`, `${fmt(ratios99[i]!, 2)}×`, fmt(k.p50Ms, 2), fmt(k.p99Ms, 2)]);
  });
  const medRelay99 = median(pairs.map((x) => percentile(x.relay, 99)));
  const medMargin99 = median(pairs.map((x) => percentile(x.margin, 99)));
  row(["median", fmt(median(pairs.map((x) => percentile(x.relay, 50)))), fmt(medRelay99), fmt(median(pairs.map((x) => percentile(x.margin, 50)))), fmt(medMargin99), `${fmt(median(ratios50), 2)}×`, `${fmt(median(ratios99), 2)}×`, fmt(median(pairs.map((x) => x.commits.p50Ms)), 2), fmt(median(pairs.map((x) => x.commits.p99Ms)), 2)]);
  process.stdout.write(`Margin rounds: ${pairs.reduce((n, x) => n + x.keys, 0)} keystrokes counted, ${folded} change sets closed and folded into the ledger while typing went on.\n`);
  process.stdout.write(
    `Each keystroke is durable before anyone sees it: one fdatasync on this disk (its database's, measured after the rounds, quiet) takes p50 ${fmt(percentile(syncs, 50), 2)} ms, p99 ${fmt(percentile(syncs, 99), 2)} ms; Margin's median p50 is ${fmt(median(pairs.map((x) => percentile(x.margin, 50) - percentile(x.relay, 50))), 2)} ms above the relay's. "commit": how long the server's commits of the log took, from its /healthz at the end of each Margin round (its latest 1,024 commits: that round's and some of the rounds before), the disk's flush under the clients' load included.\n`,
  );
  summarise({
    figure: `Propagation p99, ${READERS} readers, ${TYPISTS} typists × ${KEYS_PER_SECOND} keys/s`,
    baseline: `${fmt(medRelay99)} ms (bare relay)`,
    margin: `${fmt(medMargin99)} ms`,
    ratio: `${fmt(median(ratios99), 2)}×`,
    target: `≤ ${TARGET_P99_RATIO}×`,
    met: median(ratios99) <= TARGET_P99_RATIO,
  });
}

await main();
process.exit(0);
