import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { silentLogger } from "./test-support.js";
import { computeFold, type FoldJob } from "./fold-compute.js";
import { createFoldRunner } from "./fold-runner.js";

/** Three runs of typing and deleting in the editor's shape, with a checkpoint after the second. */
function job(): FoldJob {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment("default").insert(0, [paragraph]);
  for (const word of ["draft ", "guidance ", "for ", "everyone"]) text.insert(text.length, word);
  const before = updates.splice(0);
  text.delete(0, 6);
  text.insert(0, "final ");
  const first = updates.splice(0);
  text.insert(text.length, "。日本語も");
  const second = updates.splice(0);
  text.delete(3, 4);
  const third = updates.splice(0);
  return { checkpoint: null, before, runs: [first, second, third], checkpointAfter: [false, true, false] };
}

describe("the fold worker", () => {
  it("computes what the fold would compute in the calling thread", async () => {
    const runner = createFoldRunner(silentLogger, 0);
    try {
      const j = job();
      const here = computeFold(j);
      const there = await runner.compute(j);
      expect(there.text).toBe(here.text);
      expect(there.runs.map((r) => ({ ...r, data: [...r.data], checkpoint: r.checkpoint && [...r.checkpoint.data] }))).toEqual(
        here.runs.map((r) => ({ ...r, data: [...r.data], checkpoint: r.checkpoint && [...r.checkpoint.data] })),
      );
      expect(here.runs[1]!.checkpoint).not.toBeNull();
      expect(here.runs[2]!.stats).toMatchObject({ inserted: 0, deleted: 4 });
    } finally {
      await runner.close();
    }
  }, 120_000);

  it("rejects a fold whose updates do not decode, and computes the next one", async () => {
    const runner = createFoldRunner(silentLogger, 0);
    try {
      await expect(runner.compute({ checkpoint: { format: 2, data: new Uint8Array([1, 2, 3, 250, 250]) }, before: [], runs: [[]], checkpointAfter: [false] })).rejects.toThrow(/fold failed in its worker/);
      const j = job();
      expect((await runner.compute(j)).text).toBe(computeFold(j).text);
    } finally {
      await runner.close();
    }
  }, 120_000);
});
