// Topics (issue 18, ADR 031): the generator's comments (bench/corpus.ts: 50,000 by default,
// 10 sections, 30% campaigns, half Japanese) placed one by one by the real engine
// (assignTopic, each in its own transaction) into a real SQLite file. Prints the topics'
// purity (share of comments in a topic whose majority theme is theirs) and homogeneity
// against the generator's themes, the number of topics, the p50/p99 of one assignment, and
// two baselines measured in the same run: "one topic per section" (what the team has
// today) and batch k-means (k = the number of themes × languages, 10 iterations) over the
// same TF-IDF vectors, with its time.
//   npx tsx bench/topics.ts [--n 50000] [--threshold 0.2] [--candidates 200] [--no-compounds]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { createDb } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import type { CommentRow } from "../db/schema.js";
import { assignTopic, DEFAULT_TOPIC_SETTINGS } from "../server/domain/grouping/topics.js";
import { cosine, normalise, termCounts, tfidf, type TermVector } from "../server/domain/grouping/terms.js";
import { generateCorpus } from "./corpus.js";
import { fmt, heading, percentile, row } from "./lib.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const N = Number(arg("n") ?? 50_000);
const SECTIONS = 10;
const settings = { threshold: Number(arg("threshold") ?? DEFAULT_TOPIC_SETTINGS.threshold), candidates: Number(arg("candidates") ?? DEFAULT_TOPIC_SETTINGS.candidates) };

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(16 - prefix.length, "0")}`;

/** Purity (majority label share, weighted) and homogeneity (1 − H(class|cluster)/H(class)). */
function scores(clusterOf: (string | null)[], truth: string[]): { purity: number; homogeneity: number; clusters: number } {
  const by = new Map<string, Map<string, number>>();
  let n = 0;
  for (const [i, c] of clusterOf.entries()) {
    if (c === null) continue;
    n++;
    const m = by.get(c) ?? new Map<string, number>();
    m.set(truth[i]!, (m.get(truth[i]!) ?? 0) + 1);
    by.set(c, m);
  }
  let majority = 0;
  let hcGivenK = 0;
  const classTotals = new Map<string, number>();
  for (const m of by.values()) {
    const size = [...m.values()].reduce((a, b) => a + b, 0);
    majority += Math.max(...m.values());
    for (const [cls, k] of m) {
      classTotals.set(cls, (classTotals.get(cls) ?? 0) + k);
      hcGivenK -= (k / n) * Math.log(k / size);
    }
  }
  let hc = 0;
  for (const k of classTotals.values()) hc -= (k / n) * Math.log(k / n);
  return { purity: majority / n, homogeneity: hc === 0 ? 1 : 1 - hcGivenK / hc, clusters: by.size };
}

function kmeans(vectors: TermVector[], k: number, iterations: number): number[] {
  // Deterministic seeds: evenly spaced items.
  let centroids = Array.from({ length: k }, (_, i) => vectors[Math.floor((i * vectors.length) / k)]!);
  let assign = new Array<number>(vectors.length).fill(0);
  for (let it = 0; it < iterations; it++) {
    assign = vectors.map((v) => {
      let best = 0;
      let bestSim = -1;
      for (const [j, c] of centroids.entries()) {
        const s = cosine(v, c);
        if (s > bestSim) [best, bestSim] = [j, s];
      }
      return best;
    });
    const sums = Array.from({ length: k }, () => new Map<string, number>());
    for (const [i, v] of vectors.entries()) for (const [t, w] of v) sums[assign[i]!]!.set(t, (sums[assign[i]!]!.get(t) ?? 0) + w);
    centroids = sums.map((s, j) => (s.size ? normalise(s) : centroids[j]!));
  }
  return assign;
}

async function main() {
  const corpus = generateCorpus({ total: N, sections: SECTIONS, campaignShare: 0.3, campaigns: 5, japaneseShare: 0.5, seed: 18 });
  const dir = mkdtempSync(join(tmpdir(), "margin-bench-topics-"));
  const db = createDb(`file:${join(dir, "bench.sqlite")}`);
  try {
    await migrateToLatest(db.kysely);
    const k = db.kysely;
    // The engine's time is measured inside each transaction; the commit's fsync is the comment's, not grouping's,
    // so the load skips it (50,000 fsyncs would only make the run long).
    await sql`pragma synchronous = normal`.execute(k);
    const at = new Date(Date.UTC(2026, 11, 1)).toISOString();
    await k.insertInto("user").values({ id: id("u", 0), email: "bench@example.org", display_name: "Bench", organisation: "", stakeholder_group: "individual", password_hash: "x", site_role: "member", created_at: at }).execute();
    await k.insertInto("consultation").values({ id: id("k", 0), slug: "bench", title: "Bench", summary: "", status: "open", opens_at: null, closes_at: null, moderation_mode: "post", created_by: id("u", 0), created_at: at, updated_at: at }).execute();
    for (let s = 0; s < SECTIONS; s++) await k.insertInto("section").values({ id: id("s", s), consultation_id: id("k", 0), position: s, title: `Section ${s}`, created_at: at, updated_at: at }).execute();

    const times: number[] = [];
    const rss: number[] = [];
    for (const [n, item] of corpus.entries()) {
      const row: CommentRow = {
        id: id("c", n), section_id: id("s", item.section), consultation_id: id("k", 0), author_id: id("u", 0), parent_id: null, kind: "comment", body: item.body, replacement: null,
        anchor_start: null, anchor_end: null, quote_exact: null, quote_prefix: null, quote_suffix: null, position_start: null, position_end: null, base_seq: 0, visibility: "public",
        status: "published", suggestion_status: null, decided_by: null, decided_at: null, decision_reason: null, applied_seq: null, moderation_reason: null, review_requested_at: null,
        publication: "name", redacted_of: null, created_at: at, edited_at: null, deleted_at: null,
      };
      // As in createComment: the comment and its grouping in one transaction; the time is the engine's, inside it (the commit's fsync is the comment's).
      await k.transaction().execute(async (tx) => {
        await tx.insertInto("comment").values(row).execute();
        const t0 = performance.now();
        await assignTopic(tx, db.dialect, row, settings);
        times.push(performance.now() - t0);
      });
      if (n % 5000 === 0) rss.push(process.memoryUsage().rss);
    }
    const members = await k.selectFrom("comment_group_member").select(["comment_id", "group_id"]).where("kind", "=", "topic").execute();
    const groupOf = new Map(members.map((m) => [m.comment_id, m.group_id]));
    const clusterOf = corpus.map((_, n) => groupOf.get(id("c", n)) ?? null);
    const truth = corpus.map((c) => String(c.theme));
    const truthLang = corpus.map((c) => `${c.theme}:${c.lang}`);
    const engine = scores(clusterOf, truth);
    const engineLang = scores(clusterOf, truthLang);
    const sizes = (await k.selectFrom("comment_group").select("size").where("kind", "=", "topic").execute()).map((r) => Number(r.size)).sort((a, b) => b - a);
    const covered = sizes.filter((_, i) => i < 20).reduce((a, b) => a + b, 0) / N;
    times.sort((a, b) => a - b);

    // Baseline 1: one topic per section.
    const perSection = scores(corpus.map((c) => String(c.section)), truth);
    // Baseline 2: batch k-means over the same TF-IDF vectors (document frequencies of the whole corpus).
    const t1 = performance.now();
    const counts = corpus.map((c) => termCounts(c.body));
    const df = new Map<string, number>();
    for (const c of counts) for (const t of Object.keys(c)) df.set(t, (df.get(t) ?? 0) + 1);
    const vectors = counts.map((c) => tfidf(c, (t) => df.get(t) ?? 1, N));
    const clustersK = new Set(truthLang).size;
    const km = kmeans(vectors, clustersK, 10);
    const kmTime = performance.now() - t1;
    const kmScores = scores(km.map(String), truth);

    heading(`Topics: ${N} comments, ${SECTIONS} sections, threshold ${settings.threshold}, ${settings.candidates} candidates`);
    row(["method", "purity (theme)", "homogeneity", "purity (theme+lang)", "topics", "time"]);
    row(["incremental TF-IDF (ours)", fmt(engine.purity, 3), fmt(engine.homogeneity, 3), fmt(engineLang.purity, 3), engine.clusters, `${fmt(times.reduce((a, b) => a + b, 0) / 1000, 1)} s total`]);
    row(["baseline: one per section", fmt(perSection.purity, 3), fmt(perSection.homogeneity, 3), "-", perSection.clusters, "0"]);
    row([`baseline: batch k-means (k=${clustersK}, 10 it.)`, fmt(kmScores.purity, 3), fmt(kmScores.homogeneity, 3), fmt(scores(km.map(String), truthLang).purity, 3), clustersK, `${fmt(kmTime / 1000, 1)} s`]);
    console.log(`\nassign one comment: p50 ${fmt(percentile(times, 50), 2)} ms, p99 ${fmt(percentile(times, 99), 2)} ms (target p50 < 5 ms, campaign + topic together)`);
    console.log(`k-means per comment (amortised, one batch run): ${fmt(kmTime / N, 2)} ms; a re-run per new comment would cost the whole ${fmt(kmTime / 1000, 1)} s each time`);
    console.log(`unassigned: ${clusterOf.filter((c) => c === null).length}; largest topics: ${sizes.slice(0, 12).join(", ")}; 20 largest cover ${fmt(covered * 100, 1)}%; singletons ${sizes.filter((s) => s === 1).length}`);
    console.log(`peak RSS ${fmt(Math.max(...rss, process.memoryUsage().rss) / 2 ** 20, 0)} MiB`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
