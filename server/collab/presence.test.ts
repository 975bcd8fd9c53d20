import * as decoding from "lib0/decoding";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate as encodeAwarenessUpdateOf, removeAwarenessStates } from "y-protocols/awareness";
import type { UserProfile } from "../../db/queries/user.js";
import { CLOSE } from "./limits.js";
import { REMOTE, fromClient } from "./origins.js";
import { createPresence, identity, presenceColour, relayPresence } from "./presence.js";
import { InFlight } from "./in-flight.js";
import { MESSAGE_AWARENESS, encodeAwarenessUpdate, readAwarenessUpdate } from "./protocol.js";
import type { Conn, LoadedDoc } from "./state.js";
import { CONSULTATION, SECTION, fakeConn, recordingBus } from "./test-support.js";

const una = { id: "useraaaaaaaaaaaa", display_name: "Una", stakeholder_group: "industry" } as UserProfile;
const vic = { id: "userbbbbbbbbbbbb", display_name: "Vic", stakeholder_group: "academia" } as UserProfile;

function liveDoc(): LoadedDoc {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  return { sectionId: SECTION, consultationId: CONSULTATION, doc, awareness, conns: new Set(), seq: 0, ahead: new Set(), gapTimer: null, inflight: new InFlight(), failed: false, guard: null };
}

const claim = (clientId: number, clock: number, state: unknown) => encodeAwarenessUpdate([{ clientId, clock, state }]);

