import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { findLatestCheckpoint, insertCheckpoint, insertSectionUpdates, reserveSeqs } from "../../db/queries/collab.js";
import { CHECKPOINT_FORMAT, CHECKPOINT_FORMAT_V1, applyCheckpoint, encodeCheckpoint } from "./checkpoint.js";
import { FRAGMENT } from "./content.js";
import { foldSection } from "./fold.js";
import { loadSectionState } from "./persistence.js";
import { SECTION, createTestDb, type TestDb } from "./test-support.js";

/** The first paragraph's text, where the test types. */
function textOf(doc: Y.Doc): Y.XmlText {
  return (doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** The same document, replica for replica: the same items known and the same content. */
function expectSame(a: Y.Doc, b: Y.Doc): void {
  expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  expect(a.getXmlFragment(FRAGMENT).toJSON()).toEqual(b.getXmlFragment(FRAGMENT).toJSON());
}

describe("section checkpoints (ADR 041)", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("Hello world");
  });
  afterEach(async () => {
    await t.drop();
  });

  /** Stores a replica's edits in the log as the server would, one update a row; returns the last position. */
  async function logEdits(doc: Y.Doc, edit: () => void): Promise<number> {
    const updates: Uint8Array[] = [];
    const record = (u: Uint8Array) => updates.push(u);
    doc.on("update", record);
    edit();
    doc.off("update", record);
    const last = await reserveSeqs(t.db.kysely, SECTION, updates.length);
    const at = new Date().toISOString();
    await insertSectionUpdates(
      t.db.kysely,
      updates.map((data, i) => ({ section_id: SECTION, seq: last - updates.length + 1 + i, user_id: t.user.id, created_at: at, data })),
    );
    return last;
  }

  it("are written in the current format and load to the same document", async () => {
    const first = await findLatestCheckpoint(t.db.kysely, SECTION);
    expect(first?.format).toBe(CHECKPOINT_FORMAT);
    const online = (await loadSectionState(t.db, SECTION)).doc;
    const last = await logEdits(online, () => {
      for (let i = 0; i < 12; i++) textOf(online).insert(5, `${i}`);
      textOf(online).delete(2, 6);
    });
    await foldSection(t.db, SECTION, { maxUpdates: 100, checkpointEvery: 5 });
    const written = await findLatestCheckpoint(t.db.kysely, SECTION);
    expect(written).toMatchObject({ seq: last, format: CHECKPOINT_FORMAT });
    const loaded = await loadSectionState(t.db, SECTION);
    expect(loaded.tail).toBe(0);
    expectSame(loaded.doc, online);
  });

  it("still load when stored in V1, as every checkpoint before ADR 041 was", async () => {
    const online = (await loadSectionState(t.db, SECTION)).doc;
    const at = await logEdits(online, () => textOf(online).insert(0, "Well, "));
    await insertCheckpoint(t.db.kysely, { section_id: SECTION, seq: at, created_at: new Date().toISOString(), format: CHECKPOINT_FORMAT_V1, data: Y.encodeStateAsUpdate(online) });
    await logEdits(online, () => textOf(online).delete(0, 6));
    const loaded = await loadSectionState(t.db, SECTION);
    expect(loaded.tail).toBe(1);
    expectSame(loaded.doc, online);
  });

  it("let a client that was offline since before the checkpoint sync its edits and catch up", async () => {
    const online = (await loadSectionState(t.db, SECTION)).doc;
    const offline = copyOf(online);
    // Offline, a client types inside the word the others delete.
    textOf(offline).insert(8, "[offline]");
    const last = await logEdits(online, () => {
      textOf(online).delete(6, 5);
      for (const c of "there, everyone") textOf(online).insert(textOf(online).length, c);
    });
    await foldSection(t.db, SECTION, { maxUpdates: 100, checkpointEvery: 5 });
    expect(await findLatestCheckpoint(t.db.kysely, SECTION)).toMatchObject({ seq: last, format: CHECKPOINT_FORMAT });

    // The server loads from the V2 checkpoint and syncs with the returning client both ways.
    const server = (await loadSectionState(t.db, SECTION)).doc;
    const fromClient = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(server));
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server, Y.encodeStateVector(offline)));
    Y.applyUpdate(server, fromClient);
    Y.applyUpdate(online, fromClient);
    expectSame(server, offline);
    expectSame(server, online);
    expect(textOf(server).toString()).toContain("[offline]");
  });

  it("refuse a format they do not know", () => {
    expect(() => applyCheckpoint(new Y.Doc(), { format: 99, data: encodeCheckpoint(new Y.Doc()).data })).toThrow(/unknown checkpoint format 99/);
  });
});
