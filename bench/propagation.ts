// Edit propagation on one section with 50 connected clients: Margin (auth,
// group-committed durable log, then fan-out) against a bare in-memory relay,
// measured in the same run on the same machine. One writer sends 20 updates/s.
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { Browser } from "../tests/helpers/client.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { ROOT, startServer } from "../tests/helpers/server.js";
import { fmt, heading, percentile, row } from "./lib.js";
import { measurePropagation } from "./propagation-clients.js";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const measure = (base: string, docName: string, writerCookie?: string) =>
  measurePropagation({ writerBase: base, readerBases: Array(CLIENTS - 1).fill(base), docName, writerCookie, rate: RATE, seconds: SECONDS });
const hasTaskset = spawnSync("taskset", ["-V"]).status === 0;

// The clients run here on core 1; each server runs pinned to core 0.
if (hasTaskset) spawnSync("taskset", ["-cp", "1", String(process.pid)]);

function startRelay(): Promise<{ url: string; stop: () => void }> {
  const cmd = hasTaskset ? "taskset" : process.execPath;
  const args = [...(hasTaskset ? ["-c", "0", process.execPath] : []), "--import", "tsx", resolve(ROOT, "bench/relay.ts")];
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolveRelay) => {
    child.stdout.on("data", (d: Buffer) => {
      const m = /listening on (\S+)/.exec(d.toString());
      if (m) resolveRelay({ url: m[1]!, stop: () => child.kill() });
    });
  });
}

async function main() {
  const relay = await startRelay();
  const relayLatencies = await measure(relay.url, "bench-room");
  relay.stop();

  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: "bench-password", LOG_LEVEL: "error", COLLAB_MESSAGES_PER_SECOND: "1000", COLLAB_MAX_CONNECTIONS_PER_IP: "100000" });
  if (hasTaskset) spawnSync("taskset", ["-cp", "0", String(server.process.pid)]);
  const owner = new Browser(server.url);
  await owner.signIn("owner@example.org", "bench-password");
  const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
  const ours = await measure(server.url, c.sections[0].id, `margin_session=${owner.cookie("margin_session")}`);
  await server.stop();
  await tdb.drop();

  heading(`Edit propagation, ${CLIENTS} clients on one document, ${RATE} updates/s for ${SECONDS}s${hasTaskset ? " (server on core 0, clients on core 1)" : ""}`);
  row(["server", "p50 ms", "p99 ms", "samples"]);
  row(["bare in-memory relay (baseline)", fmt(percentile(relayLatencies, 50)), fmt(percentile(relayLatencies, 99)), relayLatencies.length]);
  row(["Margin (SQLite, durable before fan-out)", fmt(percentile(ours, 50)), fmt(percentile(ours, 99)), ours.length]);
  row(["ratio Margin / relay", `${fmt(percentile(ours, 50) / percentile(relayLatencies, 50), 2)}×`, `${fmt(percentile(ours, 99) / percentile(relayLatencies, 99), 2)}×`, ""]);
}

await main();
process.exit(0);
