// One client process of the propagation benchmarks (bench/propagation-clients.ts forks it):
// either a group of readers or one typist, so that typing, reading and serving each
// have their own process, as they would on people's machines.
//
// Times are CLOCK_MONOTONIC (process.hrtime), the one clock every process on the
// machine shares, so a keystroke's send time and its arrival in another process compare.
import { pathToFileURL } from "node:url";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { socketClass, waitFor } from "../tests/helpers/collab.js";
import { seededRandom } from "../tests/helpers/random.js";

export type ClientRole =
  | { role: "readers"; bases: string[]; docName: string; typistIds: number[] }
  | { role: "typist"; base: string; docName: string; cookie?: string; clientId: number; keysPerSecond: number; seed: number; burstKeys: [number, number]; pauseMs: number }
  /** Sends `updates` one-character updates as fast as its socket takes them (bench/persist.ts). */
  | { role: "flood"; base: string; docName: string; cookie?: string; clientId: number; updates: number };

export type ToClient = { type: "go"; untilMs: number } | { type: "drain"; finals: Record<number, number> };

export type FromClient =
  | { type: "ready" }
  | { type: "sent"; clientId: number; final: number; keys: [clock: number, at: number][] }
  | { type: "flooded"; clientId: number; final: number }
  /** Per reader (in the order of `bases`): for each typist, [clock, arrival] pairs. */
  | { type: "received"; perReader: [typistId: number, clock: number, at: number][][] }
  | { type: "error"; message: string };

/** Milliseconds on the machine-wide monotonic clock. */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

const SYNC_BUDGET_MS = Number(process.env.BENCH_SYNC_BUDGET_MS ?? 120_000);
const WORDS = "the council should publish its data openly and explain how each decision on the guideline was reached before it applies to anyone".split(" ");

process.setMaxListeners(0);

/**
 * A stock client. Readers publish no presence: the stock client sends back every
 * presence change it hears, so 50 publishing clients make 50 × 50 messages at each
 * 15-second renewal, which buried the bare relay's own readers (a presence storm,
 * measured in bench/reconnect-storm.ts, not a measure of edits).
 */
function connect(base: string, docName: string, cookie?: string, clientId?: number, presence = true): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  if (clientId !== undefined) doc.clientID = clientId;
  const provider = new WebsocketProvider(`${base.replace(/^http/, "ws")}/collab`, docName, doc, {
    WebSocketPolyfill: socketClass(new URL(base).origin, cookie) as unknown as typeof WebSocket,
    disableBc: true,
    connect: false,
  });
  if (!presence) provider.awareness.setLocalState(null);
  provider.connect();
  return { doc, provider };
}

/**
 * Resolves once the message is written to the parent. A reader's arrivals of a long
 * round are megabytes, and exiting before the IPC pipe has them loses them silently.
 */
const send = (m: FromClient) => new Promise<void>((resolve, reject) => process.send!(m, undefined, undefined, (e) => (e ? reject(e) : resolve())));
const next = () => new Promise<ToClient>((resolve) => process.once("message", (m) => resolve(m as ToClient)));

async function readers(run: Extract<ClientRole, { role: "readers" }>): Promise<void> {
  const clients = run.bases.map((base) => connect(base, run.docName, undefined, undefined, false));
  await waitFor(() => clients.every((c) => c.provider.synced), SYNC_BUDGET_MS, "the readers to sync");
  const perReader = clients.map(({ doc }) => {
    const seen: [number, number, number][] = [];
    const last = new Map(run.typistIds.map((id) => [id, Y.getState(doc.store, id)]));
    doc.on("update", () => {
      const at = now();
      for (const id of run.typistIds) {
        const clock = Y.getState(doc.store, id);
        const before = last.get(id)!;
        if (clock === before) continue;
        // Several keystrokes can arrive in one message: each arrived now.
        for (let c = before + 1; c <= clock; c++) seen.push([id, c, at]);
        last.set(id, clock);
      }
    });
    return seen;
  });
  await send({ type: "ready" });
  const drain = await next();
  if (drain.type !== "drain") throw new Error("expected drain");
  const finals = Object.entries(drain.finals).map(([id, clock]) => [Number(id), clock] as const);
  const behind = () => clients.filter(({ doc }) => !finals.every(([id, clock]) => Y.getState(doc.store, id) >= clock));
  try {
    await waitFor(() => behind().length === 0, SYNC_BUDGET_MS, "every keystroke to reach every reader");
  } catch (e) {
    // Say which readers are behind, and whether their sockets are still open, so a failed run can be read.
    const lagging = behind().map(({ doc, provider }) => `${finals.map(([id, clock]) => `${Y.getState(doc.store, id)}/${clock}`).join(" ")}${provider.wsconnected ? "" : " (disconnected)"}`);
    throw new Error(`${(e as Error).message}: ${lagging.length} of ${clients.length} readers behind: ${lagging.slice(0, 5).join("; ")}`);
  }
  for (const c of clients) c.provider.destroy();
  await send({ type: "received", perReader });
}

