import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { insertSectionUpdates, listSectionUpdatesAfter, reserveSeqs } from "../../db/queries/collab.js";
import { createChangeSets } from "./change-sets.js";
import { FRAGMENT } from "./content.js";
import type { foldSection } from "./fold.js";
import { SECTION, createTestDb, recordingBus, silentLogger, type TestDb } from "./test-support.js";

const limits = { changeSetIdleMs: 50, changeSetMaxUpdates: 3, checkpointEvery: 500 };

describe("change-set scheduling", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.drop();
  });

  /** A fold that records when it runs and takes `ms` to finish. */
  function watchedFold(ms: number) {
    const runs: string[] = [];
    let running = 0;
    let overlapped = false;
    const fold: typeof foldSection = async (_db, sectionId) => {
      running += 1;
      if (running > 1) overlapped = true;
      runs.push(sectionId);
      await new Promise((r) => setTimeout(r, ms));
      running -= 1;
      return { changeSets: 0, decided: 0 };
    };
    return { fold, runs, overlapped: () => overlapped };
  }

  it("runs one section's folds one at a time, in order", async () => {
    const w = watchedFold(20);
    const cs = createChangeSets({ db: t.db, bus: recordingBus(false), limits, logger: silentLogger, fold: w.fold });
    await Promise.all([cs.foldNow(SECTION), cs.foldNow(SECTION), cs.foldNow(SECTION)]);
    expect(w.runs).toEqual([SECTION, SECTION, SECTION]);
    expect(w.overlapped()).toBe(false);
  });

  it("folds after the idle time, sooner at the update cap, and later as a stand-in for another node", async () => {
    const w = watchedFold(0);
    const cs = createChangeSets({ db: t.db, bus: recordingBus(false), limits, logger: silentLogger, fold: w.fold });
    cs.noteChange(SECTION, true);
    cs.noteChange(SECTION, true);
    expect(w.runs.length).toBe(0);
    cs.noteChange(SECTION, true);
    await cs.idle();
    // At once, not after the idle time.
    expect(w.runs.length).toBe(1);

    cs.noteChange(SECTION, false);
    await new Promise((r) => setTimeout(r, 80));
    expect(w.runs.length).toBe(1);
    await new Promise((r) => setTimeout(r, 120));
    expect(w.runs.length).toBe(2);

    cs.noteChange(SECTION, true);
    await new Promise((r) => setTimeout(r, 80));
    expect(w.runs.length).toBe(3);
  });

  it("writes the log's unfolded updates into a change set with the real fold", async () => {
    const bus = recordingBus(false);
    const cs = createChangeSets({ db: t.db, bus, limits, logger: silentLogger });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await listSectionUpdatesAfter(t.db.kysely, SECTION, 0))[0]!.data);
    const before = Y.encodeStateVector(doc);
    ((doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Well, ");
    await insertSectionUpdates(t.db.kysely, [{ section_id: SECTION, seq: 2, user_id: t.user.id, created_at: new Date().toISOString(), data: Y.encodeStateAsUpdate(doc, before) }]);
    await reserveSeqs(t.db.kysely, SECTION, 1);
    await cs.foldNow(SECTION);
    const sets = await t.db.kysely.selectFrom("change_set").select(["seq_from", "seq_to"]).where("section_id", "=", SECTION).orderBy("seq_from").execute();
    expect(sets.map((s) => [Number(s.seq_from), Number(s.seq_to)])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    // No suggestion was decided: readers are not told to refetch.
    expect(bus.published).toEqual([]);
  });

  it("logs a failed fold instead of rejecting", async () => {
    const cs = createChangeSets({
      db: t.db,
      bus: recordingBus(false),
      limits,
      logger: silentLogger,
      fold: async () => {
        throw new Error("database away");
      },
    });
    await expect(cs.foldNow(SECTION)).resolves.toBeUndefined();
  });
});
