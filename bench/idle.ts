// Memory of the server with 1,000 idle, synced WebSocket connections (stock
// provider, spread over the demo's sections), against the same server idle.
import { readFileSync } from "node:fs";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { socketClass, waitFor } from "../tests/helpers/collab.js";
import { createTestDatabase } from "../tests/helpers/databases.js";
import { startServer } from "../tests/helpers/server.js";
import { fmt, heading, row } from "./lib.js";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1000);
process.setMaxListeners(0);

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function main() {
  const tdb = await createTestDatabase("sqlite");
  const server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: "bench-password", LOG_LEVEL: "error", COLLAB_MAX_CONNECTIONS_PER_IP: "100000" });
  const pid = server.process.pid!;
  const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
  const ids: string[] = c.sections.map((s: { id: string }) => s.id);
  // Warm the server up (routes, documents) so the baseline is a server in use, not a cold one.
  for (const id of ids) await fetch(`${server.url}/api/v1/sections/${id}`);
  const before = rssMiB(pid);

  const origin = new URL(server.url).origin;
  const clients: { doc: Y.Doc; provider: WebsocketProvider }[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${server.url.replace(/^http/, "ws")}/collab`, ids[i % ids.length]!, doc, {
      WebSocketPolyfill: socketClass(origin) as unknown as typeof WebSocket,
      disableBc: true,
    });
    clients.push({ doc, provider });
    if (i % 100 === 99) await waitFor(() => clients.every((x) => x.provider.synced), 60_000, "clients to sync");
  }
  await waitFor(() => clients.every((x) => x.provider.synced), 60_000, "clients to sync");
  const health = await (await fetch(`${server.url}/healthz`)).json();
  const during = rssMiB(pid);
  for (const x of clients) {
    x.provider.destroy();
    x.doc.destroy();
  }
  await waitFor(async () => (await (await fetch(`${server.url}/healthz`)).json()).collab.connections === 0, 30_000, "connections to close");
  const docsAfter = (await (await fetch(`${server.url}/healthz`)).json()).collab.docs;
  await server.stop();
  await tdb.drop();

  heading(`Idle WebSocket connections (${CONNECTIONS} synced clients over ${ids.length} sections)`);
  row(["measure", "value"]);
  row(["server RSS before (warm, no sockets)", `${fmt(before)} MiB`]);
  row([`server RSS with ${health.collab.connections} connections`, `${fmt(during)} MiB`]);
  row(["per connection", `${fmt(((during - before) * 1024) / CONNECTIONS)} KiB`]);
  row(["documents loaded after all closed", docsAfter]);
}

await main();
process.exit(0);
