import { describe, expect, it } from "vitest";
import { jsonToUpdate, markdownToJson } from "../collab/content.js";
import { inThreadReplayer } from "./replay.js";
import type { WireSectionHistory } from "./wire.js";

describe("the in-thread replayer", () => {
  it("answers a text asked for before the section's result, as the worker does (the record checks ask while verify judges)", async () => {
    const history: WireSectionHistory = { baseline: { seq: 3, update: jsonToUpdate(markdownToJson("Frozen words")) }, changeSets: [], current: null };
    let reads = 0;
    const replayer = inThreadReplayer({
      sectionHistory: async () => {
        reads += 1;
        return history;
      },
    });
    replayer.add("s1");
    replayer.wantTexts(new Map([["s1", new Set([3])]]));
    // Before any result: the text must be there, not "unknown".
    expect(await replayer.textAt("s1", 3)).toBe("Frozen words");
    expect(await replayer.textAt("s1", 4)).toBeUndefined();
    expect(await replayer.textAt("never-added", 3)).toBeUndefined();
    // The result is the same replay: the history was read once.
    expect((await replayer.result("s1")).baseline?.seq).toBe(3);
    expect(reads).toBe(1);
  });
});
