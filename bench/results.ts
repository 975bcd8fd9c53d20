// The e-Gov results table at the size (issue 18, ADR 034): 50,000 comments on one consultation (10
// sections, 30% from 5 campaigns, half Japanese: bench/corpus.ts), rows inserted directly. Campaigns and topic
// groups are answered as groups (one campaign's first answer superseded by a second), some comments one by
// one (some with the same stock answer, which merge), some later answered alone (superseding their group's),
// the rest awaiting; 3% confidential, hidden or held (never counted). Real SQLite.
//
// In process: building the table (one page, and every row) against the existing flat report's build as the
// baseline. Through the built server (`npm run build` first): the results page (HTML, build + render) against
// the flat report page, the CSV, the PDF (Chromium), and the server's peak RSS.
//
//   npx tsx bench/results.ts [--n 50000] [--runs 5] [--no-http]
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "kysely";
import { createDb, type Db } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import type { CommentRow, DispositionOutcome } from "../db/schema.js";
import { buildResults } from "../server/domain/dispositions/egov.js";
import { buildReport } from "../server/domain/dispositions/report.js";
import { startServer } from "../tests/helpers/server.js";
import { generateCorpus, seededRandom } from "./corpus.js";
import { fmt, heading, median, row } from "./lib.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const N = Number(arg("n") ?? 50_000);
const RUNS = Number(arg("runs") ?? 5);
const HTTP = !process.argv.includes("--no-http");
const SECTIONS = 10;
const PAGE_ROWS = 100;
const BATCH = 500;
const SLUG = "bench-results";
const STOCK = ["Thank you: this is noted.", "This is outside the scope of the guideline.", "ご意見として承ります。", "本ガイドラインの対象外です。"];

const pad = (p: string, n: number) => `${p}${String(n).padStart(15 - p.length, "0")}`;
const at = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString();

interface Loaded {
  consultation: { id: string; slug: string; title: string; content_language: string };
  rows: { groups: number; individual: number; awaiting: number };
}

