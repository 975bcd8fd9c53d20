import { describe, expect, it } from "vitest";
import { labelledSpans, type DiffSpanData } from "./diff-view.js";

const dana = "d";
const olivia = "o";
const ins = (text: string, ...authors: string[]): DiffSpanData => ({ type: "insert", text, authors });
const eq = (text: string): DiffSpanData => ({ type: "equal", text, authors: [] });
const del = (text: string): DiffSpanData => ({ type: "delete", text, authors: [] });

describe("author labels in a diff", () => {
  it("labels the first insertion of each run by one author, not every word", () => {
    expect(labelledSpans([ins("Sector law", dana), eq(" "), ins("applies", dana), del("old"), ins("here", dana), eq(" text "), ins("more", dana)])).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it("labels again where another author's run starts, and never a bare space or an unattributed insertion", () => {
    expect(labelledSpans([ins("make and", dana), ins("the whole", olivia), ins(" "), ins("again", dana), ins("x")])).toEqual([true, true, false, true, false]);
  });
});
