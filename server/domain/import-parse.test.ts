import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { docText } from "../../common/text-blocks.js";
import { markdownToJson } from "../collab/content.js";
import { docxHtmlToDocument } from "./docx-html.js";
import { parseImport, parseMarkdownDocument, skippedImages } from "./import-parse.js";

const footnotes = (node: JSONContent, out: string[] = []): string[] => {
  if (node.type === "footnote") out.push(String(node.attrs?.text));
  for (const c of node.content ?? []) footnotes(c, out);
  return out;
};

describe("Markdown footnotes", () => {
  it("puts each note's text at its reference, whatever the definition's place, and keeps what does not match", () => {
    const json = markdownToJson("One[^a], two[^b] and three[^none].\n\n[^b]: Second,\n  on two lines.\n\n    And a second paragraph.\n\n[^a]: First *note*.\n\n[^spare]: Never used.");
    expect(footnotes(json)).toEqual(["First note.", "Second, on two lines. And a second paragraph."]);
    // A reference without a definition stays as typed; an unused definition stays as text.
    expect(JSON.stringify(json)).toContain("[^none]");
    expect(json.content!.at(-1)).toEqual({ type: "paragraph", content: [{ type: "text", text: "[^spare]: Never used." }] });
  });

  it("reports each image of a Markdown file with its section", () => {
    const parsed = parseMarkdownDocument("# T\n\n## Maps\n\n![Map of the area](map.png)\n\n## Other\n\nText ![](x.png).", 32);
    expect(skippedImages(parsed.notes)).toEqual(["“Map of the area” (Maps)", "“…” (Other)"]);
  });
});

describe("Word's HTML (mammoth) to the editor's JSON", () => {
  it("keeps tables with spans, footnotes and endnotes at their references, quotes and safe links; drops bookmarks and reports images", () => {
    const html =
      '<h1>Title</h1><p>Intro.</p><h2>A</h2><p>Text<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup> and <a href="https://example.org">a link</a>, <a href="javascript:alert(1)">no link</a><a id="bookmark"></a>.</p>' +
      '<table><tr><th colspan="2"><p>Both</p></th></tr><tr><td><p>x<sup><a href="#endnote-1" id="endnote-ref-1">[i]</a></sup></p></td><td></td></tr></table>' +
      '<blockquote><p>Quoted.</p></blockquote><p><img alt="Chart" src="" /></p><h2>B</h2><p>Last.</p>' +
      '<ol><li id="footnote-1"><p> A note. <a href="#footnote-ref-1">↑</a></p></li></ol><ol><li id="endnote-1"><p>An endnote. <a href="#endnote-ref-1">↑</a></p></li></ol>';
    const doc = docxHtmlToDocument(html);
    expect(doc.title).toBe("Title");
    expect(doc.summary).toBe("Intro.");
    expect(doc.sections.map((s) => s.title)).toEqual(["A", "B"]);
    const a = doc.sections[0]!.content;
    expect(footnotes(a)).toEqual(["A note.", "An endnote."]);
    expect(a.content![0]!.content).toEqual([
      { type: "text", text: "Text" },
      { type: "footnote", attrs: { text: "A note." } },
      { type: "text", text: " and " },
      { type: "text", text: "a link", marks: [{ type: "link", attrs: { href: "https://example.org" } }] },
      { type: "text", text: ", " },
      { type: "text", text: "no link" },
      { type: "text", text: "." },
    ]);
    const table = a.content![1]!;
    expect(table.type).toBe("table");
    expect(table.content![0]!.content![0]).toMatchObject({ type: "tableHeader", attrs: { colspan: 2, rowspan: 1 } });
    expect(table.content![1]!.content![1]).toMatchObject({ type: "tableCell", content: [{ type: "paragraph" }] });
    expect(a.content![2]).toEqual({ type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Quoted." }] }] });
    expect(doc.notes).toEqual([{ kind: "image", heading: "A", alt: "Chart" }]);
    // The notes' list is not text of the last section.
    expect(JSON.stringify(doc.sections[1]!.content)).not.toContain("note");
  });
});

describe("tables in Markdown, both ways", () => {
  it("escapes a | inside a cell, so the cell reads back as it was", async () => {
    const { MarkdownManager } = await import("@tiptap/markdown");
    const { SERVER_EXTENSIONS } = await import("../collab/content.js");
    const md = new MarkdownManager({ extensions: SERVER_EXTENSIONS });
    const source = markdownToJson("| Rule | Value |\n|---|---|\n| a \\| b | `x\\|y` and \\\\ |\n");
    expect(docText(source)).toBe("Rule\n\nValue\n\na | b\n\nx|y and \\");
    const written = md.serialize(source);
    expect(written).toContain("a \\| b");
    expect(markdownToJson(written)).toEqual(source);
  });
});
describe("parseImport's reading of a Markdown file's bytes", () => {
  it("drops a UTF-8 byte-order mark, so the first line's # title stays the title", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("# 題名\n\n要約。\n\n## 一\n\n本文。\n")]);
    const parsed = await parseImport(bytes, "markdown");
    expect(parsed.title).toBe("題名");
    expect(parsed.summary).toBe("要約。");
    expect(parsed.sections.map((s) => s.title)).toEqual(["一"]);
  });

  it("refuses Shift_JIS and UTF-16 with what to do instead of reading mojibake", async () => {
    await expect(parseImport(new Uint8Array([0x23, 0x20, 0x93, 0xfa, 0x96, 0x7b, 0x0a]), "markdown")).rejects.toThrow("not UTF-8 text (Shift_JIS or another encoding)");
    await expect(parseImport(new Uint8Array([0xff, 0xfe, 0x23, 0x00]), "markdown")).rejects.toThrow("UTF-16 text, not UTF-8 text");
    await expect(parseImport(new Uint8Array([0xfe, 0xff, 0x00, 0x23]), "markdown")).rejects.toThrow("UTF-16 text, not UTF-8 text");
  });
});

describe("footnotes an import may carry", () => {
  it("refuses a section whose repeated references would copy one note past the budget, before building it", async () => {
    // One 2,000-character note referenced 200 times: every reference carries its own copy (400,000 characters).
    const note = "n".repeat(2000);
    const source = `# Title\n\n## One\n\n${"Text[^a]. ".repeat(200)}\n\n[^a]: ${note}\n`;
    await expect(parseImport(new TextEncoder().encode(source), "markdown")).rejects.toThrow(/has 400000 characters of footnotes; a section can hold at most 262144/);
    // The same note referenced a few times is fine.
    const fine = await parseImport(new TextEncoder().encode(`# Title\n\n## One\n\n${"Text[^a]. ".repeat(3)}\n\n[^a]: ${note}\n`), "markdown");
    expect(fine.sections).toHaveLength(1);
  });
});