async function load(db: Db): Promise<Loaded> {
  await migrateToLatest(db.kysely);
  const k = db.kysely;
  const rand = seededRandom(7);
  const people = Array.from({ length: 200 }, (_, i) => pad("u", i));
  await k
    .insertInto("user")
    .values(people.map((id, i) => ({ id, email: `${id}@example.org`, display_name: `Person ${i}`, organisation: "", stakeholder_group: "individual" as const, password_hash: "x", site_role: "member" as const, created_at: at(-100) })))
    .execute();
  const cid = "k-bench";
  const consultation = { id: cid, slug: SLUG, title: "AI事業者ガイドライン（案）に対する意見募集", content_language: "ja" };
  await k
    .insertInto("consultation")
    .values({ id: cid, slug: SLUG, title: consultation.title, summary: "", status: "open", opens_at: null, closes_at: null, moderation_mode: "post", content_language: "ja", time_zone: "Asia/Tokyo", created_by: people[0]!, created_at: at(-50), updated_at: at(-50) })
    .execute();
  const sections = Array.from({ length: SECTIONS }, (_, i) => pad("s", i));
  await k.insertInto("section").values(sections.map((id, i) => ({ id, consultation_id: cid, position: i, title: `第${i + 1}章`, created_at: at(-40), updated_at: at(-40) }))).execute();
  await k.insertInto("version").values({ id: "v-bench-1", consultation_id: cid, number: 1, name: "意見募集版", note: "", public: 1, created_by: people[0]!, created_at: at(-10) }).execute();

  const corpus = generateCorpus({ total: N, sections: SECTIONS, campaignShare: 0.3, campaigns: 5, japaneseShare: 0.5, seed: 18 });
  const comments: CommentRow[] = corpus.map((item, n) => {
    const r = rand();
    return {
      id: pad("c", n),
      section_id: sections[item.section]!,
      consultation_id: cid,
      author_id: people[n % people.length]!,
      parent_id: null,
      kind: "comment",
      body: item.body,
      replacement: null,
      anchor_start: null,
      anchor_end: null,
      quote_exact: null,
      quote_prefix: null,
      quote_suffix: null,
      position_start: null,
      position_end: null,
      base_seq: 0,
      visibility: r < 0.01 ? "confidential" : "public",
      status: r >= 0.01 && r < 0.02 ? "hidden" : r >= 0.02 && r < 0.03 ? "pending" : "published",
      suggestion_status: null,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      applied_seq: null,
      moderation_reason: null,
      review_requested_at: null,
      publication: "name",
      redacted_of: null,
      created_at: at(n),
      edited_at: null,
      deleted_at: null,
    };
  });
  for (let i = 0; i < comments.length; i += BATCH) await k.insertInto("comment").values(comments.slice(i, i + BATCH)).execute();

  // Groups: each campaign; each (section, theme) of the organic comments answered as a topic.
  const groupOf = (item: (typeof corpus)[number]) => (item.campaign !== null ? `g-campaign-${item.campaign}` : `g-topic-${item.section}-${item.theme}`);
  const groups = new Map<string, { kind: "campaign" | "topic"; members: number[] }>();
  corpus.forEach((item, n) => {
    const id = groupOf(item);
    const g = groups.get(id) ?? { kind: item.campaign !== null ? "campaign" : "topic", members: [] };
    g.members.push(n);
    groups.set(id, g);
  });
  await k
    .insertInto("comment_group")
    .values([...groups].map(([id, g]) => ({ id, consultation_id: cid, kind: g.kind, label: null, gist: g.kind === "campaign" ? null : `${id} の意見の概要`, canonical_id: pad("c", g.members[0]!), size: g.members.length, centroid: null, merged_into: null, created_at: at(N), updated_at: at(N) })))
    .execute();
  const dispositions: { id: string; consultation_id: string; section_id: string; comment_id: string; outcome: DispositionOutcome; response: string; change_set_ids: string; version_id: string | null; decided_by: string | null; created_at: string; superseded_at: string | null; group_response_id: string | null }[] = [];
  let d = 0;
  const dispose = (n: number, outcome: DispositionOutcome, response: string, gr: string | null, superseded: string | null, versionId: string | null = null) =>
    dispositions.push({ id: pad("d", d++), consultation_id: cid, section_id: comments[n]!.section_id, comment_id: comments[n]!.id, outcome, response, change_set_ids: "[]", version_id: versionId, decided_by: null, created_at: at(N + d), superseded_at: superseded, group_response_id: gr });
  const responses: { id: string; consultation_id: string; group_id: string; outcome: DispositionOutcome; response: string; version_id: string | null; decided_by: null; member_count: number; created_at: string; superseded_at: string | null }[] = [];
  let stats = { groups: 0, individual: 0, awaiting: 0 };
  for (const [gid, g] of groups) {
    // Campaigns all answered together; three topic groups in four.
    const answered = g.kind === "campaign" || rand() < 0.75;
    if (!answered) continue;
    stats.groups += 1;
    if (gid === "g-campaign-0") {
      const old = `gr-old-${gid}`;
      responses.push({ id: old, consultation_id: cid, group_id: gid, outcome: "noted", response: "先の回答（差し替え済み）", version_id: null, decided_by: null, member_count: g.members.length, created_at: at(N), superseded_at: at(N + 1) });
      for (const n of g.members) dispose(n, "noted", "先の回答（差し替え済み）", old, at(N + 1));
    }
    const grId = `gr-${gid}`;
    const text = `${gid} に対する考え方：ご指摘を踏まえ、該当箇所を修正しました。`;
    responses.push({ id: grId, consultation_id: cid, group_id: gid, outcome: "partly_adopted", response: text, version_id: "v-bench-1", decided_by: null, member_count: g.members.length, created_at: at(N + 2), superseded_at: null });
    for (const n of g.members) {
      // One member in a hundred is then answered on its own, superseding the group's answer for it.
      const alone = rand() < 0.01;
      dispose(n, "partly_adopted", text, grId, alone ? at(N + 3) : null, "v-bench-1");
      if (alone) dispose(n, "adopted", `個別の回答 ${n}`, null, null);
    }
  }
  // Organic comments outside answered groups: a quarter answered one by one (stock answers merge), the rest awaiting.
  const grouped = new Set(dispositions.map((x) => x.comment_id));
  corpus.forEach((_, n) => {
    if (grouped.has(comments[n]!.id)) return;
    if (rand() < 0.25) {
      stats.individual += 1;
      dispose(n, "noted", rand() < 0.5 ? STOCK[Math.floor(rand() * STOCK.length)]! : `ご意見 ${n} への個別の回答です。`, null, null);
    } else stats.awaiting += 1;
  });
  for (let i = 0; i < responses.length; i += BATCH) await k.insertInto("group_response").values(responses.slice(i, i + BATCH)).execute();
  for (let i = 0; i < dispositions.length; i += BATCH) await k.insertInto("disposition").values(dispositions.slice(i, i + BATCH)).execute();
  await sql`analyze`.execute(k);
  stats = { ...stats };
  return { consultation, rows: stats };
}

