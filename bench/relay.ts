// The baseline for propagation: a bare in-memory y-websocket relay (sync and
// awareness, no auth, no storage), run as its own process like our server.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocketServer, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

interface Room {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  sockets: Set<WebSocket>;
}
const rooms = new Map<string, Room>();

function room(name: string): Room {
  const r = rooms.get(name);
  if (r) return r;
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const created: Room = { doc, awareness, sockets: new Set() };
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
    const msg = encoding.toUint8Array(e);
    for (const s of created.sockets) if (s !== origin) s.send(msg);
  });
  awareness.on("update", ({ added, updated, removed }: Record<string, number[]>) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added!, ...updated!, ...removed!]));
    const msg = encoding.toUint8Array(e);
    for (const s of created.sockets) s.send(msg);
  });
  rooms.set(name, created);
  return created;
}

const wss = new WebSocketServer({ noServer: true });
// Its only page says how many sockets are open, so a benchmark can wait for them to close.
const server = createServer((_req, res) => res.end(JSON.stringify({ connections: wss.clients.size })));
server.on("upgrade", (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    const r = room((req.url ?? "/").split("/").pop() ?? "");
    r.sockets.add(ws);
    ws.on("close", () => r.sockets.delete(ws));
    ws.on("message", (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(d);
      const e = encoding.createEncoder();
      if (type === 0) {
        encoding.writeVarUint(e, 0);
        syncProtocol.readSyncMessage(d, e, r.doc, ws);
        if (encoding.length(e) > 1) ws.send(encoding.toUint8Array(e));
      } else if (type === 1) {
        awarenessProtocol.applyAwarenessUpdate(r.awareness, decoding.readVarUint8Array(d), ws);
      }
    });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, r.doc);
    ws.send(encoding.toUint8Array(e));
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`relay listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
