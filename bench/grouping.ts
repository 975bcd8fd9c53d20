// Campaign detection at the size (issue 18, ADR 030): the generator's
// consultation (default 50,000 comments, 10 sections, 30% from 5 campaigns with
// small edits, half Japanese) fed through the real engine (assignGroups, inside
// a transaction, as createComment calls it) into a real SQLite file. Prints
// pairwise recall and precision against the generator's ground truth next to
// the exact-duplicate baseline (hash of the normalised text), the time to place
// one comment (p50/p95 over the last 1,000) next to a brute-force all-pairs
// Jaccard comparison per comment, and peak RSS.
//   npx tsx bench/grouping.ts [--n 5000]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { createDb } from "../db/client.js";
import { migrateToLatest } from "../db/migrator.js";
import type { CommentRow } from "../db/schema.js";
import { CAMPAIGN_DEFAULTS, configureCampaigns } from "../server/domain/grouping/campaigns.js";
import { assignGroups } from "../server/domain/grouping/index.js";
import { normaliseText, shingleHashes } from "../server/domain/grouping/minhash.js";
import { campaignScores, generateCorpus } from "./corpus.js";
import { fmt, heading, percentile, row } from "./lib.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg("n") ?? process.env.BENCH_COMMENTS ?? 50_000);
const SECTIONS = 10;
const PEOPLE = 1_000;
/** Comments per transaction while loading (each still placed by its own assignGroups call). */
const BATCH = 250;
/** Comments whose placement is timed: the last ones, against the fullest database. */
const TIMED = Math.min(1_000, Math.floor(N / 5));
/** Comments compared against every other one by the brute-force baseline. */
const BRUTE_SAMPLE = 20;
const THRESHOLD = arg("threshold");
const MIN_SHINGLES = arg("min-shingles");
const overrides = { ...(THRESHOLD ? { threshold: Number(THRESHOLD) } : {}), ...(MIN_SHINGLES ? { minShingles: Number(MIN_SHINGLES) } : {}) };
configureCampaigns(overrides);
const minShingles = MIN_SHINGLES ? Number(MIN_SHINGLES) : CAMPAIGN_DEFAULTS.minShingles;

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(16 - prefix.length, "0")}`;
const iso = (n: number) => new Date(Date.UTC(2026, 11, 1) + n * 1000).toISOString();

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function commentRow(n: number, body: string, sectionId: string): CommentRow {
  return {
    id: id("c", n), section_id: sectionId, consultation_id: "k000000000000001", author_id: id("u", n % PEOPLE), parent_id: null, kind: "comment", body,
    replacement: null, anchor_start: null, anchor_end: null, quote_exact: null, quote_prefix: null, quote_suffix: null, position_start: null, position_end: null,
    base_seq: 0, visibility: "public", status: "published", suggestion_status: null, decided_by: null, decided_at: null, decision_reason: null, applied_seq: null,
    moderation_reason: null, review_requested_at: null, publication: "name", redacted_of: null, created_at: iso(n), edited_at: null, deleted_at: null,
  };
}

/** Sorted shingle sets compared by merging: the cheapest exact all-pairs comparison. */
function sortedJaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union === 0 ? 0 : both / union;
}

async function main() {
  const items = generateCorpus({ total: N, sections: SECTIONS });
  const dir = mkdtempSync(join(tmpdir(), "margin-bench-grouping-"));
  const db = createDb(`file:${join(dir, "grouping.sqlite")}`, { poolSize: 1 });
  try {
    await migrateToLatest(db.kysely);
    const k = db.kysely;
    for (let start = 0; start < PEOPLE; start += 500) {
      await k.insertInto("user").values(Array.from({ length: 500 }, (_, j) => ({ id: id("u", start + j), email: `u${start + j}@example.org`, display_name: `Person ${start + j}`, organisation: "", stakeholder_group: "individual" as const, password_hash: "x", site_role: "member" as const, created_at: iso(-10) }))).execute();
    }
    await k.insertInto("consultation").values({ id: "k000000000000001", slug: "bench", title: "Bench", summary: "", status: "open", opens_at: null, closes_at: null, moderation_mode: "post", created_by: id("u", 0), created_at: iso(-5), updated_at: iso(-5) }).execute();
    const sections = Array.from({ length: SECTIONS }, (_, s) => id("s", s));
    for (const [i, s] of sections.entries()) await k.insertInto("section").values({ id: s, consultation_id: "k000000000000001", position: i, title: `Section ${i + 1}`, created_at: iso(-1), updated_at: iso(-1) }).execute();

    const times: number[] = [];
    /** The same, for texts long enough to be compared (the rest are placed by an exact bucket or not at all). */
    const longTimes: number[] = [];
    /** CPU time (user + system) of the same calls: on a shared machine, wall time also counts waiting for a core. */
    const cpuTimes: number[] = [];
    const t0 = performance.now();
    for (let start = 0; start < N; start += BATCH) {
      await k.transaction().execute(async (tx) => {
        for (let n = start; n < Math.min(N, start + BATCH); n++) {
          const row = commentRow(n, items[n]!.body, sections[items[n]!.section]!);
          await tx.insertInto("comment").values(row).execute();
          const a = performance.now();
          const cpu = process.cpuUsage();
          await assignGroups(tx, "sqlite", row);
          if (n >= N - TIMED) {
            const ms = performance.now() - a;
            const used = process.cpuUsage(cpu);
            cpuTimes.push((used.user + used.system) / 1000);
            times.push(ms);
            if (shingleHashes(row.body).length >= minShingles) longTimes.push(ms);
          }
        }
      });
      sampleRss();
    }
    const loadS = (performance.now() - t0) / 1000;

    const members = await k.selectFrom("comment_group_member").select(["comment_id", "group_id"]).where("kind", "=", "campaign").execute();
    const groupOf = new Map(members.map((m) => [m.comment_id, m.group_id]));
    const found = campaignScores(items, items.map((_, n) => groupOf.get(id("c", n)) ?? null));
    if (process.env.BENCH_DEBUG) {
      const byGroup = new Map<string, number[]>();
      items.forEach((_, n) => {
        const g = groupOf.get(id("c", n));
        if (g) byGroup.set(g, [...(byGroup.get(g) ?? []), n]);
      });
      const mixed = [...byGroup.values()].map((ns) => ({ ns, organic: ns.filter((n) => items[n]!.campaign === null).length })).filter((g) => g.organic > 0).sort((a, b) => b.ns.length - a.ns.length);
      for (const g of mixed.slice(0, 8)) process.stdout.write(`group of ${g.ns.length} (${g.organic} organic): ${g.ns.slice(0, 3).map((n) => items[n]!.body.slice(0, 90)).join(" | ")}\n`);
      process.stdout.write(`campaign items in no group: ${items.filter((it, n) => it.campaign !== null && !groupOf.has(id("c", n))).length}; groups per campaign: ${[0, 1, 2, 3, 4].map((c) => new Set(items.map((it, n) => (it.campaign === c ? groupOf.get(id("c", n)) : undefined)).filter(Boolean)).size).join(",")}\n`);
    }
    const groups = await k.selectFrom("comment_group").select((eb) => [eb.fn.countAll<number>().as("n")]).where("kind", "=", "campaign").executeTakeFirstOrThrow();
    const lshRows = await sql<{ n: number }>`select count(*) as n from comment_lsh`.execute(k);

    // Baseline 1: exact duplicates of the normalised text.
    const exact = campaignScores(items, items.map((it) => normaliseText(it.body)));
    // Baseline 2: every new comment compared exactly with every earlier one (the cost LSH avoids).
    const sets = items.map((it) => shingleHashes(it.body).sort());
    sampleRss();
    const brute: number[] = [];
    for (let s = 0; s < BRUTE_SAMPLE; s++) {
      const n = N - 1 - s;
      const a = performance.now();
      let best = 0;
      for (let m = 0; m < n; m++) best = Math.max(best, sortedJaccard(sets[n]!, sets[m]!));
      brute.push(performance.now() - a);
    }
    brute.sort((a, b) => a - b);
    times.sort((a, b) => a - b);
    longTimes.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    sampleRss();

    const truth = items.filter((it) => it.campaign !== null).length;
    heading(`Campaigns: ${N.toLocaleString("en")} comments, ${SECTIONS} sections, ${truth.toLocaleString("en")} from 5 campaigns, half Japanese (SQLite file, loaded in ${fmt(loadS)} s)`);
    process.stdout.write(`settings: ${JSON.stringify({ ...CAMPAIGN_DEFAULTS, ...overrides })}\n`);
    process.stdout.write(`campaign groups formed: ${groups.n}; LSH rows: ${Number(lshRows.rows[0]!.n).toLocaleString("en")} (${fmt(Number(lshRows.rows[0]!.n) / N)} per comment)\n`);
    row(["detection (pairwise, vs ground truth)", "recall", "precision", "target"]);
    row(["MinHash/LSH (the engine)", fmt(found.recall, 4), fmt(found.precision, 4), "≥ 0.95 / ≥ 0.99"]);
    row(["baseline: exact hash of normalised text", fmt(exact.recall, 4), fmt(exact.precision, 4), ""]);
    row(["time per comment", "p50 ms", "p95 ms", "target"]);
    row([`assignGroups (campaign+topic), last ${TIMED}`, fmt(percentile(times, 50), 2), fmt(percentile(times, 95), 2), "p50 < 5 ms"]);
    row([`  the same, CPU time`, fmt(percentile(cpuTimes, 50), 2), fmt(percentile(cpuTimes, 95), 2), ""]);
    row([`  of which long enough to compare (${longTimes.length})`, fmt(percentile(longTimes, 50), 2), fmt(percentile(longTimes, 95), 2), ""]);
    row([`baseline: brute-force exact Jaccard vs all (${BRUTE_SAMPLE} comments)`, fmt(percentile(brute, 50), 2), fmt(percentile(brute, 95), 2), ""]);
    process.stdout.write(`ratio brute-force / engine (p50): ${fmt(percentile(brute, 50) / percentile(times, 50), 0)}×\n`);
    process.stdout.write(`peak RSS: ${fmt(peakRss / 1024 / 1024, 0)} MB\n`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