async function timed<T>(work: () => Promise<T>, runs: number): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await work();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), value };
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "margin-bench-results-"));
  const file = join(dir, "bench.sqlite");
  const db = createDb(`file:${file}`);
  try {
    const t0 = performance.now();
    const loaded = await load(db);
    process.stdout.write(`Loaded ${N} comments in ${fmt((performance.now() - t0) / 1000)} s (groups answered ${loaded.rows.groups}, answered alone ${loaded.rows.individual}, awaiting ${loaded.rows.awaiting}).\n`);
    const versions = await db.kysely.selectFrom("version").selectAll().where("consultation_id", "=", loaded.consultation.id).execute();
    const c = { ...loaded.consultation };

    heading(`In process, ${N} comments (median of ${RUNS})`);
    row(["what", "ms", "rows / items"]);
    await buildResults(db.kysely, c, versions, 1, { publicOnly: true }); // warm the page cache, as a running server's is
    const page = await timed(() => buildResults(db.kysely, c, versions, 1, { page: { offset: 0, limit: PAGE_ROWS }, publicOnly: true }), RUNS);
    const whole = await timed(() => buildResults(db.kysely, c, versions, 1, { publicOnly: true }), RUNS);
    const flat = await timed(() => buildReport(db.kysely, c, versions, 1), RUNS);
    const flatItems = flat.value!.sections.reduce((n, s) => n + s.rows.length, 0);
    row(["results table, one page (100 rows)", fmt(page.ms), `${page.value!.rows.length} of ${page.value!.totals.rows}`]);
    row(["results table, every row (downloads)", fmt(whole.ms), whole.value!.totals.rows]);
    row(["baseline: the flat report's build", fmt(flat.ms), flatItems]);
    row(["ratio page / flat report", fmt(page.ms / flat.ms, 3), ""]);
    process.stdout.write(`Counted ${whole.value!.totals.comments} public comments (flat report lists ${flatItems}); ${whole.value!.confidentialSubmissions} confidential counted apart.\n`);

    if (HTTP) {
      if (!existsSync(resolve(import.meta.dirname, "../build/server/index.js"))) {
        process.stdout.write("\nNo build/: run `npm run build` for the HTTP figures (or pass --no-http).\n");
      } else {
        const server = await startServer(`file:${file}`, { RESULTS_PAGE_ROWS: String(PAGE_ROWS), RESULTS_PDF_MAX_ROWS: "20000", RESULTS_PDF_TIMEOUT_MS: "120000", MIGRATE_ON_START: "0" });
        try {
          const get = async (path: string) => {
            const res = await fetch(`${server.url}${path}`);
            const body = new Uint8Array(await res.arrayBuffer());
            if (res.status !== 200) throw new Error(`${path}: ${res.status} ${new TextDecoder().decode(body.slice(0, 300))}`);
            return body.length;
          };
          const base = `/c/${SLUG}/v/1`;
          heading(`Through the server, ${N} comments`);
          row(["what", "ms (median)", "bytes", "runs"]);
          await get(`${base}/results`); // warm
          const html = await timed(() => get(`${base}/results`), RUNS);
          row(["results page, HTML (build + render)", fmt(html.ms), html.value, RUNS]);
          const flatRuns = Math.max(1, Math.min(RUNS, 2));
          // The flat report page lists every comment: at this size it may fail; that is the baseline's result.
          const t0 = performance.now();
          const flatPage = await timed(() => get(`${base}/report`), flatRuns).catch((e: unknown) => ({ ms: Number.NaN, value: `failed after ${fmt(performance.now() - t0)} ms: ${String(e).slice(0, 60)}` }));
          row(["baseline: the flat report page", fmt(flatPage.ms), flatPage.value, flatRuns]);
          row(["ratio results page / flat report page", fmt(html.ms / flatPage.ms, 3), "", ""]);
          const csv = await timed(() => get(`${base}/results.csv?bom=1`), Math.min(RUNS, 3));
          row(["results.csv (every row)", fmt(csv.ms), csv.value, Math.min(RUNS, 3)]);
          const flatCsv = await timed(() => get(`${base}/report.csv`), 1);
          row(["baseline: report.csv", fmt(flatCsv.ms), flatCsv.value, 1]);
          const pdfRuns = Math.min(RUNS, 3);
          const pdf = await timed(() => get(`${base}/results.pdf`), pdfRuns);
          row(["results.pdf (every row, Chromium)", fmt(pdf.ms), pdf.value, pdfRuns]);
          row(["server peak RSS (MB)", fmt(peakRssMb(server.process.pid!)), "", ""]);
          process.stdout.write("Targets: results HTML < 2000 ms, PDF < 10000 ms (issue 18).\n");
        } finally {
          await server.stop();
        }
      }
    }
    row(["bench process peak RSS (MB)", fmt(process.resourceUsage().maxRSS / 1024), "", ""]);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
