import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { listSectionUpdatesAfter } from "../../db/queries/collab.js";
import { createChangeSets } from "./change-sets.js";
import { FRAGMENT, docToText } from "./content.js";
import { InFlight } from "./in-flight.js";
import { createRegistry, loadDocument } from "./registry.js";
import { buildParts } from "./service.js";
import type { LoadedDoc } from "./state.js";
import { CONSULTATION, SECTION, createTestDb, fakeConn, recordingBus, silentLogger, testDeps, type TestDb } from "./test-support.js";

/** The update a client makes by appending `text` to the first paragraph of `doc`. */
function appendUpdate(doc: Y.Doc, text: string): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(client);
  const p = client.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement;
  const t = p.get(0) as Y.XmlText;
  t.insert(t.length, text);
  return Y.encodeStateAsUpdate(client, before);
}

describe("the document registry", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("Hello world");
  });
  afterEach(async () => {
    await t.drop();
  });

  it("loads a document once however many ask for it at the same time", async () => {
    const changeSets = createChangeSets({ db: t.db, bus: recordingBus(false), limits: testDeps(t.db, recordingBus()).limits, logger: silentLogger });
    let loads = 0;
    const registry = createRegistry({
      logger: silentLogger,
      load: (s, c) => {
        loads += 1;
        return loadDocument(t.db, s, c, changeSets.foldNow);
      },
      flushBeforeUnload: async () => undefined,
      onFail: () => undefined,
    });
    const all = await Promise.all([1, 2, 3].map(() => registry.acquire(SECTION, CONSULTATION)));
    expect(loads).toBe(1);
    expect(all[1]).toBe(all[0]);
    expect(all[2]).toBe(all[0]);
    expect(docToText(all[0]!.doc)).toBe("Hello world");
    expect(registry.size()).toBe(1);
  });

  it("forgets a load that failed, so the next acquire tries again", async () => {
    let attempts = 0;
    const registry = createRegistry({
      logger: silentLogger,
      load: async (s, c) => {
        attempts += 1;
        if (attempts === 1) throw new Error("database away");
        return loadDocument(t.db, s, c, async () => undefined);
      },
      flushBeforeUnload: async () => undefined,
      onFail: () => undefined,
    });
    await expect(registry.acquire(SECTION, CONSULTATION)).rejects.toThrow("database away");
    const d = await registry.acquire(SECTION, CONSULTATION);
    expect(attempts).toBe(2);
    expect(docToText(d.doc)).toBe("Hello world");
  });

  it("drops a document only after its last accepted write is stored, and a new acquire waits for that", async () => {
    // A slow group commit: the write is still pending when the last connection goes.
    const parts = buildParts(testDeps(t.db, recordingBus(false), { groupCommitMs: 150 }));
    const d = await parts.registry.acquire(SECTION, CONSULTATION);
    const update = appendUpdate(d.doc, ", again");
    d.inflight.add(parts.committer.append({ section_id: SECTION, user_id: t.user.id, created_at: new Date().toISOString(), data: update }).then(() => undefined));
    parts.registry.scheduleUnload(d);
    expect(parts.registry.live(SECTION)).toBeNull();

    const again = await parts.registry.acquire(SECTION, CONSULTATION);
    expect(again).not.toBe(d);
    expect(docToText(again.doc)).toBe("Hello world, again");
    expect((await listSectionUpdatesAfter(t.db.kysely, SECTION, 1)).length).toBe(1);
    // The write was folded into a change set before the document went.
    const sets = await t.db.kysely.selectFrom("change_set").select("seq_to").where("section_id", "=", SECTION).execute();
    expect(sets.map((s) => Number(s.seq_to)).sort()).toEqual([1, 2]);
  });

  it("keeps a document while it has connections", async () => {
    const parts = buildParts(testDeps(t.db, recordingBus(false)));
    const d = await parts.registry.acquire(SECTION, CONSULTATION);
    const { conn } = fakeConn({ access: "read", user: null });
    d.conns.add(conn);
    parts.registry.scheduleUnload(d);
    expect(parts.registry.live(SECTION)).toBe(d);
    d.conns.delete(conn);
    parts.registry.scheduleUnload(d);
    expect(parts.registry.live(SECTION)).toBeNull();
    await parts.registry.unloaded();
    expect(parts.registry.size()).toBe(0);
  });

  it("marks a failed document once and closes its connections", async () => {
    const closed: LoadedDoc[] = [];
    const registry = createRegistry({ logger: silentLogger, load: (s, c) => loadDocument(t.db, s, c, async () => undefined), flushBeforeUnload: async () => undefined, onFail: (d) => closed.push(d) });
    const d = await registry.acquire(SECTION, CONSULTATION);
    registry.fail(d, new Error("disk full"));
    registry.fail(d, new Error("disk full"));
    expect(d.failed).toBe(true);
    expect(closed).toEqual([d]);
  });
});

describe("InFlight", () => {
  it("waits for every commit, even when a later one settles first", async () => {
    const inflight = new InFlight();
    const done: string[] = [];
    let first!: () => void;
    inflight.add(new Promise<void>((r) => (first = r)).then(() => void done.push("first")));
    inflight.add(Promise.resolve().then(() => void done.push("second")));
    let settled = false;
    const waiting = inflight.settled().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toEqual(["second"]);
    expect(settled).toBe(false);
    first();
    await waiting;
    expect(done).toEqual(["second", "first"]);
  });
});
