// The section history and compare pages of a section with a long history: 10,000 change
// sets of drafting (a word typed or deleted at a random place in one of the section's
// paragraphs, now and then two at once), written through the server's own writeChangeSet,
// then the pages timed over HTTP on the real server. Baselines, interleaved in the same run:
// the same pages for a section of the same demo with its few change sets, and the long
// section's pages on a second server that keeps no replay points (HISTORY_CACHE_MB=0).
//
//   npx tsx bench/history-scale.ts           (BENCH_CHANGE_SETS=10000, BENCH_REQUESTS=15)
import { createTestDatabase } from "../tests/helpers/databases.js";
import { writeDraftingHistory } from "../tests/helpers/drafting-history.js";
import { startServer } from "../tests/helpers/server.js";
import { fmt, heading, median, row, summarise } from "./lib.js";

const CHANGE_SETS = Number(process.env.BENCH_CHANGE_SETS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 15);
const SLUG = "ai-guideline";
const TARGET_P50_MS = 100;
async function timed(url: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { accept: "text/html" } });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
  return { ms, bytes: body.length };
}

async function main() {
  const tdb = await createTestDatabase("sqlite");
  const seeding = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_REQUESTS: "0", DEMO_JAPANESE: "0", LOG_LEVEL: "error" });
  await seeding.stop();
  const t0 = performance.now();
  const { long, short } = await writeDraftingHistory(tdb.url, SLUG, CHANGE_SETS);
  process.stdout.write(`wrote ${CHANGE_SETS.toLocaleString("en")} change sets in ${fmt((performance.now() - t0) / 1000)} s\n`);
  const server = await startServer(tdb.url, { LOG_LEVEL: "error" });
  // The same pages on a server that keeps no points: every request replays from the first change set.
  const replaying = await startServer(tdb.url, { LOG_LEVEL: "error", HISTORY_CACHE_MB: "0" });
  try {
    const pages = (url: string, section: string) => ({
      history: `${url}/c/${SLUG}/s/${section}/history`,
      compare: `${url}/c/${SLUG}/compare?section=${section}`,
    });
    const first = await timed(pages(server.url, long).history);
    heading(`Section history and compare at ${CHANGE_SETS.toLocaleString("en")} change sets (SQLite, ${REQUESTS} requests each, p50)`);
    row(["page (p50)", "few", "replay all", "kept points", "vs few", "vs replay", "page size"]);
    process.stdout.write(`(the first request after start, which keeps the points: ${fmt(first.ms)} ms)\n`);
    for (const page of ["history", "compare"] as const) {
      const base: number[] = [];
      const all: number[] = [];
      const kept: number[] = [];
      let bytes = 0;
      // Interleaved, so the machine's noise falls on all three alike.
      for (let i = 0; i < REQUESTS; i++) {
        base.push((await timed(pages(server.url, short)[page])).ms);
        all.push((await timed(pages(replaying.url, long)[page])).ms);
        const t = await timed(pages(server.url, long)[page]);
        kept.push(t.ms);
        bytes = t.bytes;
      }
      const [b, a, k] = [median(base), median(all), median(kept)];
      row([page, `${fmt(b)} ms`, `${fmt(a)} ms`, `${fmt(k)} ms`, `${fmt(k / b, 2)}×`, `${fmt(k / a, 2)}×`, `${fmt(bytes / 1024, 0)} KiB`]);
      summarise({
        figure: `Section ${page} page at ${CHANGE_SETS.toLocaleString("en")} change sets, p50`,
        baseline: `${fmt(a)} ms (replay from the first)`,
        margin: `${fmt(k)} ms`,
        ratio: `${fmt(k / a, 2)}×`,
        target: `< ${TARGET_P50_MS} ms`,
        met: k < TARGET_P50_MS,
      });
    }
  } finally {
    await server.stop();
    await replaying.stop();
    await tdb.drop();
  }
}

await main();
