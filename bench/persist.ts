// Persisted updates per second: one commit per update (the baseline) against
// the group committer the collaboration server uses, on the same database —
// the committer alone, and on SQLite the whole server: editors in their own
// processes sending updates over WebSockets as fast as their sockets take them,
// timed until a reader has every one (the server relays an update only once
// it is durable). SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Y from "yjs";
import { createDb, type Db } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import { insertSectionUpdates } from "../db/queries/collab.js";
import { GroupCommitter } from "../server/collab/group-commit.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { Browser } from "../tests/helpers/client.js";
import { connectReplica, waitFor } from "../tests/helpers/collab.js";
import { startServer } from "../tests/helpers/server.js";
import { fmt, heading, median, pin, row, summarise } from "./lib.js";
import { BenchClient } from "./propagation-clients.js";

const SINGLE = Number(process.env.BENCH_SINGLE ?? 2000);
const GROUPED = Number(process.env.BENCH_GROUPED ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WS_UPDATES = Number(process.env.BENCH_WS_UPDATES ?? 60_000);
const WS_WRITERS = Number(process.env.BENCH_WS_WRITERS ?? 4);
const TARGET_WS_RATE = 25_000;

function sampleUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  const t = doc.getText("t");
  for (let i = 0; i < n; i++) t.insert(t.length, "a");
  return out;
}

async function setup(url: string): Promise<{ db: Db; sectionId: string }> {
  const db = createDb(url);
  await migrateToLatest(db.kysely);
  const at = new Date().toISOString();
  const id = `bench${Math.random().toString(36).slice(2, 13)}`;
  await db.kysely.insertInto("user").values({ id, email: `${id}@example.org`, display_name: "B", organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at }).execute();
  await db.kysely.insertInto("consultation").values({ id, slug: id, title: "B", summary: "", status: "draft", opens_at: null, closes_at: null, moderation_mode: "post", created_by: id, created_at: at, updated_at: at }).execute();
  await db.kysely.insertInto("section").values({ id, consultation_id: id, position: 1, title: "B", created_at: at, updated_at: at }).execute();
  return { db, sectionId: id };
}

async function singleCommits(url: string, updates: Uint8Array[]): Promise<number> {
  const { db, sectionId } = await setup(url);
  const at = new Date().toISOString();
  const start = performance.now();
  for (let i = 0; i < SINGLE; i++) {
    await db.kysely.transaction().execute((tx) => insertSectionUpdates(tx, [{ section_id: sectionId, seq: i + 1, user_id: null, created_at: at, data: updates[i]! }]));
  }
  const rate = SINGLE / ((performance.now() - start) / 1000);
  await db.close();
  return rate;
}

async function groupCommits(url: string, updates: Uint8Array[]): Promise<number> {
  const { db, sectionId } = await setup(url);
  const committer = new GroupCommitter(db, 0, 500);
  const at = new Date().toISOString();
  const start = performance.now();
  const acks: Promise<number>[] = [];
  for (let i = 0; i < GROUPED; i++) {
    acks.push(committer.append({ section_id: sectionId, user_id: null, created_at: at, data: updates[i % updates.length]! }));
    // Let timers run now and then, as a server's event loop would between messages.
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
  }
  await Promise.all(acks);
  const rate = GROUPED / ((performance.now() - start) / 1000);
  await db.close();
  return rate;
}

