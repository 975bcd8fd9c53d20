import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeFold } from "./fold-compute.js";
import { foldSection, type FoldOptions } from "./fold.js";
import { SECTION, createTestDb, typeInto, type TestDb } from "./test-support.js";

const OPTIONS: FoldOptions = { maxUpdates: 500, checkpointEvery: 500 };

describe("folding the log into change sets", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("Hello world");
  });
  afterEach(async () => {
    await t.drop();
  });


  const changeSets = () => t.db.kysely.selectFrom("change_set").select(["seq_from", "seq_to"]).where("section_id", "=", SECTION).orderBy("seq_from").execute();

  it("computes with no transaction open, and writes nothing twice when another fold commits meanwhile (ADR 045)", async () => {
    await foldSection(t.db, SECTION, OPTIONS);
    const before = await changeSets();
    await typeInto(t, " and more", " words");
    let rivals = 0;
    const result = await foldSection(t.db, SECTION, {
      ...OPTIONS,
      compute: async (job) => {
        // Another node folds the same updates while this one computes: the database is free to it.
        if (rivals++ === 0) expect(await foldSection(t.db, SECTION, OPTIONS)).toEqual({ changeSets: 1, decided: 0 });
        return computeFold(job);
      },
    });
    // This fold found its start moved, started over and found nothing left.
    expect(result).toEqual({ changeSets: 0, decided: 0 });
    const after = await changeSets();
    expect(after).toHaveLength(before.length + 1);
    for (let i = 1; i < after.length; i++) expect(after[i]!.seq_from).toBe(after[i - 1]!.seq_to + 1);
    const entries = await t.db.kysely.selectFrom("ledger_entry").select("kind").where("kind", "=", "change_set").execute();
    expect(entries).toHaveLength(after.length);
  });
});
