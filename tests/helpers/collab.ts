import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { FOOTNOTE_TEXT_MAX } from "../../common/editor-schema.js";

/** A `ws` WebSocket that sends our Origin and a session cookie, as a browser would. */
export function socketClass(origin: string, cookie?: string) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin, ...(cookie ? { cookie } : {}) } });
    }
  };
}

export interface Replica {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text(): string;
  destroy(): void;
}

/**
 * The stock y-websocket provider from Node, connected as the given cookie's user;
 * `clientId` reuses a Yjs client id, as a client reconnecting with the same document does.
 */
export function connectReplica(baseUrl: string, docName: string, cookie?: string, clientId?: number): Replica {
  const origin = new URL(baseUrl).origin;
  const doc = new Y.Doc();
  if (clientId !== undefined) doc.clientID = clientId;
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/collab`, docName, doc, {
    WebSocketPolyfill: socketClass(origin, cookie) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  return {
    doc,
    provider,
    text: () => fragmentText(doc),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The plain text of the editor fragment, paragraphs joined by newlines. */
export function fragmentText(doc: Y.Doc): string {
  return doc
    .getXmlFragment("default")
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((t) => (t instanceof Y.XmlText ? t.toString() : "")).join("") : ""))
    .join("\n");
}

/**
 * The replica's document as Yjs sees it: its state vector, and the editor fragment
 * (elements, attributes and text) rebuilt in a fresh Y.Doc from its whole state.
 */
export function yjsState(doc: Y.Doc): { vector: string; content: string } {
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
  const content = fresh.getXmlFragment("default").toJSON();
  fresh.destroy();
  return { vector: Buffer.from(Y.encodeStateVector(doc)).toString("base64"), content };
}

/** True when every doc has the same state vector and its state rebuilds the same document. */
export function sameYjsState(docs: Y.Doc[]): boolean {
  const [first, ...rest] = docs.map(yjsState);
  return rest.every((s) => s.vector === first!.vector && s.content === first!.content);
}

/** Polls until `check` passes or the time is up; no fixed sleeps. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function synced(r: Replica): Promise<void> {
  return waitFor(() => r.provider.synced, 10_000, "sync");
}

/** The first text node of the first paragraph, creating both if the doc is empty. */
export function firstText(doc: Y.Doc): Y.XmlText {
  const frag = doc.getXmlFragment("default");
  let p = frag.get(0) as Y.XmlElement | undefined;
  if (!p) {
    p = new Y.XmlElement("paragraph");
    frag.insert(0, [p]);
  }
  let t = p.get(0) as Y.XmlText | undefined;
  if (!(t instanceof Y.XmlText)) {
    t = new Y.XmlText();
    p.insert(0, [t]);
  }
  return t;
}

/** Opens a raw socket (no Yjs client) and resolves when it is open or rejected. */
export function rawSocket(baseUrl: string, path: string, headers: Record<string, string>): Promise<{ ws: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}${path}`, { headers });
    ws.once("open", () => resolve({ ws }));
    ws.once("unexpected-response", (_req, res) => resolve({ ws, status: res.statusCode }));
    ws.once("error", () => resolve({ ws, status: -1 }));
  });
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve({ code: -1, reason: "already closed" });
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

/** A y-websocket sync Update message carrying `update`, as a raw client would send it. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const out = new Uint8Array(update.length + 8);
  let n = 0;
  out[n++] = 0;
  out[n++] = 2;
  let len = update.length;
  while (len > 0x7f) {
    out[n++] = (len & 0x7f) | 0x80;
    len >>>= 7;
  }
  out[n++] = len;
  out.set(update, n);
  return out.subarray(0, n + update.length);
}

/**
 * What other editor bindings write and Margin's editor cannot show: the update
 * that a fresh client makes when it writes each of them.
 */
export const FOREIGN_WRITES: Record<string, () => Uint8Array> = {
  "table row outside a table": () =>
    writeWith((doc) => {
      const cell = new Y.XmlElement("tableCell");
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("in a cell")]);
      cell.insert(0, [p]);
      const row = new Y.XmlElement("tableRow");
      row.insert(0, [cell]);
      doc.getXmlFragment("default").insert(0, [row]);
    }),
  "oversized footnote": () =>
    writeWith((doc) => {
      const note = new Y.XmlElement("footnote");
      note.setAttribute("text", "x".repeat(FOOTNOTE_TEXT_MAX + 1));
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("noted"), note]);
      doc.getXmlFragment("default").insert(0, [p]);
    }),
  image: () =>
    writeWith((doc) => {
      const img = new Y.XmlElement("image");
      img.setAttribute("src", "https://example.org/cat.png");
      doc.getXmlFragment("default").insert(0, [img]);
    }),
  "plain text under another root": () => writeWith((doc) => doc.getText("notes").insert(0, "side notes")),
  "plain text under the editor's name": () => writeWith((doc) => doc.getText("default").insert(0, "plain text")),
  "unknown mark": () =>
    writeWith((doc) => {
      const p = new Y.XmlElement("paragraph");
      const t = new Y.XmlText();
      p.insert(0, [t]);
      doc.getXmlFragment("default").insert(0, [p]);
      t.insert(0, "sparkly words", { sparkle: {} });
    }),
};

function writeWith(write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  write(doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
