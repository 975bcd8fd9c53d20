// Several nodes: edit propagation with readers on a second node (through
// Redis) against all readers on one node, in the same run on the same
// PostgreSQL; and persisted updates/s on PostgreSQL with one and with two
// nodes' group committers appending to the same section.
import * as Y from "yjs";
import { createDb } from "../db/client.js";
import { FRAGMENT } from "../server/collab/content.js";
import { GroupCommitter } from "../server/collab/group-commit.js";
import { Browser } from "../tests/helpers/client.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startTestRedis } from "../tests/helpers/redis.js";
import { startServer, type TestServer } from "../tests/helpers/server.js";
import { fmt, heading, percentile, row } from "./lib.js";
import { measurePropagationByBase } from "./propagation-clients.js";

process.env.TEST_DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/test";
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
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
    // One node, every client on it.
    let a = await startServer(tdb.url, { ...NODE_ENV, SEED_DEMO: "1" });
    const c = await (await fetch(`${a.url}/api/v1/consultations/ai-guideline`)).json();
    const [first, second, third] = c.sections.map((s: { id: string }) => s.id) as string[];
    const single = await measurePropagationByBase({
      writerBase: a.url,
      readerBases: Array(CLIENTS - 1).fill(a.url),
      docName: first!,
      writerCookie: await signedInCookie(a),
      rate: RATE,
      seconds: SECONDS,
    });
    await a.stop();

    // Two nodes sharing PostgreSQL and Redis; the writer on A, half the readers on B.
    a = await startServer(tdb.url, { ...NODE_ENV, REDIS_URL: redis.url });
    const b = await startServer(tdb.url, { ...NODE_ENV, REDIS_URL: redis.url });
    const readers = Array.from({ length: CLIENTS - 1 }, (_, i) => (i % 2 === 0 ? b.url : a.url));
    const two = await measurePropagationByBase({ writerBase: a.url, readerBases: readers, docName: second!, writerCookie: await signedInCookie(a), rate: RATE, seconds: SECONDS });
    await a.stop();
    await b.stop();

    const updates = sampleUpdates(UPDATES);
    const oneCommitter = await persistRate(tdb.url, third!, 1, updates);
    const twoCommitters = await persistRate(tdb.url, third!, 2, updates);

    const all = (m: Map<string, number[]>) => [...m.values()].flat().sort((x, y) => x - y);
    const singleAll = all(single);
    const sameNode = two.get(a.url)!;
    const otherNode = two.get(b.url)!;
    heading(`Edit propagation on PostgreSQL, ${CLIENTS} clients, ${RATE} updates/s for ${SECONDS}s`);
    row(["readers", "p50 ms", "p99 ms", "samples"]);
    row(["one node, all readers on it (baseline)", fmt(percentile(singleAll, 50)), fmt(percentile(singleAll, 99)), singleAll.length]);
    row(["two nodes: readers on the writer's node", fmt(percentile(sameNode, 50)), fmt(percentile(sameNode, 99)), sameNode.length]);
    row(["two nodes: readers on the other node", fmt(percentile(otherNode, 50)), fmt(percentile(otherNode, 99)), otherNode.length]);
    row(["ratio other node / one node", `${fmt(percentile(otherNode, 50) / percentile(singleAll, 50), 2)}×`, `${fmt(percentile(otherNode, 99) / percentile(singleAll, 99), 2)}×`, ""]);
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
