import { parse } from "node-html-parser";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { docText } from "../../../common/text-blocks.js";
import { I18nProvider } from "../../i18n/index.js";
import type { PmNode } from "../offset-text.js";
import { quoteFrom, quoteOf } from "./quote.js";
import { SectionText, type ReaderHighlight } from "./section-text.js";

const p = (text: string): PmNode => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] });

const DOC: PmNode = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Scope" }] },
    p("first"),
    p(""),
    { type: "bulletList", content: [{ type: "listItem", content: [p("one")] }, { type: "listItem", content: [p("two"), p("more")] }] },
    { type: "blockquote", content: [p("quoted")] },
    { type: "paragraph", content: [{ type: "text", text: "a " }, { type: "text", text: "bold", marks: [{ type: "bold" }] }, { type: "hardBreak" }, { type: "text", text: "last" }] },
  ],
};

function render(doc: PmNode, highlights: ReaderHighlight[], interactive = false) {
  const props = { doc, title: "T", contentLanguage: "en", highlights, activeId: null, onActivate: () => {}, interactive, canChoose: true, onSelect: () => {}, onChoose: () => {} };
  return parse(renderToStaticMarkup(createElement(I18nProvider, { locale: "en", children: createElement(SectionText, props) })));
}

/** A block's text as the offsets count it: its text nodes, and "\n" for each <br>. */
function blockTextOf(el: ReturnType<typeof parse>): string {
  return el.childNodes.map((n) => (n.nodeType === 3 ? n.text : (n as ReturnType<typeof parse>).tagName === "BR" ? "\n" : blockTextOf(n as ReturnType<typeof parse>))).join("");
}

describe("SectionText", () => {
  it("gives every text block its offsets in the plain text of common/text-blocks.ts", () => {
    const text = docText(DOC);
    expect(text).toBe("Scope\n\nfirst\n\none\n\ntwo\n\nmore\n\nquoted\n\na bold\nlast");
    const blocks = render(DOC, []).querySelectorAll("[data-start]");
    expect(blocks.map((b) => b.tagName)).toEqual(["H2", "P", "P", "P", "P", "P", "P"]);
    for (const b of blocks) {
      const start = Number(b.getAttribute("data-start"));
      expect(text.slice(start, start + Number(b.getAttribute("data-length")))).toBe(blockTextOf(b));
    }
  });

  it("marks commented passages, across marks and blocks, and offers paragraphs to the keyboard only once scripts run", () => {
    const text = docText(DOC);
    const at = (w: string, len = w.length): ReaderHighlight => ({ id: w, start: text.indexOf(w), end: text.indexOf(w) + len });
    const html = render(DOC, [at("a bold"), at("two\n\nmore"), at("irs", 2)]);
    const marks = html.querySelectorAll("mark.anchor").map((m) => [m.getAttribute("data-comment-id"), m.text]);
    expect(marks).toEqual([
      ["irs", "ir"],
      ["two\n\nmore", "two"],
      ["two\n\nmore", "more"],
      ["a bold", "a "],
      ["a bold", "bold"],
    ]);
    expect(html.querySelectorAll("[tabindex]")).toHaveLength(0);
    expect(render(DOC, [], true).querySelectorAll('[tabindex="0"][aria-describedby="reader-block-hint"]')).toHaveLength(7);
  });
});

describe("quotes", () => {
  it("keeps whole characters of context on each side, at most 32", () => {
    const text = `${"x".repeat(40)}😀 chosen words 😀${"y".repeat(40)}`;
    const start = text.indexOf("chosen");
    const q = quoteOf(text, start, start + "chosen words".length)!;
    expect(q).toEqual({ exact: "chosen words", prefix: `${"x".repeat(30)}😀 `, suffix: ` 😀${"y".repeat(30)}`, start });
    expect(quoteOf(text, 3, 3)).toBeNull();
    expect(quoteOf(text, 0, text.length + 1)).toBeNull();
    expect(quoteFrom("before", "  \n\n ", "after", 6)).toBeNull();
  });
});
