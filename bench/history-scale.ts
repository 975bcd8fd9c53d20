// The section history and compare pages of a section with a long history: 10,000 change
// sets of drafting (a word typed or deleted at a random place in one of the section's
// paragraphs, now and then two at once), written through the server's own writeChangeSet,
// then the pages timed over HTTP on the real server. The baseline, in the same run, is the
// same pages for a section of the same demo with its few change sets.
//
//   npx tsx bench/history-scale.ts           (BENCH_CHANGE_SETS=10000, BENCH_REQUESTS=15)
import { createTestDatabase } from "../tests/helpers/databases.js";
import { writeDraftingHistory } from "../tests/helpers/drafting-history.js";
import { startServer } from "../tests/helpers/server.js";
import { fmt, heading, median, row } from "./lib.js";

const CHANGE_SETS = Number(process.env.BENCH_CHANGE_SETS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 15);
const SLUG = "ai-guideline";
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
  try {
    const pages = (section: string) => ({
      history: `${server.url}/c/${SLUG}/s/${section}/history`,
      compare: `${server.url}/c/${SLUG}/compare?section=${section}`,
    });
    const first = await timed(pages(long).history);
    heading(`Section history and compare at ${CHANGE_SETS.toLocaleString("en")} change sets (SQLite, ${REQUESTS} requests each, p50)`);
    row(["page (p50)", "few", `${CHANGE_SETS}`, "ratio", "page size"]);
    process.stdout.write(`(first request after start, nothing cached: ${fmt(first.ms)} ms)\n`);
    for (const page of ["history", "compare"] as const) {
      const base: number[] = [];
      const long_: number[] = [];
      let bytes = 0;
      // Interleaved, so the machine's noise falls on both alike.
      for (let i = 0; i < REQUESTS; i++) {
        base.push((await timed(pages(short)[page])).ms);
        const t = await timed(pages(long)[page]);
        long_.push(t.ms);
        bytes = t.bytes;
      }
      row([page, `${fmt(median(base))} ms`, `${fmt(median(long_))} ms`, `${fmt(median(long_) / median(base), 2)}×`, `${fmt(bytes / 1024, 0)} KiB`]);
    }
  } finally {
    await server.stop();
    await tdb.drop();
  }
}

await main();
