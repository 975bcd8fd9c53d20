// The health probe of bench/healthz-under-readers.ts, in a process of its own: an
// orchestrator's probe does not share an event loop with the load, so the figure is
// the server's answer time, not the time the 200 readers' process took to get round
// to reading it.
import { pathToFileURL } from "node:url";

export interface ProbeRun {
  url: string;
  ms: number;
  intervalMs: number;
}

export interface ProbeResult {
  /** Milliseconds from request to the whole answer read, in order. */
  latencies: number[];
  /** Answers other than 200, and requests that failed. */
  failures: number;
}

async function probe(run: ProbeRun): Promise<ProbeResult> {
  const until = performance.now() + run.ms;
  const result: ProbeResult = { latencies: [], failures: 0 };
  while (performance.now() < until) {
    const t0 = performance.now();
    try {
      const res = await fetch(run.url);
      await res.arrayBuffer();
      if (res.status !== 200) result.failures++;
    } catch {
      result.failures++;
    }
    result.latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, run.intervalMs));
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await probe(JSON.parse(process.argv[2]!) as ProbeRun);
  // Exits only once the parent has the result (process.send is asynchronous).
  await new Promise<void>((resolve) => process.send!(result, undefined, undefined, () => resolve()));
  process.exit(0);
}
