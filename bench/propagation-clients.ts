// The clients side of the propagation benchmarks (bench/propagation.ts, bench/cluster.ts).
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { socketClass, waitFor } from "../tests/helpers/collab.js";

// Fifty providers each add an exit listener; that is expected here.
process.setMaxListeners(0);

export interface PropagationRun {
  writerBase: string;
  /** One reader per entry, connected to that node. */
  readerBases: string[];
  docName: string;
  writerCookie?: string;
  rate: number;
  seconds: number;
}

/**
 * One writer sets a counter `rate` times a second; every reader notes how
 * long each value took to reach it. Returns the latencies (ms), sorted, and
 * per reader base.
 */
export async function measurePropagation(run: PropagationRun): Promise<number[]> {
  const byBase = await measurePropagationByBase(run);
  return [...byBase.values()].flat().sort((a, b) => a - b);
}

export async function measurePropagationByBase(run: PropagationRun): Promise<Map<string, number[]>> {
  const { writerBase, readerBases, docName, writerCookie, rate: RATE, seconds: SECONDS } = run;
  const providers: { doc: Y.Doc; provider: WebsocketProvider; base: string }[] = [];
  for (const [i, base] of [writerBase, ...readerBases].entries()) {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${base.replace(/^http/, "ws")}/collab`, docName, doc, {
      WebSocketPolyfill: socketClass(new URL(base).origin, i === 0 ? writerCookie : undefined) as unknown as typeof WebSocket,
      disableBc: true,
    });
    providers.push({ doc, provider, base });
  }
  await waitFor(() => providers.every((p) => p.provider.synced), 30_000, "all clients to sync");
  const sentAt = new Map<number, number>();
  const latencies = new Map<string, number[]>(readerBases.map((b) => [b, []]));
  let measuring = false;
  for (const { doc, base } of providers.slice(1)) {
    const map = doc.getMap<number>("bench");
    let last = -1;
    doc.on("update", () => {
      const n = map.get("n");
      if (n === undefined || n === last) return;
      last = n;
      const t = sentAt.get(n);
      if (measuring && t !== undefined) latencies.get(base)!.push(performance.now() - t);
    });
  }
  const writer = providers[0]!.doc.getMap<number>("bench");
  const total = SECONDS * RATE;
  const warmup = RATE; // the first second warms up JIT and buffers
  for (let n = 0; n < total + warmup; n++) {
    measuring = n >= warmup;
    sentAt.set(n, performance.now());
    writer.set("n", n);
    await new Promise((r) => setTimeout(r, 1000 / RATE));
  }
  await new Promise((r) => setTimeout(r, 500));
  for (const p of providers) {
    p.provider.destroy();
    p.doc.destroy();
  }
  for (const list of latencies.values()) list.sort((a, b) => a - b);
  return latencies;
}

