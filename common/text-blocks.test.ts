import { describe, expect, it } from "vitest";
import { BLOCK_JOIN, CONTAINER_BLOCKS, blockText, docText, isContainerBlock, joinBlocks } from "./text-blocks.js";

const p = (text: string) => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] });

describe("the plain-text block rules", () => {
  it("has exactly these containers; `doc` is not one of them", () => {
    expect([...CONTAINER_BLOCKS].sort()).toEqual(["blockquote", "bulletList", "listItem", "orderedList", "table", "tableCell", "tableHeader", "tableRow"]);
    expect(isContainerBlock("doc")).toBe(false);
    expect(isContainerBlock("paragraph")).toBe(false);
    expect(isContainerBlock("footnote")).toBe(false);
    expect(isContainerBlock(undefined)).toBe(false);
    expect(BLOCK_JOIN).toBe("\n\n");
  });

  it("joins blocks with a blank line, runs inline content together and reads a hard break as a newline", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", content: [{ type: "text", text: "Title" }] },
        { type: "paragraph", content: [{ type: "text", text: "a " }, { type: "text", text: "bold" }, { type: "hardBreak" }, { type: "text", text: "b" }] },
        { type: "bulletList", content: [{ type: "listItem", content: [p("one")] }, { type: "listItem", content: [p("two"), p("more")] }] },
        { type: "blockquote", content: [p("quoted")] },
      ],
    };
    expect(docText(doc)).toBe("Title\n\na bold\nb\n\none\n\ntwo\n\nmore\n\nquoted");
  });

  it("gives empty blocks no room, not even their separator", () => {
    expect(docText({ type: "doc", content: [p("a"), p(""), { type: "bulletList", content: [{ type: "listItem", content: [p("")] }] }, p("b")] })).toBe("a\n\nb");
    expect(joinBlocks(["", "x", "", "y", ""])).toBe("x\n\ny");
  });

  it("treats the root as a container by position and a nested `doc` as a leaf (as the Yjs walker, which stored offsets come from)", () => {
    const nested = { type: "doc", content: [p("inner one"), p("inner two")] };
    expect(docText({ type: "doc", content: [p("before"), nested, p("after")] })).toBe("before\n\ninner oneinner two\n\nafter");
    // The root's own name does not matter.
    expect(docText({ type: "anything", content: [p("x"), p("y")] })).toBe("x\n\ny");
    // Read as a block, a `doc` runs its content together.
    expect(blockText(nested)).toBe("inner oneinner two");
  });
});
