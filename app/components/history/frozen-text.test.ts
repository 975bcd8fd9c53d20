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
  const html = renderToStaticMarkup(createElement(FrozenText, { content, highlights, idPrefix: "t-" }));
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

  it("marks passages inside table cells and numbers footnotes, linked both ways, without moving offsets", () => {
    const cell = (type: string, ...inline: PmNode[]): PmNode => ({ type, content: [{ type: "paragraph", content: inline }] });
    const t = (text: string): PmNode => ({ type: "text", text });
    const content: PmNode = {
      type: "doc",
      content: [
        { type: "paragraph", content: [t("Before"), { type: "footnote", attrs: { text: "First note." } }] },
        { type: "table", content: [{ type: "tableRow", content: [cell("tableHeader", t("Item")), cell("tableHeader", t("Cost"))] }, { type: "tableRow", content: [cell("tableCell", t("Green tea"), { type: "footnote", attrs: { text: "Second <note>." } }), cell("tableCell", t("3"))] }] },
      ],
    };
    const text = docText(content);
    expect(text).toBe("Before\n\nItem\n\nCost\n\nGreen tea\n\n3");
    expect(marked(content, [[text.indexOf("tea"), text.indexOf("tea") + 3]])).toEqual(["tea"]);
    const html = renderToStaticMarkup(createElement(FrozenText, { content, highlights: [], idPrefix: "t-" }));
    expect(html).toContain('<th scope="col">');
    expect(html).toContain('<sup class="footnote-ref"><a href="#t-fn-2" id="t-fnref-2" aria-label="Footnote 2">2</a></sup>');
    expect(html).toMatch(/<li id="t-fn-2">Second &lt;note&gt;\. <a href="#t-fnref-2"[^>]*aria-label="Back to the text of footnote 2"/);
  });
});
