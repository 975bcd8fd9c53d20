import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FRAGMENT, docToJson, docToText, jsonToUpdate, markdownToJson, storedJson } from "./content.js";
import { attributedBlocks, blocksText } from "../history/attributed.js";
import { QUOTE_CONTEXT, anchorRange, contextAfter, contextBefore, findQuote, flatten, resolveAnchor } from "./text-model.js";

function docOf(markdown: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, jsonToUpdate(markdownToJson(markdown)));
  return doc;
}

const SOURCE = "First paragraph with **bold** text.\n\n- item one\n- item two\n\n> quoted words\n\nLast line.";

describe("flatten", () => {
  it("agrees with docToText", () => {
    const doc = docOf(SOURCE);
    expect(flatten(doc).text).toBe(docToText(doc));
    expect(flatten(doc).text).toContain("item one\n\nitem two");
  });

  it("agrees with docToText and attributedBlocks when an element named doc sits inside the fragment", () => {
    // Only a hostile client writes this; the root is a container by position, a nested `doc` is a leaf.
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("default");
    const para = (s: string) => {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText(s)]);
      return p;
    };
    const nested = new Y.XmlElement("doc");
    nested.insert(0, [para("inner one"), para("inner two")]);
    fragment.insert(0, [para("before"), nested, para("after")]);
    const text = flatten(doc).text;
    expect(text).toBe("before\n\nafter");
    expect(docToText(doc)).toBe(text);
    expect(blocksText(attributedBlocks(doc, null))).toBe(text);
  });
});

describe("anchors", () => {
  it("follow edits before, inside and after the passage", () => {
    const doc = docOf(SOURCE);
    const text = flatten(doc).text;
    const at = text.indexOf("item two");
    const anchor = anchorRange(doc, at, at + "item two".length)!;
    expect(anchor.exact).toBe("item two");
    expect(anchor.prefix.endsWith("item one\n\n")).toBe(true);

    const resolve = () => resolveAnchor(doc, flatten(doc), anchor);
    expect(resolve()).toMatchObject({ state: "exact", current: "item two" });

    // Typing in the first paragraph moves the passage.
    const firstText = (doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    firstText.insert(0, "New opening. ");
    expect(resolve()).toMatchObject({ state: "moved", current: "item two", start: at + 13 });

    // Typing right after it does not widen it; a change inside is reported.
    const located = flatten(doc).runs.find((r) => r.node.toString().includes("item two"))!;
    located.node.insert(located.length, "!");
    expect(resolve().current).toBe("item two");
    located.node.insert(5, "number ");
    expect(resolve()).toMatchObject({ state: "changed", current: "item number two" });

    // Deleting the passage leaves it changed, with no range.
    located.node.delete(0, located.node.length);
    expect(resolve()).toMatchObject({ state: "changed", current: null });
  });

  it("finds quotes by their context", () => {
    const text = "the cat sat. the cat ran.";
    expect(findQuote(text, "the cat", "", " ran")).toBe(13);
    expect(findQuote(text, "the cat")).toBe(0);
    expect(findQuote(text, "the dog")).toBeNull();
    expect(findQuote(text, "the cat", "", "", 20)).toBe(13);
  });

  it("refuses ranges outside the text", () => {
    const doc = docOf("Short.");
    expect(anchorRange(doc, 3, 2)).toBeNull();
    expect(anchorRange(doc, 0, 999)).toBeNull();
  });

  it("cuts a quote's context between characters, never inside an emoji or a flag", () => {
    const text = `${"a".repeat(5)}😀${"b".repeat(QUOTE_CONTEXT - 1)}QUOTE${"c".repeat(QUOTE_CONTEXT - 1)}🇯🇵${"d".repeat(5)}`;
    const start = text.indexOf("QUOTE");
    const end = start + "QUOTE".length;
    expect(contextBefore(text, start)).toBe("b".repeat(QUOTE_CONTEXT - 1));
    expect(contextAfter(text, end)).toBe("c".repeat(QUOTE_CONTEXT - 1));
    expect(contextBefore(text, 3)).toBe("aaa");
    expect(contextAfter(text, text.length - 2)).toBe("dd");
    const doc = docOf(text);
    const anchor = anchorRange(doc, start, end)!;
    expect(flatten(doc).text).toContain(anchor.prefix + anchor.exact + anchor.suffix);
    // A range whose edge falls inside a surrogate pair is not a passage.
    const emoji = flatten(doc).text.indexOf("😀");
    expect(anchorRange(doc, emoji + 1, emoji + 4)).toBeNull();
  });
});

describe("tables and footnotes under concurrent edits", () => {
  const TABLE = "Intro with a note[^1].\n\n| Drink | Price |\n|---|---|\n| Espresso | 2 |\n| Matcha latte | 4 |\n\n[^1]: The note.";
  /** The paragraph text of a cell: table → row → cell → paragraph → text. */
  const cellText = (doc: Y.Doc, row: number, col: number) => {
    const table = doc.getXmlFragment(FRAGMENT).get(1) as Y.XmlElement;
    return ((((table.get(row) as Y.XmlElement).get(col) as Y.XmlElement).get(0) as Y.XmlElement).get(0)) as Y.XmlText;
  };

  it("converges when two replicas edit cells and a footnote at once, and a comment in a cell follows its words", () => {
    const a = docOf(TABLE);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const start = flatten(a).text.indexOf("latte");
    const anchor = anchorRange(a, start, start + "latte".length)!;
    expect(anchor.exact).toBe("latte");

    cellText(a, 2, 0).insert(0, "Iced ");
    cellText(b, 1, 1).insert(1, ".50");
    // Meanwhile b rewrites the footnote's note.
    const para = b.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement;
    (para.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "footnote") as Y.XmlElement).setAttribute("text", "A longer note.");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));

    expect(storedJson(a)).toEqual(storedJson(b));
    const text = flatten(a).text;
    expect(text).toBe(docToText(a));
    expect(text).toBe("Intro with a note.\n\nDrink\n\nPrice\n\nEspresso\n\n2.50\n\nIced Matcha latte\n\n4");
    expect(JSON.stringify(docToJson(a))).toContain('"text":"A longer note."');
    const resolved = resolveAnchor(a, flatten(a), { ...anchor, startOffset: start });
    expect(resolved.state).toBe("moved");
    expect(text.slice(resolved.start!, resolved.end!)).toBe("latte");
  });
});
