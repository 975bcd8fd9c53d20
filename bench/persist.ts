// Persisted updates per second: one commit per update (the baseline) against
// the group committer the collaboration server uses, on the same database.
// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Y from "yjs";
import { createDb, type Db } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import { insertSectionUpdates } from "../db/queries/collab.js";
import { GroupCommitter } from "../server/collab/group-commit.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { fmt, heading, median, row } from "./lib.js";

const SINGLE = Number(process.env.BENCH_SINGLE ?? 2000);
const GROUPED = Number(process.env.BENCH_GROUPED ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

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

async function main() {
  const updates = sampleUpdates(Math.max(SINGLE, 5000));
  const targets: [string, () => string, () => void][] = [];
  const dir = mkdtempSync(join(tmpdir(), "margin-bench-"));
  let n = 0;
  targets.push(["SQLite (WAL, synchronous=FULL)", () => `file:${join(dir, `b${n++}.sqlite`)}`, () => rmSync(dir, { recursive: true, force: true })]);
  const pg = process.env.TEST_DATABASE_URL ? await createTestDatabase("postgres") : null;
  if (pg) targets.push(["PostgreSQL (one database per run)", () => pg.url, () => void pg.drop()]);

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
    cleanup();
  }
}

await main();