describe("presence", () => {
  let d: LoadedDoc;
  let closed: { c: Conn; code: number; reason: string }[];
  beforeEach(() => {
    d = liveDoc();
    closed = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    d.awareness.destroy();
    d.doc.destroy();
  });
  const presence = (awarenessPerSecond = 10, maxPresenceStates = 100) =>
    createPresence({ limits: { maxAwarenessBytes: 1024, awarenessPerSecond, maxPresenceStates }, close: (c, code, reason) => closed.push({ c, code, reason }) });
  const relay = (deps: Omit<Parameters<typeof relayPresence>[1], "limits">) => relayPresence(d, { limits: { presenceFlushMs: 100 }, ...deps });

  it("stamps the server's identity over whatever the client claims", () => {
    const { conn } = fakeConn({ access: "write", user: una });
    d.conns.add(conn);
    presence().handle(conn, d, claim(7, 1, { user: { id: "someone-else", name: "The Admin", color: "#000" }, cursor: { anchor: 1 }, readOnly: false }));
    expect(conn.clientId).toBe(7);
    expect(d.awareness.getStates().get(7)).toEqual({ user: identity(una), cursor: { anchor: 1 }, readOnly: false });
    expect(identity(una)).toEqual({ id: una.id, name: "Una", color: presenceColour(una.id), group: "industry" });
  });

  it("gives readers no cursor and marks them read-only; readers not signed in have no presence", () => {
    const reader = fakeConn({ access: "read", user: una }).conn;
    const anonymous = fakeConn({ access: "read", user: null }).conn;
    const p = presence();
    p.handle(reader, d, claim(8, 1, { cursor: { anchor: 3 }, readOnly: false }));
    p.handle(anonymous, d, claim(9, 1, { cursor: { anchor: 3 } }));
    expect(d.awareness.getStates().get(8)).toEqual({ user: identity(una), cursor: null, readOnly: true });
    expect(d.awareness.getStates().has(9)).toBe(false);
  });

  it("binds a connection to its first client id, ignores echoes of others, and refuses another person's claim to an id in use", () => {
    const a = fakeConn({ access: "write", user: una }).conn;
    const b = fakeConn({ access: "write", user: vic }).conn;
    d.conns.add(a).add(b);
    const p = presence();
    p.handle(a, d, claim(1, 1, { cursor: null }));
    p.handle(a, d, encodeAwarenessUpdate([{ clientId: 2, clock: 5, state: { cursor: null } }]));
    expect([...d.awareness.getStates().keys()]).toEqual([1]);
    p.handle(b, d, claim(1, 2, { cursor: null }));
    expect(closed).toMatchObject([{ c: b, code: CLOSE.forbidden }]);
    expect(a.clientId).toBe(1);
    expect(b.clientId).toBeNull();
  });

  it("lets the same person's newer connection take an id over, closing the older one as replaced", () => {
    const older = fakeConn({ access: "write", user: una }).conn;
    const newer = fakeConn({ access: "write", user: una }).conn;
    d.conns.add(older).add(newer);
    const p = presence();
    p.handle(older, d, claim(1, 1, { cursor: null }));
    p.handle(newer, d, claim(1, 2, { cursor: { anchor: 4 } }));
    expect(closed).toMatchObject([{ c: older, code: CLOSE.replaced }]);
    // The older one gave the id up, so its detaching cannot remove the newer one's presence.
    expect(older.clientId).toBeNull();
    expect(newer.clientId).toBe(1);
    expect(d.awareness.getStates().get(1)).toMatchObject({ cursor: { anchor: 4 } });
  });

  it("closes a connection whose state is too large", () => {
    const a = fakeConn({ access: "write", user: una }).conn;
    presence().handle(a, d, claim(1, 1, { cursor: "x".repeat(2000) }));
    expect(closed).toMatchObject([{ c: a, code: CLOSE.tooLarge }]);
    expect(d.awareness.getStates().size).toBe(0);
  });

  it("over the rate, keeps only the newest state and applies it shortly after", async () => {
    // 2 a second: one state now, the rest wait; the bucket holds 2.
    const a = fakeConn({ access: "write", user: una }, { awarenessPerSecond: 2 }).conn;
    const p = presence(2);
    p.handle(a, d, claim(1, 1, { cursor: { anchor: 1 } }));
    p.handle(a, d, claim(1, 2, { cursor: { anchor: 2 } }));
    p.handle(a, d, claim(1, 3, { cursor: { anchor: 3 } }));
    p.handle(a, d, claim(1, 4, { cursor: { anchor: 4 } }));
    expect(d.awareness.getStates().get(1)).toMatchObject({ cursor: { anchor: 2 } });
    expect(a.pendingAwareness).not.toBeNull();
    await new Promise((r) => setTimeout(r, 700));
    expect(d.awareness.getStates().get(1)).toMatchObject({ cursor: { anchor: 4 } });
    expect(a.pendingAwareness).toBeNull();
  });

  it("relays a client's presence to the others (not back to it) and to other nodes; another node's only locally", () => {
    vi.useFakeTimers();
    const bus = recordingBus(true);
    const a = fakeConn({ access: "write", user: una });
    const b = fakeConn({ access: "read", user: null });
    d.conns.add(a.conn).add(b.conn);
    const attached = new Set<Conn>([a.conn, b.conn]);
    relay({ bus, nodeId: "this-node", send: (c, m) => (c === a.conn ? a.sent : b.sent).push(m), isAttached: (c) => attached.has(c) });
    presence().handle(a.conn, d, claim(1, 1, { cursor: null }));
    expect(a.sent).toEqual([]);
    expect(b.sent.length).toBe(1);
    const dec = decoding.createDecoder(b.sent[0]!);
    expect(decoding.readVarUint(dec)).toBe(MESSAGE_AWARENESS);
    expect(readAwarenessUpdate(decoding.readVarUint8Array(dec))[0]).toMatchObject({ clientId: 1, state: { user: { id: una.id } } });
    expect(bus.published).toMatchObject([{ type: "doc.awareness", node: "this-node", sectionId: SECTION }]);

    // From another node: to local connections only.
    const other = new Y.Doc();
    const theirs = new Awareness(other);
    theirs.setLocalState({ user: { id: "z" } });
    const before = bus.published.length;
    applyAwarenessUpdate(d.awareness, encodeAwarenessUpdateOf(theirs, [other.clientID]), REMOTE);
    vi.advanceTimersByTime(100);
    expect(d.awareness.getStates().get(other.clientID)).toEqual({ user: { id: "z" } });
    expect(bus.published.length).toBe(before);
    expect(a.sent.length).toBe(1);
    theirs.destroy();
    // A detached connection's leaving is not relayed to other nodes.
    attached.delete(a.conn);
    removeAwarenessStates(d.awareness, [1], fromClient(a.conn));
    vi.advanceTimersByTime(100);
    expect(d.awareness.getStates().has(1)).toBe(false);
    expect(b.sent.length).toBe(3);
    expect(bus.published.length).toBe(before);
  });

  it("relays at most one presence message per peer per flush interval, carrying every change of that interval", () => {
    // The stock client answers every presence message with one of its own: with a message per change, N clients
    // joining at once cost N² messages each way, and the peers' echoes ran into the per-socket message limit (4429).
    vi.useFakeTimers();
    const bus = recordingBus(true);
    const watcher = fakeConn({ access: "read", user: null });
    d.conns.add(watcher.conn);
    relay({ bus, nodeId: "this-node", send: (c, m) => c === watcher.conn && watcher.sent.push(m), isAttached: () => true });
    const p = presence();
    const joiners = Array.from({ length: 5 }, (_, i) => {
      const j = fakeConn({ access: "write", user: i % 2 ? una : vic }).conn;
      d.conns.add(j);
      p.handle(j, d, claim(100 + i, 1, { cursor: null }));
      return j;
    });
    // The first change goes out at once; the rest of the interval's wait for its end, together.
    expect(watcher.sent.length).toBe(1);
    vi.advanceTimersByTime(100);
    expect(watcher.sent.length).toBe(2);
    const ids = (m: Uint8Array) => {
      const dec = decoding.createDecoder(m);
      decoding.readVarUint(dec);
      return readAwarenessUpdate(decoding.readVarUint8Array(dec)).map((e) => e.clientId);
    };
    expect(watcher.sent.flatMap(ids).sort()).toEqual([100, 101, 102, 103, 104]);
    expect(bus.published.length).toBe(2);
    // A quiet interval later, the next change again goes out at once.
    vi.advanceTimersByTime(100);
    p.handle(joiners[0]!, d, claim(100, 2, { cursor: { anchor: 1 } }));
    expect(watcher.sent.length).toBe(3);
  });

  it("shares readers' presence only while the section holds fewer states than the cap; writers' always", () => {
    const p = presence(10, 2);
    const readers = [1, 2, 3].map((id) => {
      const r = fakeConn({ access: "read", user: una }).conn;
      d.conns.add(r);
      p.handle(r, d, claim(id, 1, { cursor: null }));
      return r;
    });
    const writer = fakeConn({ access: "write", user: vic }).conn;
    d.conns.add(writer);
    p.handle(writer, d, claim(4, 1, { cursor: { anchor: 2 } }));
    expect([...d.awareness.getStates().keys()].sort()).toEqual([1, 2, 4]);
    // The reader left out is still bound to its id and keeps its socket; a reader already shared may still update.
    expect(readers[2]!.clientId).toBe(3);
    expect(closed).toEqual([]);
    p.handle(readers[0]!, d, claim(1, 2, { cursor: null }));
    expect(d.awareness.meta.get(1)?.clock).toBe(2);
  });
});
