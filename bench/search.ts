// Search over 100,000 comments and 1,000 sections (half in Japanese, written without
// spaces), through the same code the page and the API use (searchSite: a page of 20
// and the capped count, with visibility decided in SQL). Two-word queries in each
// language, p50 and p99, against the baseline of a plain LIKE scan of the same texts
// measured in the same run; the index's size; and what keeping it in step costs a
// comment's write (insert + refresh in one transaction, against the insert alone).
// SQLite always (unless BENCH_SKIP_SQLITE); PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
import { copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { createDb, type Db } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import { likePattern, refreshCommentDocs, writeSectionDoc } from "../db/queries/search.js";
import { STAKEHOLDER_GROUPS, type CommentRow } from "../db/schema.js";
import { searchSite } from "../server/domain/search/index.js";
import { SearchQuerySchema } from "../server/domain/schemas.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { fmt, heading, percentile, row } from "./lib.js";

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 100_000);
const SECTIONS = Number(process.env.BENCH_SECTIONS ?? 1_000);
const CONSULTATIONS = 20;
const PEOPLE = 500;
/** Each query class is run this many times (over its set of queries). */
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WRITES = Number(process.env.BENCH_WRITES ?? 500);
const BATCH = 500;

const EN_WORDS = (
  "the council should publish its data openly and explain how each decision on guideline was reached before it applies risk model developer deployer " +
  "transparency incident report provider user safety fairness bias audit evaluation training documentation procurement standard international " +
  "accountability oversight privacy consent copyright security robustness accuracy monitoring disclosure explanation review human appeal complaint " +
  "sector regulator voluntary obligation small business startup academia society government agency public service health finance employment " +
  "education children vulnerable impact assessment register label watermark content synthetic misinformation election infrastructure critical " +
  "supplier contract liability insurance testing benchmark threshold compute energy environment cooperation interoperable certification"
).split(" ");
const JA_WORDS = (
  "生成AI 利用者 事業者 開発者 提供者 透明性 説明責任 個人情報 安全性 信頼性 公平性 リスク 評価 監査 指針 学習データ 著作権 偏り 差別 人権 " +
  "国際協調 標準化 規制 自主的取組 報告 重大インシデント 調達 行政機関 中小企業 スタートアップ 研究機関 市民社会 情報開示 説明 検証 記録 " +
  "管理体制 責任者 人材育成 利用規約 同意 越境移転 品質 性能 誤情報 偽情報 基盤モデル 大規模言語モデル 画像生成 音声認識 自動運転 医療 金融 " +
  "雇用 教育機関 地方自治体 消費者 苦情 相談窓口 第三者 認証 監督 努力義務 推奨 事例 公表 見直し 影響評価 子ども 選挙 重要インフラ " +
  "契約 保険 試験 電子透かし 合成コンテンツ 省エネルギー 相互運用性 利活用 社会実装 競争力 知的財産 サイバー攻撃 脆弱性 判断 根拠"
).split(" ");
const JA_PARTICLES = ["の", "は", "を", "に", "が", "と", "について", "により", "として", "や", "では", "への"];

let seed = 11;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);

