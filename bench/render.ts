// Server render time of a section page with 1,000 comments, against the same
// page of a section with none, on one running server.
import { Browser } from "../tests/helpers/client.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startServer } from "../tests/helpers/server.js";
import { fmt, heading, percentile, row } from "./lib.js";

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60);

async function timeRenders(url: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS + 5; i++) {
    const start = performance.now();
    const res = await fetch(url);
    await res.text();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    if (i >= 5) samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

async function main() {
  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: "bench-password", LOG_LEVEL: "error", COMMENT_LIMIT_PER_MINUTE: "100000" });
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
  const quietTimes = await timeRenders(`${server.url}/c/ai-guideline/s/${quiet}`);
  const busyTimes = await timeRenders(`${server.url}/c/ai-guideline/s/${busy}`);
  await server.stop();
  await tdb.drop();
  heading(`Section page server render (${REQUESTS} sequential requests each, anonymous reader)`);
  row(["page", "p50 ms", "p99 ms"]);
  row(["section with no comments (baseline)", fmt(percentile(quietTimes, 50)), fmt(percentile(quietTimes, 99))]);
  row([`section with ${COMMENTS} comments`, fmt(percentile(busyTimes, 50)), fmt(percentile(busyTimes, 99))]);
  row(["ratio", `${fmt(percentile(busyTimes, 50) / percentile(quietTimes, 50), 2)}×`, ""]);
}

await main();
process.exit(0);
