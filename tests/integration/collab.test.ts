import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import * as Y from "yjs";
import { Browser, openEventStream } from "../helpers/client.js";
import { closed, connectReplica, firstText, rawSocket, sameYjsState, synced, waitFor, yjsState, type Replica } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { joinTeam, newOutboxDir } from "../helpers/invitations.js";
import { startServer, type TestServer } from "../helpers/server.js";
import { CLOSE } from "../../common/close-codes.js";

const PASSWORD = "demo-password-1";

describe.each(databaseKinds())("co-editing on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let owner: Browser;
  let reader: Browser;
  let sections: string[];
  const replicas: Replica[] = [];
  const cookieOf = (b: Browser) => `margin_session=${b.cookie("margin_session")}`;
  const replica = (section: string, as?: Browser, clientId?: number) => {
    const r = connectReplica(server.url, section, as ? cookieOf(as) : undefined, clientId);
    replicas.push(r);
    return r;
  };
  const apiText = async (id: string) => (await (await fetch(`${server.url}/api/v1/sections/${id}`)).json()).text as string;
  const outbox = newOutboxDir();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COLLAB_CHANGESET_IDLE_MS: "150", COLLAB_CHECKPOINT_EVERY: "20", MAIL_OUTBOX_DIR: outbox });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    reader = new Browser(server.url);
    await reader.signIn("civil@example.org", PASSWORD);
    const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
    sections = c.sections.map((s: { id: string }) => s.id);
  });
  afterAll(async () => {
    for (const r of replicas) r.destroy();
    await server?.stop();
    await tdb?.drop();
  });

  it("serves the stored text to the stock y-websocket client", async () => {
    const r = replica(sections[0]!);
    await synced(r);
    expect(r.text()).toContain("The guideline does not create new legal obligations.");
    r.destroy();
  });

  it("converges: several writers with random edits and reconnects, then a reload from storage", async () => {
    const id = sections[1]!;
    const writers = [replica(id, owner), replica(id, owner), replica(id, owner)];
    const watcher = replica(id, reader);
    await Promise.all([...writers, watcher].map(synced));
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let round = 0; round < 60; round++) {
      const w = writers[rand(writers.length)]!;
      const t = firstText(w.doc);
      if (rand(4) === 0 && t.length > 5) t.delete(rand(t.length - 3), 1 + rand(3));
      else t.insert(rand(t.length + 1), `w${round} `);
      if (round === 20) writers[0]!.provider.disconnect();
      if (round === 30) {
        // A paragraph of its own, so the random deletes elsewhere cannot touch it.
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText("offline edit")]);
        writers[0]!.doc.getXmlFragment("default").push([p]);
      }
      if (round === 40) writers[0]!.provider.connect();
    }
    const expected = () => writers[1]!.text();
    // Converged means the same Yjs state (vector and document), not only the same text.
    await waitFor(() => [...writers, watcher].every((r) => r.text() === expected()) && sameYjsState([...writers, watcher].map((r) => r.doc)), 30_000, "replicas to converge");
    expect(expected()).toContain("offline edit");
    const converged = yjsState(writers[1]!.doc);
    await waitFor(async () => (await apiText(id)).startsWith(expected().split("\n")[0]!.slice(0, 40)), 5_000, "stored text");
    for (const r of [...writers, watcher]) r.destroy();
    await waitFor(async () => (await (await fetch(`${server.url}/healthz`)).json()).collab.docs === 0, 10_000, "document to unload");
    const fresh = replica(id);
    await synced(fresh);
    expect(fresh.text()).toBe(expected());
    expect(yjsState(fresh.doc)).toEqual(converged);
  });

  it("tells readers' pages that the text changed, and serves them the new text with no editor", async () => {
    const id = sections[3]!;
    const textNow = async () => (await (await reader.get(`/c/ai-guideline/s/${id}/text`)).json()) as { seq: number; doc: unknown };
    const before = await textNow();
    const stream = await openEventStream(`${server.url}/c/ai-guideline/s/${id}/events`);
    const told = stream.until("event: text");
    const w = replica(id, owner);
    await synced(w);
    firstText(w.doc).insert(0, "Readers see this sentence. ");
    expect(await told).toContain("event: text");
    stream.close();
    // What the reader's page fetches then: the text, at a later log position than the page was served with.
    await waitFor(async () => JSON.stringify((await textNow()).doc).includes("Readers see this sentence."), 5_000, "the new text");
    expect((await textNow()).seq).toBeGreaterThan(before.seq);
    // And a reload: the server-rendered reader view, with the new words and no editor.
    const page = parse(await (await reader.get(`/c/ai-guideline/s/${id}`)).text());
    expect(page.querySelector('[data-testid="section-text"]')?.text).toContain("Readers see this sentence.");
    expect(page.querySelectorAll(".ProseMirror, [contenteditable], [role=textbox]")).toHaveLength(0);
    w.destroy();
  });

  it("drops edits from read-only connections, via Update and via SyncStep2", async () => {
    const id = sections[2]!;
    const r = replica(id, reader);
    const anonymous = replica(id);
    await Promise.all([synced(r), synced(anonymous)]);
    const before = await apiText(id);
    firstText(r.doc).insert(0, "READER WAS HERE ");
    firstText(anonymous.doc).insert(0, "ANONYMOUS WAS HERE ");
    // A fresh reader connection sends its whole local state as SyncStep2.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(r.doc));
    const late = replica(id, reader);
    Y.applyUpdate(late.doc, Y.encodeStateAsUpdate(forged));
    await synced(late);
    const w = replica(id, owner);
    await synced(w);
    firstText(w.doc).insert(0, "DRAFTER ");
    await waitFor(() => r.text().includes("DRAFTER"), 5_000, "the drafter's edit to reach the reader");
    expect(w.text()).not.toContain("READER WAS HERE");
    expect(w.text()).not.toContain("ANONYMOUS WAS HERE");
    const after = await apiText(id);
    expect(after).toBe(`DRAFTER ${before}`);
    for (const x of [r, anonymous, late, w]) x.destroy();
  });

  it("takes a writer back at once when it reconnects before the server has seen its old socket close", async () => {
    // The stock client reuses its Y.Doc's client id; a reconnect in the same tick reaches the
    // server while the old socket is still attached there.
    const id = sections[sections.length - 1]!;
    const w = replica(id, owner);
    const watcher = replica(id, reader);
    await Promise.all([synced(w), synced(watcher)]);
    let closes = 0;
    w.provider.on("connection-close", () => closes++);
    for (let i = 0; i < 3; i++) {
      w.provider.disconnect();
      w.provider.connect();
      firstText(w.doc).insert(0, `again${i} `);
    }
    await waitFor(() => watcher.text().includes("again2"), 20_000, "the reconnected writer's edits");
    await synced(w);
    expect(sameYjsState([w.doc, watcher.doc])).toBe(true);
    // Only the three sockets the client closed itself: the server refused none.
    expect(closes).toBe(3);
  });

  it("lets a newer connection of the same person's client take its id over from the older one", async () => {
    // What a reconnect looks like when the server has not yet seen the old socket close (the same
    // tick, or a network that dropped without a close): the same Yjs client id, a second socket.
    // The stock client stops for good on a 44xx close, so refusing it would strand the writer.
    const id = sections[sections.length - 1]!;
    const watcher = replica(id, reader);
    const older = replica(id, owner);
    await Promise.all([synced(watcher), synced(older)]);
    older.provider.awareness.setLocalStateField("cursor", null);
    await waitFor(() => watcher.provider.awareness.getStates().has(older.doc.clientID), 5_000, "the older connection's presence");
    const olderCloses: number[] = [];
    older.provider.on("connection-close", (e: CloseEvent | null) => e && olderCloses.push(e.code));
    const newer = replica(id, owner, older.doc.clientID);
    const newerCloses: number[] = [];
    newer.provider.on("connection-close", (e: CloseEvent | null) => e && newerCloses.push(e.code));
    await waitFor(() => olderCloses.includes(CLOSE.replaced), 5_000, "the older socket to be closed as replaced");
    await synced(newer);
    firstText(newer.doc).insert(0, "TAKEN OVER ");
    await waitFor(() => watcher.text().startsWith("TAKEN OVER "), 5_000, "the newer connection's edit");
    expect(newerCloses).toEqual([]);
    expect(watcher.provider.awareness.getStates().has(newer.doc.clientID)).toBe(true);
    // Another person may not take the id: that connection is refused, the holder keeps it.
    const impostor = replica(id, reader, newer.doc.clientID);
    await waitFor(() => impostor.provider.ws === null && !impostor.provider.shouldConnect, 5_000, "the impostor to be refused");
    firstText(newer.doc).insert(0, "STILL HERE ");
    await waitFor(() => watcher.text().startsWith("STILL HERE "), 5_000, "the holder's next edit");
    // Yjs gives a document that receives its own client id from elsewhere a new one, which the
    // provider's presence does not follow (y-protocols then throws on destroy): put it back first.
    for (const r of [older, impostor]) r.doc.clientID = r.provider.awareness.clientID;
    for (const r of [watcher, older, newer, impostor]) r.destroy();
  });

  it("stamps presence with the server's identity and ignores other client ids", async () => {
    const id = sections[3]!;
    const a = replica(id, owner);
    const b = replica(id, reader);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField("user", { name: "Mallory the Minister", color: "#000" });
    await waitFor(() => [...b.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === "Olivia Owner"), 5_000, "stamped presence");
    const names = [...b.provider.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name);
    expect(names).not.toContain("Mallory the Minister");
    a.destroy();
    await waitFor(() => [...b.provider.awareness.getStates().keys()].every((k) => k === b.doc.clientID), 5_000, "presence to clear on leave");
    b.destroy();
  });

  it("refuses upgrades without our Origin, with a query string, or for unknown or private documents", async () => {
    const path = `/collab/${sections[0]}`;
    expect((await rawSocket(server.url, path, {})).status).toBe(403);
    expect((await rawSocket(server.url, path, { origin: "https://evil.example" })).status).toBe(403);
    expect((await rawSocket(server.url, `${path}?token=abc`, { origin: server.origin })).status).toBe(400);
    expect((await rawSocket(server.url, "/collab/aaaaaaaaaaaaaaaa", { origin: server.origin })).status).toBe(404);
    expect((await rawSocket(server.url, "/collab/../etc/passwd", { origin: server.origin })).status).toBe(404);
    // A draft consultation's section is invisible to outsiders.
    await owner.postForm("/consultations/new", { title: "Private", slug: "private-draft", summary: "", moderationMode: "post" });
    await owner.postForm("/c/private-draft/settings", { intent: "add-section", title: "Secret" });
    const draft = (await (await owner.get("/api/v1/consultations/private-draft")).json()).sections[0].id;
    expect((await rawSocket(server.url, `/collab/${draft}`, { origin: server.origin })).status).toBe(404);
    expect((await rawSocket(server.url, `/collab/${draft}`, { origin: server.origin, cookie: cookieOf(reader) })).status).toBe(404);
    const { ws, status } = await rawSocket(server.url, `/collab/${draft}`, { origin: server.origin, cookie: cookieOf(owner) });
    expect(status).toBeUndefined();
    ws.close();
  });

  it("closes only the offending socket on malformed frames, and keeps serving", async () => {
    const path = `/collab/${sections[4]}`;
    const headers = { origin: server.origin, cookie: cookieOf(owner) };
    const hugeCount = (() => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      const u = encoding.createEncoder();
      encoding.writeVarUint(u, 1);
      encoding.writeVarUint(u, 0x3fffffff);
      encoding.writeVarUint(u, 1);
      encoding.writeVarUint(u, 0);
      encoding.writeVarUint8Array(e, encoding.toUint8Array(u));
      return encoding.toUint8Array(e);
    })();
    const frames: (string | Uint8Array)[] = [
      "hello",
      new Uint8Array([]),
      new Uint8Array([42]),
      new Uint8Array([0, 0, 0xff, 0xff]),
      new Uint8Array([0, 7, 0]),
      hugeCount,
      new Uint8Array([1, 3, 1, 5, 0]),
    ];
    const watcher = replica(sections[4]!, reader);
    await synced(watcher);
    for (const frame of frames) {
      const { ws } = await rawSocket(server.url, path, headers);
      const done = closed(ws);
      ws.send(frame);
      const { code } = await done;
      expect(code).toBe(4400);
    }
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(watcher.provider.wsconnected).toBe(true);
    watcher.destroy();
  });

  it("closes sockets that send oversized frames or floods of tiny ones", async () => {
    const path = `/collab/${sections[4]}`;
    const headers = { origin: server.origin, cookie: cookieOf(owner) };
    const big = await rawSocket(server.url, path, headers);
    const bigClosed = closed(big.ws);
    big.ws.send(new Uint8Array(2 * 1024 * 1024 + 16));
    expect((await bigClosed).code).toBe(1009);

    const flood = await rawSocket(server.url, path, headers);
    const floodClosed = closed(flood.ws);
    // Query-awareness messages are harmless one by one; 400 at once exceed the burst.
    for (let i = 0; i < 400 && flood.ws.readyState === flood.ws.OPEN; i++) flood.ws.send(new Uint8Array([3]));
    expect((await floodClosed).code).toBe(4429);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("records change sets with authors, counts and hashes in the history API", async () => {
    const id = sections[5]!;
    const w = replica(id, owner);
    await synced(w);
    const t = firstText(w.doc);
    for (let i = 0; i < 30; i++) t.insert(0, "x");
    // The team sees the drafting before opening too; readers only what came after.
    const teamHistory = async (query = "") => (await owner.get(`/api/v1/sections/${id}/history${query}`)).json();
    await waitFor(async () => (await teamHistory()).items.length >= 2, 10_000, "a new change set");
    const history = await teamHistory();
    const latest = history.items[0];
    expect(latest.authors).toEqual([{ id: expect.any(String), name: "Olivia Owner", group: "government" }]);
    expect(latest.inserted).toBe(30);
    expect(latest.deleted).toBe(0);
    expect(latest.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(latest.seq).toBeGreaterThan(history.items[1].seq);
    const page = await teamHistory("?limit=1");
    expect(page.items).toHaveLength(1);
    const next = await teamHistory(`?limit=1&cursor=${page.nextCursor}`);
    expect(next.items[0].seq).toBeLessThan(page.items[0].seq);
    const publicHistory = await (await fetch(`${server.url}/api/v1/sections/${id}/history`)).json();
    expect(publicHistory.items.map((i: { seq: number }) => i.seq)).toEqual(history.items.slice(0, -1).map((i: { seq: number }) => i.seq));
    expect((await fetch(`${server.url}/api/v1/sections/nope/history`)).status).toBe(404);
    w.destroy();
  });

  it("closes the sockets of a session that signs out everywhere, at once", async () => {
    const b = new Browser(server.url);
    await b.signIn("industry@example.org", PASSWORD);
    const { ws } = await rawSocket(server.url, `/collab/${sections[0]}`, { origin: server.origin, cookie: cookieOf(b) });
    const done = closed(ws);
    await b.postForm("/account", { intent: "revoke-all" });
    const { code, reason } = await done;
    expect(code).toBe(4401);
    // The revocation itself closed it ("signed out"), not the minute-long session re-check ("session ended").
    expect(reason).toBe("signed out");
  });

  it("demotes a removed drafter's open connection", async () => {
    const drafter = new Browser(server.url);
    await drafter.signIn("industry@example.org", PASSWORD);
    await joinTeam(owner, drafter, "ai-guideline", "industry@example.org", "drafter", outbox);
    const { ws } = await rawSocket(server.url, `/collab/${sections[0]}`, { origin: server.origin, cookie: cookieOf(drafter) });
    const done = closed(ws);
    const page = await owner.get("/c/ai-guideline/settings");
    // The member's table row holds their remove form, and the form their id.
    const row = parse(await page.text()).querySelectorAll("tr").find((tr) => tr.text.includes("Ines Industry"));
    const userId = row?.querySelector('input[name="userId"]')?.getAttribute("value");
    expect(userId).toMatch(/^[a-z2-7]{16}$/);
    expect(userId).toBeDefined();
    const removed = await owner.postForm("/c/ai-guideline/settings", { intent: "remove-member", userId: userId! });
    expect(removed.status).toBe(302);
    expect((await done).code).toBe(4100);
  });
});
