// The replay worker's body (ADR 042): opens the source verify reads at the address it
// is given, replays each section as soon as the main thread adds it, reading the next
// section's history meanwhile, and posts what it derived. It judges nothing.
import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "../../db/client.js";
import { replayHistory, type ReplayReply, type ReplayRequest } from "./replay.js";
import { HttpError, databaseSource, httpSource } from "./sources.js";
import type { LedgerSource, SourceAddress } from "./wire.js";

const address = workerData as SourceAddress;
const source: Pick<LedgerSource, "sectionHistory"> = address.kind === "database" ? databaseSource(createDb(address.url, { poolSize: 1 })) : httpSource(address.url);

/** Sections to replay, and sections replayed before their texts were wanted, in the order asked. */
const queue: { sectionId: string; textsOnly: boolean }[] = [];
const replayed = new Set<string>();
let wanted: Map<string, Set<number>> | null = null;
let running = false;

const post = (reply: ReplayReply) => parentPort!.postMessage(reply);

function read(sectionId: string) {
  const p = source.sectionHistory(sectionId);
  p.catch(() => undefined);
  return p;
}

async function run(): Promise<void> {
  if (running) return;
  running = true;
  try {
    let next: { sectionId: string; history: ReturnType<typeof read> } | null = null;
    while (queue.length > 0) {
      const job = queue.shift()!;
      const history = next?.sectionId === job.sectionId ? next.history : read(job.sectionId);
      next = queue.length > 0 ? { sectionId: queue[0]!.sectionId, history: read(queue[0]!.sectionId) } : null;
      const replay = replayHistory(job.sectionId, await history, wanted?.get(job.sectionId) ?? new Set());
      if (job.textsOnly) post({ type: "texts", sectionId: job.sectionId, texts: replay.texts });
      else post({ type: "replay", replay, textsKnown: wanted !== null });
    }
  } catch (e) {
    post({ type: "error", message: e instanceof Error ? e.message : String(e), http: e instanceof HttpError });
  } finally {
    running = false;
  }
}

parentPort!.on("message", (request: ReplayRequest) => {
  if (request.type === "add") {
    replayed.add(request.sectionId);
    queue.push({ sectionId: request.sectionId, textsOnly: false });
  } else {
    // Sections already replayed (or queued) without knowing their texts are replayed again for them.
    const queued = new Set(queue.map((j) => j.sectionId));
    wanted = new Map(request.wanted.map(([sectionId, seqs]) => [sectionId, new Set(seqs)]));
    for (const sectionId of wanted.keys()) if (replayed.has(sectionId) && !queued.has(sectionId)) queue.push({ sectionId, textsOnly: true });
  }
  void run();
});
