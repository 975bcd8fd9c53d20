import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { listSectionUpdatesAfter } from "../../db/queries/collab.js";
import { listWorkingUpdatesAfter } from "../../db/queries/working-copy.js";
import { docToText } from "./content.js";
import { SYNC_UPDATE, syncMessage } from "./protocol.js";
import { loadSectionState } from "./persistence.js";
import { buildParts } from "./service.js";
import { CONSULTATION, SECTION, createTestDb, fakeSocket, recordingBus, testDeps, type TestDb } from "./test-support.js";
import { GroupCommitter, LogClosedError } from "./group-commit.js";
import { loadWorkingDocument, WORKING_LOG } from "./working-copy.js";

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
    // The working log takes writes only while the consultation drafts in a working copy.
    await t.db.kysely.updateTable("consultation").set({ drafting_mode: "working" }).where("id", "=", CONSULTATION).execute();
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

    expect(await parts.publish(SECTION, CONSULTATION, t.user.id)).toBe(1);
    expect(await publicText()).toBe("Draft: Hello world");
    expect(await listWorkingUpdatesAfter(t.db.kysely, SECTION, 0)).toEqual([]);
    const log = await listSectionUpdatesAfter(t.db.kysely, SECTION, 0);
    expect(log).toHaveLength(seqBefore + 1);
    expect(log.at(-1)!.user_id).toBe(t.user.id);
    const changeSets = await t.db.kysely.selectFrom("change_set").select(["seq_from", "authors"]).where("section_id", "=", SECTION).orderBy("seq_from").execute();
    expect(changeSets.at(-1)).toEqual({ seq_from: log.at(-1)!.seq, authors: JSON.stringify([t.user.id]) });
    // The publication is in the record, naming its publisher and the positions it filled.
    const entry = await t.db.kysely.selectFrom("ledger_entry").select(["section_id", "payload"]).where("kind", "=", "publication").executeTakeFirstOrThrow();
    expect(entry.section_id).toBe(SECTION);
    expect(JSON.parse(entry.payload)).toEqual({ publisherId: t.user.id, seqFrom: log.at(-1)!.seq, seqTo: log.at(-1)!.seq, updates: 1 });
    // Nothing left: a second publication moves nothing.
    expect(await parts.publish(SECTION, CONSULTATION, t.user.id)).toBe(0);
    parts.working.connections.close(conn, 1000, "done");
  });

  it("refuses a batch's rows once the consultation drafts live or is final, and writes nothing", async () => {
    for (const closed of [{ drafting_mode: "live" as const }, { status: "final" as const }]) {
      await t.db.kysely.updateTable("consultation").set({ drafting_mode: "working", status: "open" }).where("id", "=", CONSULTATION).execute();
      await t.db.kysely.updateTable("consultation").set(closed).where("id", "=", CONSULTATION).execute();
      const committer = new GroupCommitter(t.db, 0, 100, WORKING_LOG);
      const row = { section_id: SECTION, user_id: t.user.id, created_at: new Date().toISOString(), data: new Uint8Array([1, 2, 3]) };
      await expect(committer.append(row)).rejects.toBeInstanceOf(LogClosedError);
      expect(await listWorkingUpdatesAfter(t.db.kysely, SECTION, 0)).toEqual([]);
    }
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
