// `margin verify` on a ledger of 100,000 entries (change sets spread over 50
// sections, each replayed with Yjs): from the database and over HTTP, against
// the baseline of merely reading the entries.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Y from "yjs";
import { createDb } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import { insertCheckpoint } from "../db/queries/collab.js";
import { contentHash, FRAGMENT } from "../server/collab/content.js";
import { writeChangeSet } from "../server/collab/persistence.js";
import { readEnv } from "../server/env.js";
import { startServer } from "../server/index.js";
import { databaseSource, httpSource } from "../server/ledger/sources.js";
import { verifyLedger } from "../server/ledger/verify.js";
import { fmt, heading, median, row } from "./lib.js";

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const SECTIONS = Number(process.env.BENCH_SECTIONS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PARAGRAPHS = 5;
const BATCH = 1000;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "margin-bench-"));
  const url = `file:${join(dir, "verify.sqlite")}`;
  const db = createDb(url);
  await migrateToLatest(db.kysely);
  const at = new Date().toISOString();
  await db.kysely.insertInto("user").values({ id: "u", email: "u@example.org", display_name: "U", organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at }).execute();
  await db.kysely.insertInto("consultation").values({ id: "c", slug: "verify", title: "V", summary: "", status: "open", opens_at: null, closes_at: null, moderation_mode: "post", created_by: "u", created_at: at, updated_at: at }).execute();

  const started = performance.now();
  const perSection = Math.ceil(ENTRIES / SECTIONS);
  let written = 0;
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  for (let s = 0; s < SECTIONS && written < ENTRIES; s++) {
    const sectionId = `s${String(s).padStart(15, "0")}`;
    await db.kysely.insertInto("section").values({ id: sectionId, consultation_id: "c", position: s + 1, title: `Section ${s + 1}`, created_at: at, updated_at: at }).execute();
    const doc = new Y.Doc();
    const texts: Y.XmlText[] = [];
    doc.transact(() => {
      for (let p = 0; p < PARAGRAPHS; p++) {
        const el = new Y.XmlElement("paragraph");
        doc.getXmlFragment(FRAGMENT).push([el]);
        const t = new Y.XmlText();
        el.insert(0, [t]);
        texts.push(t);
      }
    });
    let prev = Y.encodeStateVector(new Y.Doc());
    let seq = 0;
    const count = Math.min(perSection, ENTRIES - written);
    for (let i = 0; i < count; i += BATCH) {
      await db.kysely.transaction().execute(async (tx) => {
        for (let k = i; k < Math.min(count, i + BATCH); k++) {
          // One change set: a word typed at the end of one paragraph (now and then, one deleted).
          const t = texts[rand(PARAGRAPHS)]!;
          if (t.length > 40 && rand(10) === 0) t.delete(0, 6);
          else t.insert(t.length, `${"word "}`);
          const update = Y.encodeStateAsUpdate(doc, prev);
          prev = Y.encodeStateVector(doc);
          seq += 1;
          await writeChangeSet(tx, db.dialect, {
            id: `c${String(s).padStart(5, "0")}${String(seq).padStart(10, "0")}`,
            sectionId,
            seqFrom: seq,
            seqTo: seq,
            authors: ["u"],
            startedAt: at,
            endedAt: at,
            data: update,
            stateHash: contentHash(doc),
            stats: { inserted: 5, deleted: 0, summary: "bench" },
          });
        }
      });
    }
    await insertCheckpoint(db.kysely, { section_id: sectionId, seq, created_at: at, data: Y.encodeStateAsUpdate(doc) });
    written += count;
    doc.destroy();
  }
  const buildMs = performance.now() - started;

  const readOnly: number[] = [];
  const local: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const source = databaseSource(db);
    let n = 0;
    for await (const page of source.entries("public")) n += page.length;
    if (n !== ENTRIES) throw new Error(`read ${n} entries, expected ${ENTRIES}`);
    readOnly.push(performance.now() - t0);
    const report = await verifyLedger(databaseSource(db));
    if (!report.ok) throw new Error(`verify failed: ${report.problem}`);
    local.push(report.ms);
  }
  await db.close();

  const server = await startServer({ ...readEnv({ DATABASE_URL: url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "error", NODE_ENV: "production" }) }, { mode: "production", migrate: false, seedDemo: false });
  const remote: number[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      const report = await verifyLedger(httpSource(server.url));
      if (!report.ok) throw new Error(`verify --url failed: ${report.problem}`);
      remote.push(report.ms);
    }
  } finally {
    await server.stop();
  }

  heading(`margin verify on ${ENTRIES} ledger entries (${SECTIONS} sections, every entry a change set replayed with Yjs; median of ${RUNS})`);
  row(["what", "median ms"]);
  row(["reading the entries only (baseline)", fmt(median(readOnly), 0)]);
  row(["verify from the database", fmt(median(local), 0)]);
  row(["verify --url (HTTP, same machine)", fmt(median(remote), 0)]);
  row(["verify / reading", `${fmt(median(local) / median(readOnly))}×`]);
  process.stdout.write(`(building the ledger took ${fmt(buildMs / 1000)} s)\n`);
  rmSync(dir, { recursive: true, force: true });
}

await main();
