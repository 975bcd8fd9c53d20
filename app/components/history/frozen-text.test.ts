import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { docText } from "../../../common/text-blocks.js";
import type { PmNode } from "../offset-text.js";
import { FrozenText } from "./frozen-text.js";

const p = (text: string): PmNode => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] });

/** The text of each highlight as FrozenText marks it, in order. */
function marked(content: PmNode, ranges: [number, number][]): string[] {
  const highlights = ranges.map(([start, end], i) => ({ id: `h${i}`, start, end, label: "" }));
  const html = renderToStaticMarkup(createElement(FrozenText, { content, highlights }));
  const out: string[] = [];
  for (const m of html.matchAll(/<a href="#note-h(\d+)"[^>]*>([^<]*)<\/a>/g)) out[Number(m[1])] = (out[Number(m[1])] ?? "") + m[2]!;
  return out;
}

describe("FrozenText", () => {
  it("counts offsets by the plain-text rules of common/text-blocks.ts (empty blocks, lists, a nested doc)", () => {
    const content: PmNode = {
      type: "doc",
      content: [
        p("first"),
        p(""),
        { type: "bulletList", content: [{ type: "listItem", content: [p("one")] }, { type: "listItem", content: [p("two")] }] },
        { type: "doc", content: [p("in"), p("ner")] },
        { type: "paragraph", content: [{ type: "text", text: "a" }, { type: "hardBreak" }, { type: "text", text: "last" }] },
      ],
    };
    const text = docText(content);
    expect(text).toBe("first\n\none\n\ntwo\n\ninner\n\na\nlast");
    const words = ["one", "two", "inner", "last"];
    const ranges = words.map((w): [number, number] => [text.indexOf(w), text.indexOf(w) + w.length]);
    expect(marked(content, ranges)).toEqual(words);
  });
});