/** Zipf-like: rank r is drawn with weight 1/(r+1), as words are in real text. */
function zipf(words: string[]): () => string {
  const weights = words.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  return () => {
    const x = rand(1_000_000) / 1_000_000;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}
const enWord = zipf(EN_WORDS);
const jaWord = zipf(JA_WORDS);
const english = (n: number) => `${Array.from({ length: n }, enWord).join(" ")}.`;
/** Japanese as written: no spaces, words joined by particles, sentences ending in 。 */
const japanese = (n: number) => {
  let s = "";
  for (let i = 0; i < n; i++) s += jaWord() + (i % 6 === 5 ? "です。" : JA_PARTICLES[rand(JA_PARTICLES.length)]);
  return s;
};

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(16 - prefix.length, "0")}`;
const iso = (minutesAgo: number) => new Date(Date.UTC(2026, 11, 1) - minutesAgo * 60_000).toISOString();

function commentRow(n: number, sectionId: string, consultationId: string, authorId: string): CommentRow {
  const ja = n % 2 === 0;
  // Most are public and published; the rest never reach the index (the query checks again).
  const r = n % 100;
  const status = r < 3 ? "pending" : r < 5 ? "hidden" : "published";
  const visibility = r >= 5 && r < 7 ? "confidential" : "public";
  return {
    id: id("c", n),
    section_id: sectionId,
    consultation_id: consultationId,
    author_id: authorId,
    parent_id: null,
    kind: "comment",
    body: ja ? japanese(20 + rand(40)) : english(25 + rand(50)),
    replacement: null,
    anchor_start: null,
    anchor_end: null,
    quote_exact: null,
    quote_prefix: null,
    quote_suffix: null,
    position_start: null,
    position_end: null,
    base_seq: 0,
    visibility,
    status,
    suggestion_status: null,
    decided_by: null,
    decided_at: null,
    decision_reason: null,
    applied_seq: null,
    moderation_reason: null,
    review_requested_at: null,
    publication: "name",
    redacted_of: null,
    created_at: iso(COMMENTS - n),
    edited_at: null,
    deleted_at: null,
  };
}

async function load(db: Db): Promise<{ sections: { id: string; consultation: string }[]; people: string[] }> {
  await migrateToLatest(db.kysely);
  const k = db.kysely;
  const people = Array.from({ length: PEOPLE }, (_, i) => id("u", i));
  await k
    .insertInto("user")
    .values(people.map((u, i) => ({ id: u, email: `${u}@example.org`, display_name: `Person ${i}`, organisation: "", stakeholder_group: STAKEHOLDER_GROUPS[i % STAKEHOLDER_GROUPS.length]!, password_hash: "x", site_role: "member" as const, created_at: iso(COMMENTS + 10) })))
    .execute();
  for (let c = 0; c < CONSULTATIONS; c++) {
    const ja = c % 2 === 0;
    await k
      .insertInto("consultation")
      .values({ id: id("k", c), slug: `bench-${c}`, title: ja ? japanese(6) : english(8), summary: ja ? japanese(30) : english(40), status: c === 0 ? "draft" : "open", opens_at: null, closes_at: null, moderation_mode: "post", created_by: people[0]!, created_at: iso(COMMENTS + 5), updated_at: iso(COMMENTS + 5) })
      .execute();
  }
  const sections = Array.from({ length: SECTIONS }, (_, s) => ({ id: id("s", s), consultation: id("k", s % CONSULTATIONS) }));
  for (const [i, s] of sections.entries()) {
    await k.insertInto("section").values({ id: s.id, consultation_id: s.consultation, position: i, title: i % 2 === 0 ? japanese(3) : english(5), created_at: iso(COMMENTS + 1), updated_at: iso(COMMENTS + 1) }).execute();
  }
  // Section texts of a few thousand characters, through the code a fold uses.
  await k.transaction().execute(async (tx) => {
    for (const [i, s] of sections.entries()) await writeSectionDoc(tx, s.id, i % 2 === 0 ? japanese(600) : english(700), iso(COMMENTS));
  });
  for (let start = 0; start < COMMENTS; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, COMMENTS - start) }, (_, j) => {
      const n = start + j;
      const s = sections[n % sections.length]!;
      return commentRow(n, s.id, s.consultation, people[n % people.length]!);
    });
    await k.transaction().execute(async (tx) => {
      await tx.insertInto("comment").values(rows).execute();
      await refreshCommentDocs(tx, rows.map((r) => r.id));
    });
  }
  if (db.dialect === "postgres") await sql`analyze`.execute(k);
  else await sql`analyze`.execute(k);
  return { sections, people };
}

async function timeQueries(db: Db, queries: string[]): Promise<{ p50: number; p99: number; hits: number }> {
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < RUNS; i++) {
    const q = queries[i % queries.length]!;
    const input = SearchQuerySchema.parse({ q });
    const t0 = performance.now();
    const r = await searchSite(db, input);
    times.push(performance.now() - t0);
    hits += r.total;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), hits: hits / RUNS };
}

/** The baseline: the same words matched by a plain LIKE scan of the comments and sections' texts (no index), a page and a count. */
async function timeBaseline(db: Db, queries: string[]): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  const op = db.dialect === "postgres" ? sql.raw("ilike") : sql.raw("like");
  for (let i = 0; i < Math.min(RUNS, 40); i++) {
    const words = queries[i % queries.length]!.split(" ");
    const where = sql.join(words.map((w) => sql`body ${op} ${likePattern(w)} escape '\\'`), sql` and `);
    const t0 = performance.now();
    await sql`select id from search_doc where ${where} order by at desc limit 21`.execute(db.kysely);
    await sql`select count(*) from search_doc where ${where}`.execute(db.kysely);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function indexSize(db: Db, file: string | null): Promise<string> {
  if (db.dialect === "postgres") {
    const r = await sql<{ table: number; trgm: number; total: number }>`select pg_relation_size('search_doc') as "table", pg_relation_size('search_doc_text_trgm') as trgm, pg_total_relation_size('search_doc') as total`.execute(db.kysely);
    const x = r.rows[0]!;
    return `table ${mb(Number(x.table))}, GIN trigram index ${mb(Number(x.trgm))}, all with other indexes ${mb(Number(x.total))}`;
  }
  try {
    const r = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat where name like 'search%' group by name`.execute(db.kysely);
    const fts = r.rows.filter((x) => x.name.startsWith("search_fts")).reduce((a, x) => a + Number(x.bytes), 0);
    const doc = r.rows.filter((x) => x.name.startsWith("search_doc")).reduce((a, x) => a + Number(x.bytes), 0);
    return `search_doc with its indexes ${mb(doc)}, FTS5 trigram index ${mb(fts)}`;
  } catch {
    return `database file ${file ? mb(statSync(file).size) : "n/a"} (dbstat not compiled in)`;
  }
}
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;

