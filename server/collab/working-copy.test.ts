import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { listSectionUpdatesAfter } from "../../db/queries/collab.js";
import { listWorkingUpdatesAfter } from "../../db/queries/working-copy.js";
import { docToText } from "./content.js";
import { SYNC_UPDATE, syncMessage } from "./protocol.js";
import { loadSectionState } from "./persistence.js";
import { buildParts } from "./service.js";
import { CONSULTATION, SECTION, createTestDb, fakeSocket, recordingBus, testDeps, type TestDb } from "./test-support.js";
import { loadWorkingDocument } from "./working-copy.js";

/** The update that inserting `text` at the start of the first paragraph of a copy of `doc` makes. */
function insertion(doc: Y.Doc, text: string): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let update: Uint8Array | null = null;
  copy.on("update", (u: Uint8Array) => (update = u));
  const paragraph = copy.getXmlFragment("default").get(0) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, text);
  copy.destroy();
  return update!;
}

describe("the working copy (ADR 026)", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("Hello world");
  });
  afterEach(async () => {
    await t.drop();
  });

  const publicText = async () => {
    const state = await loadSectionState(t.db, SECTION);
    const text = docToText(state.doc);
    state.doc.destroy();
    return text;
  };

  it("stores a drafter's update in the working log only, and publishing moves it to the public log with its author", async () => {
    const parts = buildParts(testDeps(t.db, recordingBus(false)));
    const socket = fakeSocket();
    const conn = parts.working.connections.open(socket.ws, { sectionId: SECTION, consultationId: CONSULTATION, working: true, user: t.user, sessionId: null, token: null, access: "write" });
    const d = await parts.working.registry.acquire(SECTION, CONSULTATION);
    await conn.chain;
    parts.working.sync.handle(conn, d, syncMessage(SYNC_UPDATE, insertion(d.doc, "Draft: ")));
    await parts.working.committer.flush();
    await d.inflight.settled();

    expect(docToText(d.doc)).toBe("Draft: Hello world");
    expect(await publicText()).toBe("Hello world");
    const seqBefore = (await listSectionUpdatesAfter(t.db.kysely, SECTION, 0)).length;
    expect(await listWorkingUpdatesAfter(t.db.kysely, SECTION, 0)).toHaveLength(1);
    // A fresh load is the public document plus the unpublished updates.
    const reloaded = await loadWorkingDocument(t.db, SECTION, CONSULTATION);
    expect(docToText(reloaded.doc)).toBe("Draft: Hello world");
    reloaded.doc.destroy();

    expect(await parts.publish(SECTION, CONSULTATION)).toBe(1);
    expect(await publicText()).toBe("Draft: Hello world");
    expect(await listWorkingUpdatesAfter(t.db.kysely, SECTION, 0)).toEqual([]);
    const log = await listSectionUpdatesAfter(t.db.kysely, SECTION, 0);
    expect(log).toHaveLength(seqBefore + 1);
    expect(log.at(-1)!.user_id).toBe(t.user.id);
    const changeSets = await t.db.kysely.selectFrom("change_set").select(["seq_from", "authors"]).where("section_id", "=", SECTION).orderBy("seq_from").execute();
    expect(changeSets.at(-1)).toEqual({ seq_from: log.at(-1)!.seq, authors: JSON.stringify([t.user.id]) });
    // Nothing left: a second publication moves nothing.
    expect(await parts.publish(SECTION, CONSULTATION)).toBe(0);
    parts.working.connections.close(conn, 1000, "done");
  });

  it("mirrors a server edit of the public document into a loaded working copy", async () => {
    const parts = buildParts(testDeps(t.db, recordingBus(false)));
    const d = await parts.working.registry.acquire(SECTION, CONSULTATION);
    await parts.edits.applyEdit({
      sectionId: SECTION,
      consultationId: CONSULTATION,
      author: t.user.id,
      credit: [],
      suggestionId: null,
      edit: (doc) => ((doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Server: "),
    });
    expect(docToText(d.doc)).toBe("Server: Hello world");
    expect(await listWorkingUpdatesAfter(t.db.kysely, SECTION, 0)).toEqual([]);
  });
});
