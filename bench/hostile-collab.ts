// How long /healthz takes to answer while a hostile client floods a section
// with updates the editor cannot show (each refused with 4422), and while
// 2,000 WebSockets are attempted from one address (all but the cap refused
// with 429); the idle server in the same run is the baseline.
import WebSocket from "ws";
import { Browser } from "../tests/helpers/client.js";
import { FOREIGN_WRITES, closed, connectReplica, synced, syncUpdateMessage } from "../tests/helpers/collab.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startServer } from "../tests/helpers/server.js";
import { fmt, heading, percentile, row } from "./lib.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const FLOODERS = Number(process.env.BENCH_FLOODERS ?? 4);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 2_000);
const PASSWORD = "bench-password";

/** Sequential /healthz requests until `done` resolves; their latencies in ms. */
async function probe(url: string, done: Promise<unknown>): Promise<number[]> {
  let over = false;
  void done.then(() => (over = true));
  const times: number[] = [];
  while (!over) {
    const t = performance.now();
    const res = await fetch(`${url}/healthz`);
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  return times;
}

function report(label: string, times: number[], extra: string): void {
  const sorted = [...times].sort((a, b) => a - b);
  row([label, `${fmt(percentile(sorted, 50))} ms`, `${fmt(percentile(sorted, 99))} ms`, `${fmt(sorted[sorted.length - 1]!)} ms`, String(sorted.length), extra]);
}

const seconds = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

async function main() {
  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "error" });
  try {
    const owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    const cookie = `margin_session=${owner.cookie("margin_session")}`;
    const sections = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections.map((s: { id: string }) => s.id) as string[];
    const watcher = connectReplica(server.url, sections[0]!);
    await synced(watcher);
    const wsUrl = server.url.replace(/^http/, "ws");

    heading(`/healthz latency, ${SECONDS} s per phase (sequential requests)`);
    row(["", "p50", "p99", "max", "requests", ""]);
    // Warm up the route and the database connection.
    await probe(server.url, seconds(0.5));
    report("idle", await probe(server.url, seconds(SECONDS)), "");

    // Foreign-node flood: each flooder connects as a drafter, sends 20 table updates at once, and reconnects when closed.
    let refused = 0;
    let stop = false;
    const table = syncUpdateMessage(FOREIGN_WRITES.table!());
    const flooder = async () => {
      while (!stop) {
        const ws = new WebSocket(`${wsUrl}/collab/${sections[0]}`, { headers: { origin: server.origin, cookie } });
        const done = closed(ws);
        ws.on("error", () => undefined);
        ws.once("open", () => {
          for (let i = 0; i < 20; i++) ws.send(table);
        });
        if ((await done).code === 4422) refused++;
      }
    };
    const flooding = seconds(SECONDS);
    const flood = Array.from({ length: FLOODERS }, flooder);
    const floodTimes = await probe(server.url, flooding);
    stop = true;
    await Promise.all(flood);
    report(`foreign-node flood (${FLOODERS} clients)`, floodTimes, `${fmt(refused / SECONDS, 0)} refusals/s`);
    if (watcher.text().includes("in a cell")) throw new Error("a foreign update got through");

    // 2,000 sockets from one address, 100 attempts in flight at a time (more would stall this client's own loop, which measures).
    const sockets: WebSocket[] = [];
    let accepted = 0;
    let tooMany = 0;
    const attempt = () =>
      new Promise<void>((resolve) => {
        const ws = new WebSocket(`${wsUrl}/collab/${sections[1]}`, { headers: { origin: server.origin } });
        sockets.push(ws);
        ws.once("open", () => (accepted++, resolve()));
        ws.once("unexpected-response", (_req, res) => {
          if (res.statusCode === 429) tooMany++;
          res.resume();
          resolve();
        });
        ws.once("error", () => resolve());
      });
    const stormStarted = performance.now();
    let stormMs = 0;
    const storm = (async () => {
      let left = ATTEMPTS;
      await Promise.all(
        Array.from({ length: 100 }, async () => {
          while (left-- > 0) await attempt();
        }),
      );
      stormMs = performance.now() - stormStarted;
    })();
    const stormTimes = await probe(server.url, storm);
    report(`${ATTEMPTS} sockets from one address`, stormTimes, `${accepted} accepted, ${tooMany} refused 429 in ${fmt(stormMs, 0)} ms`);
    for (const ws of sockets) ws.terminate();
    watcher.destroy();
  } finally {
    await server.stop();
    await tdb.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
