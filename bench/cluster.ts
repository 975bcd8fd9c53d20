// Several nodes: edit propagation (typists on node A) with half the readers on
// node B (through Redis) against every reader on A, in alternating rounds with
// both nodes up the whole run, pinned to one core and the clients to the other;
// and persisted updates/s on PostgreSQL with one and with two nodes' group
// committers appending to the same section.
import * as Y from "yjs";
import { createDb } from "../db/client.js";
import { FRAGMENT } from "../server/collab/content.js";
import { GroupCommitter } from "../server/collab/group-commit.js";
import { DEFAULT_COLLAB_LIMITS } from "../server/collab/limits.js";
import { Browser } from "../tests/helpers/client.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startTestRedis } from "../tests/helpers/redis.js";
import { startServer, type TestServer } from "../tests/helpers/server.js";
import { fmt, heading, median, percentile, pin, pinnedNote, row, summarise } from "./lib.js";
import { allLatencies, propagationRound, type RoundSpec } from "./propagation-clients.js";

process.env.TEST_DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/test";
const READERS = Number(process.env.BENCH_CLIENTS ?? 50);
const TYPISTS = Number(process.env.BENCH_TYPISTS ?? 3);
const KEYS_PER_SECOND = Number(process.env.BENCH_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const TARGET_RATIO = 1.3;
pin(process.pid, 1);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 20_000);
const PASSWORD = "bench-password";
const NODE_ENV = { DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "error", COLLAB_MESSAGES_PER_SECOND: "1000", COLLAB_MAX_CONNECTIONS_PER_IP: "100000" };

async function signedInCookie(node: TestServer): Promise<string> {
  const owner = new Browser(node.url);
  await owner.signIn("owner@example.org", PASSWORD);
  return `margin_session=${owner.cookie("margin_session")}`;
}

function sampleUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  const p = new Y.XmlElement("paragraph");
  doc.getXmlFragment(FRAGMENT).insert(0, [p]);
  const t = new Y.XmlText();
  p.insert(0, [t]);
  while (out.length < n) t.insert(t.length, "x");
  return out;
}

/** Updates/s with `nodes` committers (each with its own pool) appending to one section at once. */
async function persistRate(url: string, sectionId: string, nodes: number, updates: Uint8Array[]): Promise<number> {
  const dbs = Array.from({ length: nodes }, () => createDb(url, { poolSize: 4 }));
  const committers = dbs.map((db) => new GroupCommitter(db, 0, 500));
  const at = new Date().toISOString();
  const start = performance.now();
  await Promise.all(
    committers.map(async (committer, k) => {
      const acks: Promise<number>[] = [];
      for (let i = k; i < updates.length; i += nodes) {
        acks.push(committer.append({ section_id: sectionId, user_id: null, created_at: at, data: updates[i]! }));
        if (acks.length % 1000 === 0) await new Promise((r) => setImmediate(r));
      }
      await Promise.all(acks);
    }),
  );
  const rate = updates.length / ((performance.now() - start) / 1000);
  for (const db of dbs) await db.close();
  return rate;
}

async function main() {
  const tdb = await createTestDatabase("postgres");
  const redis = await startTestRedis();
  try {
    // Two nodes sharing PostgreSQL and Redis for the whole run, both pinned to core 0 (the clients are on core 1).
    const seed = await startServer(tdb.url, { ...NODE_ENV, SEED_DEMO: "1" });
    const c = await (await fetch(`${seed.url}/api/v1/consultations/ai-guideline`)).json();
    const [first, , third] = c.sections.map((s: { id: string }) => s.id) as string[];
    await seed.stop();
    const a = await startServer(tdb.url, { ...NODE_ENV, REDIS_URL: redis.url });
    const b = await startServer(tdb.url, { ...NODE_ENV, REDIS_URL: redis.url });
    for (const node of [a, b]) pin(node.process.pid!, 0);
    const cookie = await signedInCookie(a);
    const spec = (readerBases: string[], round: number): RoundSpec => ({
      typistBase: a.url,
      readerBases,
      docName: first!,
      cookie,
      typists: TYPISTS,
      keysPerSecond: KEYS_PER_SECOND,
      seconds: SECONDS,
      warmupSeconds: 2,
      readerProcesses: 2,
      round,
      pauseMs: DEFAULT_COLLAB_LIMITS.changeSetIdleMs + 500,
    });
    // Alternating rounds: every reader on the typists' node, then half of them on the other node, and again.
    const pairs: { one: number[]; same: number[]; other: number[] }[] = [];
    for (let p = 0; p < PAIRS; p++) {
      const one = allLatencies(await propagationRound(spec(Array(READERS).fill(a.url), 2 * p)));
      const two = await propagationRound(spec(Array.from({ length: READERS }, (_, i) => (i % 2 === 0 ? b.url : a.url)), 2 * p + 1));
      pairs.push({ one, same: two.byBase.get(a.url)!, other: two.byBase.get(b.url)! });
      process.stdout.write(`pair ${p + 1}/${PAIRS}: one node p99 ${fmt(percentile(one, 99))} ms, other node p99 ${fmt(percentile(pairs[p]!.other, 99))} ms\n`);
    }
    await a.stop();
    await b.stop();

    const updates = sampleUpdates(UPDATES);
    const oneCommitter = await persistRate(tdb.url, third!, 1, updates);
    const twoCommitters = await persistRate(tdb.url, third!, 2, updates);

    heading(`Edit propagation on PostgreSQL: ${TYPISTS} typists at ${KEYS_PER_SECOND} keys/s, ${READERS} readers, ${SECONDS} s rounds, ${PAIRS} pairs${pinnedNote("nodes on core 0, client processes on core 1")}`);
    row(["round", "one node p99", "two: same node p99", "two: other node p99", "p99 ratio (other / one)"]);
    const ratios = pairs.map((x) => percentile(x.other, 99) / percentile(x.one, 99));
    pairs.forEach((x, i) => row([`pair ${i + 1}`, fmt(percentile(x.one, 99)), fmt(percentile(x.same, 99)), fmt(percentile(x.other, 99)), `${fmt(ratios[i]!, 2)}×`]));
    const medOne = median(pairs.map((x) => percentile(x.one, 99)));
    const medOther = median(pairs.map((x) => percentile(x.other, 99)));
    row(["median", fmt(medOne), fmt(median(pairs.map((x) => percentile(x.same, 99)))), fmt(medOther), `${fmt(median(ratios), 2)}×`]);
    summarise({ figure: "Two nodes vs one, propagation p99", baseline: `${fmt(medOne)} ms (one node)`, margin: `${fmt(medOther)} ms (other node)`, ratio: `${fmt(median(ratios), 2)}×`, target: `≤ ${TARGET_RATIO}×`, met: median(ratios) <= TARGET_RATIO });
    heading(`Persisted updates/s on PostgreSQL, ${UPDATES} updates to one section`);
    row(["writers", "updates/s"]);
    row(["one node's group committer (baseline)", fmt(oneCommitter, 0)]);
    row(["two nodes' committers at once", fmt(twoCommitters, 0)]);
  } finally {
    await redis.stop();
    await tdb.drop();
  }
}

await main();
process.exit(0);
