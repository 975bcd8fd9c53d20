// Cold load of a section whose log holds 100,000 updates: from the raw log
// (the baseline) against a checkpoint plus the longest tail the server can leave
// after it (checkpointEvery - 1 updates), as the server loads it.
//
//   npx tsx bench/cold-load.ts                                             (20,000 characters)
//   BENCH_TARGET_CHARS=100000 BENCH_UPDATES=150000 npx tsx bench/cold-load.ts   (100,000 characters)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Y from "yjs";
import { createDb } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import { insertCheckpoint, insertSectionUpdates } from "../db/queries/collab.js";
import { FRAGMENT } from "../server/collab/content.js";
import { DEFAULT_COLLAB_LIMITS } from "../server/collab/limits.js";
import { loadSectionState } from "../server/collab/persistence.js";
import { fmt, heading, median, row } from "./lib.js";
import { seededRandom } from "../tests/helpers/random.js";

const UPDATES = Number(process.env.BENCH_UPDATES ?? 100_000);
/** The worst case: the server writes a checkpoint every COLLAB_CHECKPOINT_EVERY updates, so up to one fewer may follow it. */
const TAIL = Number(process.env.BENCH_TAIL ?? DEFAULT_COLLAB_LIMITS.checkpointEvery - 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The section's length the editing hovers around: issue 20 names 20,000 characters (and 100,000 with more updates). */
const TARGET_CHARS = Number(process.env.BENCH_TARGET_CHARS ?? 20_000);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "margin-bench-"));
  const db = createDb(`file:${join(dir, "cold.sqlite")}`);
  await migrateToLatest(db.kysely);
  const at = new Date().toISOString();
  await db.kysely.insertInto("user").values({ id: "u", email: "u@example.org", display_name: "U", organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at }).execute();
  await db.kysely.insertInto("consultation").values({ id: "c", slug: "cold", title: "C", summary: "", status: "draft", opens_at: null, closes_at: null, moderation_mode: "post", created_by: "u", created_at: at, updated_at: at }).execute();
  for (const s of ["raw", "ckpt"]) {
    await db.kysely.insertInto("section").values({ id: s, consultation_id: "c", position: 1, title: s, created_at: at, updated_at: at }).execute();
  }

  // A typing-like history, one update per keystroke: runs of typing at a cursor,
  // backspaces, and now and then a jump to another place in the text.
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const p = new Y.XmlElement("paragraph");
  doc.getXmlFragment(FRAGMENT).insert(0, [p]);
  const text = new Y.XmlText();
  p.insert(0, [text]);
  const rand = seededRandom(1);
  let cursor = 0;
  while (updates.length < UPDATES) {
    const r = rand(100);
    // Past the target length, revising removes about as much as it adds.
    const backspace = text.length > TARGET_CHARS ? 50 : 12;
    if (r < 2) cursor = rand(text.length + 1);
    else if (r < backspace && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursor -= 1;
    } else {
      text.insert(cursor, "abcdefghij "[rand(11)]!);
      cursor += 1;
    }
  }
  const rows = updates.slice(0, UPDATES).map((data, i) => ({ section_id: "", seq: i + 1, user_id: "u", created_at: at, data }));
  for (const section of ["raw", "ckpt"]) {
    for (let i = 0; i < rows.length; i += 5000) {
      await db.kysely.transaction().execute((tx) => insertSectionUpdates(tx, rows.slice(i, i + 5000).map((r) => ({ ...r, section_id: section }))));
    }
  }
  const upTo = UPDATES - TAIL;
  const partial = new Y.Doc();
  for (let i = 0; i < upTo; i++) Y.applyUpdate(partial, updates[i]!);
  await insertCheckpoint(db.kysely, { section_id: "ckpt", seq: upTo, created_at: at, data: Y.encodeStateAsUpdate(partial) });

  const time = async (section: string) => {
    const samples: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      const state = await loadSectionState(db, section);
      samples.push(performance.now() - start);
      state.doc.destroy();
    }
    return median(samples);
  };
  const raw = await time("raw");
  const ckpt = await time("ckpt");
  heading(`Cold load of a section with ${UPDATES} logged updates, ${text.length} characters now (median of ${RUNS})`);
  row(["load", "median ms"]);
  row(["raw log, no checkpoint (baseline)", fmt(raw)]);
  row([`checkpoint + ${TAIL}-update tail`, fmt(ckpt)]);
  row(["speed-up", `${fmt(raw / ckpt)}×`]);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
