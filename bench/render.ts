// Server render time of a section page with 1,000 comments, against the same
// page of a section with none, on one running server, interleaved. It counts what the
// pages render: the rail pages its threads (RAIL_PAGE_SIZE), so the bench walks every page
// and checks that every thread was shown once.
import { Browser } from "../tests/helpers/client.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startServer } from "../tests/helpers/server.js";
import { fmt, heading, percentile, row, summarise } from "./lib.js";

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60);
const TARGET_RATIO = 1.5;

/** One request: its time, and how many threads and anchored passages the page carries. */
async function render(url: string): Promise<{ ms: number; threads: number; bytes: number }> {
  const start = performance.now();
  const res = await fetch(url);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return { ms: performance.now() - start, threads: (html.match(/<article[^>]* id="thread-/g) ?? []).length, bytes: html.length };
}

/** The rail's page count, from its "Page 1 of N". */
function pagesOf(html: string): number {
  const m = /Page 1 of (\d+)/.exec(html);
  return m ? Number(m[1]) : 1;
}

async function main() {
  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, {
    SEED_DEMO: "1",
    DEMO_PASSWORD: "bench-password",
    LOG_LEVEL: "error",
    COMMENT_LIMIT_PER_MINUTE: "100000",
    // e.g. "--require ./profiler.cjs" to profile the server while it renders.
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
  });
  const b = new Browser(server.url);
  await b.signIn("industry@example.org", "bench-password");
  const created = await b.postForm("/account", { intent: "create-token", name: "bench" });
  const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
  const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
  const [busy, quiet] = [c.sections[2].id as string, c.sections[3].id as string];
  const text = (await (await fetch(`${server.url}/api/v1/sections/${busy}`)).json()).text as string;
  const words = text.split(/\s+/);
  for (let i = 0; i < COMMENTS; i++) {
    const at = (i * 7) % (words.length - 4);
    const exact = words.slice(at, at + 3).join(" ");
    const body = { body: `Comment ${i} on this passage: please clarify.`, ...(i % 3 === 0 ? {} : { selector: { type: "TextQuoteSelector", exact } }) };
    const res = await fetch(`${server.url}/api/v1/sections/${busy}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`comment ${i}: ${res.status} ${await res.text()}`);
  }
  const quietUrl = `${server.url}/c/ai-guideline/s/${quiet}`;
  const busyUrl = `${server.url}/c/ai-guideline/s/${busy}`;
  const pages = pagesOf(await (await fetch(busyUrl)).text());
  const quietTimes: number[] = [];
  const busyTimes: number[] = [];
  const everyPage: number[] = [];
  let shown = 0;
  let bytes = 0;
  // Warm up, then interleave the two pages (and walk every page of the rail), so the noise falls on all alike.
  for (let i = 0; i < 5; i++) await Promise.all([render(quietUrl), render(busyUrl)]);
  for (let i = 0; i < REQUESTS; i++) {
    quietTimes.push((await render(quietUrl)).ms);
    const first = await render(busyUrl);
    busyTimes.push(first.ms);
    bytes = first.bytes;
    const page = 1 + (i % pages);
    const p = page === 1 ? first : await render(`${busyUrl}?page=${page}`);
    everyPage.push(p.ms);
    if (i < pages) shown += p.threads;
  }
  await server.stop();
  await tdb.drop();
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const [q, b1, all] = [sorted(quietTimes), sorted(busyTimes), sorted(everyPage)];
  heading(`Section page server render (${REQUESTS} requests each, interleaved, anonymous reader)`);
  process.stdout.write(`${COMMENTS} comments, two thirds anchored; the rail shows them in ${pages} pages, ${shown} threads counted over all pages (${fmt(bytes / 1024, 0)} KiB first page)\n`);
  row(["page", "p50 ms", "p99 ms", "p50 vs none"]);
  row(["section with no comments (baseline)", fmt(percentile(q, 50)), fmt(percentile(q, 99)), "1.00×"]);
  row([`${COMMENTS} comments, first page`, fmt(percentile(b1, 50)), fmt(percentile(b1, 99)), `${fmt(percentile(b1, 50) / percentile(q, 50), 2)}×`]);
  row([`${COMMENTS} comments, every page in turn`, fmt(percentile(all, 50)), fmt(percentile(all, 99)), `${fmt(percentile(all, 50) / percentile(q, 50), 2)}×`]);
  const ratio = percentile(all, 50) / percentile(q, 50);
  summarise({
    figure: `Section page render, ${COMMENTS.toLocaleString("en")} comments (every rail page), p50`,
    baseline: `${fmt(percentile(q, 50))} ms (no comments)`,
    margin: `${fmt(percentile(all, 50))} ms`,
    ratio: `${fmt(ratio, 2)}×`,
    target: `≤ ${TARGET_RATIO}×`,
    met: ratio <= TARGET_RATIO,
  });
}

await main();
process.exit(0);
