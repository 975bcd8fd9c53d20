import { describe, expect, it } from "vitest";
import { diffAtCaret, noteCaret, simpleDiff } from "./cursor-diff.js";

describe("the editor binding's text diff", () => {
  it("puts a typed character at the caret when an equal one follows it", () => {
    // "syste|maintain" + "m": the prefix-only diff would insert after the old "m".
    expect(diffAtCaret("the systemaintain", "the systemmaintain", "the system".length)).toEqual({ index: "the syste".length, remove: 0, insert: "m" });
    expect(diffAtCaret("decide team", "decide tteam", "decide t".length)).toEqual({ index: "decide ".length, remove: 0, insert: "t" });
  });

  it("puts a deletion at the caret when equal characters surround it", () => {
    expect(diffAtCaret("aab", "ab", 0)).toEqual({ index: 0, remove: 1, insert: "" });
    expect(diffAtCaret("aab", "ab", 1)).toEqual({ index: 1, remove: 1, insert: "" });
  });

  it("diffs as lib0 does when only one place is possible, or the caret is in other text", () => {
    expect(diffAtCaret("abc", "axc", 2)).toEqual({ index: 1, remove: 1, insert: "x" });
    noteCaret({ text: "something else", caret: 3 });
    expect(simpleDiff("the systemaintain", "the systemmaintain")).toEqual({ index: "the system".length, remove: 0, insert: "m" });
    noteCaret({ text: "the systemmaintain", caret: "the system".length });
    expect(simpleDiff("the systemaintain", "the systemmaintain")).toEqual({ index: "the syste".length, remove: 0, insert: "m" });
    noteCaret(null);
  });

  it("never splits a surrogate pair", () => {
    const d = diffAtCaret("😀😀", "😀😀😀", 2);
    expect(("😀😀".slice(0, d.index) + d.insert + "😀😀".slice(d.index + d.remove))).toBe("😀😀😀");
    expect(d.index % 2).toBe(0);
  });
});