/** Updates/s through the real server (SQLite): `WS_WRITERS` editor processes, one reader here. */
async function throughWebSockets(): Promise<number> {
  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, {
    SEED_DEMO: "1",
    DEMO_PASSWORD: "bench-password",
    LOG_LEVEL: "error",
    COLLAB_MESSAGES_PER_SECOND: "10000000",
    COLLAB_MESSAGE_BURST: "10000000",
    COLLAB_MAX_CONNECTIONS_PER_IP: "100000",
    // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under the flood.
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
  });
  const writers: BenchClient[] = [];
  let reader: ReturnType<typeof connectReplica> | null = null;
  try {
    // The server on core 0; this process and the editors it forks on core 1.
    pin(process.pid, 1);
    pin(server.process.pid!, 0);
    const owner = new Browser(server.url);
    await owner.signIn("owner@example.org", "bench-password");
    const cookie = `margin_session=${owner.cookie("margin_session")}`;
    const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
    const sectionId = c.sections[1].id as string;
    reader = connectReplica(server.url, sectionId);
    await waitFor(() => reader!.provider.synced, 60_000, "the reader to sync");
    for (let k = 0; k < WS_WRITERS; k++) {
      writers.push(new BenchClient({ role: "flood", base: server.url, docName: sectionId, cookie, clientId: 2_000_000 + k, updates: Math.ceil(WS_UPDATES / WS_WRITERS) }));
    }
    for (const w of writers) await w.take("ready");
    const start = performance.now();
    for (const w of writers) w.send({ type: "go", untilMs: 0 });
    const finals = await Promise.all(writers.map((w) => w.take("flooded")));
    const doc = reader.doc;
    await waitFor(() => finals.every((f) => Y.getState(doc.store, f.clientId) >= f.final), 600_000, "every update to reach the reader");
    const rate = (WS_UPDATES / (performance.now() - start)) * 1000;
    const db = createDb(tdb.url);
    const stored = Number((await db.kysely.selectFrom("section_update").select((eb) => eb.fn.countAll().as("n")).where("section_id", "=", sectionId).executeTakeFirstOrThrow()).n);
    await db.close();
    if (stored < WS_UPDATES) throw new Error(`only ${stored} of ${WS_UPDATES} updates were stored`);
    return rate;
  } finally {
    for (const w of writers) w.kill();
    reader?.destroy();
    await server.stop();
    await tdb.drop();
  }
}

async function main() {
  const updates = sampleUpdates(Math.max(SINGLE, 5000));
  const targets: [string, () => string, () => void][] = [];
  const dir = mkdtempSync(join(tmpdir(), "margin-bench-"));
  let n = 0;
  targets.push(["SQLite (WAL, synchronous=FULL)", () => `file:${join(dir, `b${n++}.sqlite`)}`, () => rmSync(dir, { recursive: true, force: true })]);
  const pg = process.env.TEST_DATABASE_URL ? await createTestDatabase("postgres") : null;
  if (pg) targets.push(["PostgreSQL (one database per run)", () => pg.url, () => void pg.drop()]);

  let committerAlone = Number.NaN;
  heading("Persisted updates per second (median of runs)");
  row(["database", "1 per commit", "group commit", "ratio"]);
  for (const [name, url, cleanup] of targets) {
    const single: number[] = [];
    const grouped: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      single.push(await singleCommits(url(), updates));
      grouped.push(await groupCommits(url(), updates));
    }
    row([name, `${fmt(median(single), 0)}/s`, `${fmt(median(grouped), 0)}/s`, `${fmt(median(grouped) / median(single))}×`]);
    if (name.startsWith("SQLite")) committerAlone = median(grouped);
    cleanup();
  }

  const ws: number[] = [];
  for (let r = 0; r < RUNS; r++) ws.push(await throughWebSockets());
  heading(`Persisted updates per second through the server: ${WS_WRITERS} editors' WebSockets, ${WS_UPDATES} one-character updates to one section, SQLite synchronous=FULL (median of ${RUNS} runs)`);
  row(["path", "updates/s"]);
  row(["the group committer alone (above)", `${fmt(committerAlone, 0)}/s`]);
  row(["through WebSockets: checked, applied, committed, relayed", `${fmt(median(ws), 0)}/s`]);
  summarise({
    figure: "Persisted updates/s through WebSockets (SQLite, synchronous=FULL)",
    baseline: `${fmt(committerAlone, 0)}/s (committer alone)`,
    margin: `${fmt(median(ws), 0)}/s`,
    ratio: `${fmt(median(ws) / committerAlone, 2)}×`,
    target: `≥ ${TARGET_WS_RATE.toLocaleString("en")}/s`,
    met: median(ws) >= TARGET_WS_RATE,
  });
}

await main();
process.exit(0);