/** Connects a writer, makes its own paragraph at the end, says it is ready and waits for the go. */
async function writerReady(run: { base: string; docName: string; cookie?: string; clientId: number }) {
  const { doc, provider } = connect(run.base, run.docName, run.cookie, run.clientId);
  await waitFor(() => provider.synced, SYNC_BUDGET_MS, "a writer to sync");
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  const fragment = doc.getXmlFragment("default");
  fragment.insert(fragment.length, [paragraph]);
  await send({ type: "ready" });
  const go = await next();
  if (go.type !== "go") throw new Error("expected go");
  return { doc, provider, text, go };
}

/**
 * Types like a person: bursts of words at `keysPerSecond` into its own paragraph,
 * an occasional backspace, and a pause longer than a change set's idle close after
 * each burst, so the server closes and folds change sets while others type.
 */
async function typist(run: Extract<ClientRole, { role: "typist" }>): Promise<void> {
  const { doc, provider, text, go } = await writerReady(run);
  const random = seededRandom(run.seed);
  const keys: [number, number][] = [];
  const interval = 1000 / run.keysPerSecond;
  let due = now();
  let burst = 0;
  let word = "";
  const [minBurst, maxBurst] = run.burstKeys;
  let burstLength = minBurst + random(maxBurst - minBurst + 1);
  while (now() < go.untilMs) {
    const wait = due - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (word === "") word = `${WORDS[random(WORDS.length)]} `;
    if (random(40) === 0 && text.length > 0) {
      text.delete(text.length - 1, 1); // a correction: not counted, as it adds no clock tick
    } else {
      text.insert(text.length, word[0]!);
      word = word.slice(1);
      keys.push([Y.getState(doc.store, doc.clientID), now()]);
    }
    due += interval;
    if (++burst >= burstLength) {
      burst = 0;
      burstLength = minBurst + random(maxBurst - minBurst + 1);
      due += run.pauseMs;
    }
  }
  await send({ type: "sent", clientId: doc.clientID, final: Y.getState(doc.store, doc.clientID), keys });
  // Stay connected until the parent has drained the readers, then go.
  await next();
  provider.destroy();
}

/** How many updates a flooding client makes before it lets its socket write. */
const FLOOD_SLICE = 200;

async function flood(run: Extract<ClientRole, { role: "flood" }>): Promise<void> {
  const { doc, provider, text } = await writerReady(run);
  for (let n = 0; n < run.updates; n++) {
    text.insert(text.length, String.fromCharCode(97 + (n % 26)));
    if (n % FLOOD_SLICE === FLOOD_SLICE - 1) await new Promise((r) => setImmediate(r));
  }
  await send({ type: "flooded", clientId: doc.clientID, final: Y.getState(doc.store, doc.clientID) });
  await next();
  provider.destroy();
}

// Run as a forked client (the parent imports this file for its types and clock only).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const role = JSON.parse(process.argv[2]!) as ClientRole;
  try {
    await (role.role === "readers" ? readers(role) : role.role === "typist" ? typist(role) : flood(role));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`benchmark client (${role.role}): ${message}\n`);
    // Exits only once the parent has the message (process.send is asynchronous).
    await send({ type: "error", message }).catch(() => {});
    process.exit(1);
  }
  process.disconnect?.();
  process.exit(0);
}
