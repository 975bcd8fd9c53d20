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
 * One writer types into the section's text `rate` times a second, one character per
 * update (the editor's own shape: a paragraph's text in the "default" fragment, which
 * the server's schema check accepts); every reader notes how long each keystroke took
 * to reach it, recognised by the writer's Yjs clock. Returns the latencies (ms), sorted.
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
  const writerDoc = providers[0]!.doc;
  const text = firstParagraphText(writerDoc);
  await waitFor(() => providers.every((p) => Y.getState(p.doc.store, writerDoc.clientID) === Y.getState(writerDoc.store, writerDoc.clientID)), 30_000, "the writer's paragraph to reach every client");
  // Keyed by the writer's clock after each keystroke (one character = one clock tick).
  const sentAt = new Map<number, number>();
  const latencies = new Map<string, number[]>(readerBases.map((b) => [b, []]));
  let measuring = false;
  for (const { doc, base } of providers.slice(1)) {
    let last = -1;
    doc.on("update", () => {
      const clock = Y.getState(doc.store, writerDoc.clientID);
      if (clock === last) return;
      last = clock;
      const t = sentAt.get(clock);
      if (measuring && t !== undefined) latencies.get(base)!.push(performance.now() - t);
    });
  }
  const total = SECONDS * RATE;
  const warmup = RATE; // the first second warms up JIT and buffers
  for (let n = 0; n < total + warmup; n++) {
    measuring = n >= warmup;
    text.insert(text.length, String.fromCharCode(97 + (n % 26)));
    sentAt.set(Y.getState(writerDoc.store, writerDoc.clientID), performance.now());
    await new Promise((r) => setTimeout(r, 1000 / RATE));
  }
  await new Promise((r) => setTimeout(r, 500));
  for (const p of providers) {
    p.provider.destroy();
    p.doc.destroy();
  }
  for (const [base, list] of latencies) {
    // Nothing arriving means the server refused the writer (signed out, or its updates refused): a failed run, not a figure.
    if (list.length === 0) throw new Error(`no keystroke reached the readers on ${base}: the writer's updates were refused or lost`);
    list.sort((a, b) => a - b);
  }
  return latencies;
}


/** The first paragraph's text in the editor's fragment, made first when the document is empty (the bare relay). */
function firstParagraphText(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment("default");
  for (const node of fragment.toArray()) {
    if (node instanceof Y.XmlElement && node.nodeName === "paragraph") {
      const first = node.get(0);
      if (first instanceof Y.XmlText) return first;
    }
  }
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  fragment.push([paragraph]);
  return text;
}