/** A comment's write: insert alone, against insert + index refresh, one transaction each. */
async function writeOverhead(db: Db, sections: { id: string; consultation: string }[], people: string[]): Promise<{ plain: number; indexed: number }> {
  const timed = async (offset: number, index: boolean) => {
    const t0 = performance.now();
    for (let i = 0; i < WRITES; i++) {
      const n = COMMENTS + offset + i;
      const s = sections[n % sections.length]!;
      const r = { ...commentRow(n, s.id, s.consultation, people[n % people.length]!), status: "published" as const, visibility: "public" as const };
      await db.kysely.transaction().execute(async (tx) => {
        await tx.insertInto("comment").values(r).execute();
        if (index) await refreshCommentDocs(tx, [r.id]);
      });
    }
    return (performance.now() - t0) / WRITES;
  };
  // Interleaved halves so neither side gets a warmer cache.
  const plain1 = await timed(0, false);
  const indexed1 = await timed(WRITES, true);
  const plain2 = await timed(2 * WRITES, false);
  const indexed2 = await timed(3 * WRITES, true);
  return { plain: (plain1 + plain2) / 2, indexed: (indexed1 + indexed2) / 2 };
}

/** Two-word queries from across the vocabulary: common with rare, rare with rare, common with common. */
function pairs(words: string[], join: string): string[] {
  const ranks: [number, number][] = [[0, 5], [2, 30], [10, 60], [40, 90], [5, 15], [20, 25], [1, 80], [50, 70], [3, 8], [30, 100]];
  return ranks.map(([a, b]) => `${words[Math.min(a, words.length - 1)]}${join}${words[Math.min(b, words.length - 1)]}`);
}

async function bench(name: string, url: string, file: string | null) {
  const db = createDb(url, { poolSize: 4 });
  try {
    const t0 = performance.now();
    const { sections, people } = await load(db);
    const loadS = (performance.now() - t0) / 1000;
    heading(`${name}: ${COMMENTS.toLocaleString("en")} comments, ${SECTIONS.toLocaleString("en")} sections, half Japanese (loaded in ${fmt(loadS)} s)`);
    process.stdout.write(`index size: ${await indexSize(db, file)}\n`);
    const classes: [string, string[]][] = [
      ["Japanese, two words", pairs(JA_WORDS, " ")],
      ["English, two words", pairs(EN_WORDS, " ")],
      ["Japanese, one long word (5+ chars)", JA_WORDS.filter((w) => w.length >= 5).slice(0, 10)],
      ["Japanese, two 2-char words (LIKE path)", ["評価 監査", "規制 報告", "説明 記録", "品質 性能", "医療 金融"]],
    ];
    row(["query", "p50 ms", "p99 ms", "mean hits", "LIKE scan p50", "LIKE scan p99"]);
    for (const [label, queries] of classes) {
      const r = await timeQueries(db, queries);
      const b = await timeBaseline(db, queries);
      row([label, fmt(r.p50), fmt(r.p99), fmt(r.hits, 0), fmt(b.p50), fmt(b.p99)]);
    }
    const w = await writeOverhead(db, sections, people);
    process.stdout.write(`write per comment (own transaction): ${fmt(w.plain, 2)} ms without the index, ${fmt(w.indexed, 2)} ms with it (+${fmt(w.indexed - w.plain, 2)} ms)\n`);
  } finally {
    await db.close();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "margin-bench-search-"));
  try {
    const file = join(dir, "search.sqlite");
    if (!process.env.BENCH_SKIP_SQLITE) await bench("SQLite (FTS5 trigram)", `file:${file}`, file);
    // For looking at query plans afterwards.
    if (process.env.BENCH_KEEP_SQLITE && !process.env.BENCH_SKIP_SQLITE) copyFileSync(file, process.env.BENCH_KEEP_SQLITE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    process.env.TEST_DATABASE_URL = pgUrl;
    const pg = await createTestDatabase("postgres");
    try {
      await bench("PostgreSQL (pg_trgm GIN)", pg.url, null);
    } finally {
      await pg.drop();
    }
  }
}

await main();
