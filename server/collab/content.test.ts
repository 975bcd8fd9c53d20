import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { JSONContent } from "@tiptap/core";
import type { Token } from "marked";
import { FRAGMENT, IncrementalContentHash, TOKENS_MAX_DEPTH, contentHash, jsonToUpdate, markdownToJson, tokensToJson } from "./content.js";

describe("IncrementalContentHash", () => {
  it("always equals contentHash while blocks are edited, formatted, added and removed", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      jsonToUpdate({
        type: "doc",
        content: [
          { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Scope" }] },
          { type: "paragraph", content: [{ type: "text", text: "First " }, { type: "text", text: "bold", marks: [{ type: "bold" }] }] },
          { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "item" }] }] }] },
        ],
      }),
    );
    const hasher = new IncrementalContentHash(doc);
    const fragment = doc.getXmlFragment(FRAGMENT);
    const steps: ((d: Y.Doc) => void)[] = [
      () => ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Very "),
      () => ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).format(0, 4, { italic: {} }),
      () => (((fragment.get(2) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) instanceof Y.XmlText &&
        ((((fragment.get(2) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(4, " two"),
      () => (fragment.get(0) as Y.XmlElement).setAttribute("level", "3" as never),
      () => {
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText("A new paragraph.")]);
        fragment.insert(1, [p]);
      },
      () => fragment.delete(0, 1),
    ];
    expect(hasher.hash()).toBe(contentHash(doc));
    for (const step of steps) {
      step(doc);
      expect(hasher.hash()).toBe(contentHash(doc));
    }
  });
});

describe("IncrementalContentHash, step by step", () => {
  it("equals contentHash after every one of many edits anywhere in the section, and when nothing changed", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(FRAGMENT);
    const hasher = new IncrementalContentHash(doc);
    expect(hasher.hash()).toBe(contentHash(doc));
    let seed = 3;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let step = 0; step < 300; step++) {
      const r = rand(10);
      if (fragment.length < 2 || r === 0) {
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText(`paragraph ${step}`)]);
        fragment.insert(rand(fragment.length + 1), [p]);
      } else if (r === 1 && fragment.length > 3) {
        fragment.delete(rand(fragment.length), 1);
      } else {
        const text = (fragment.get(rand(fragment.length)) as Y.XmlElement).get(0) as Y.XmlText;
        text.insert(rand(text.length + 1), "word ");
      }
      expect(hasher.hash()).toBe(contentHash(doc));
      if (r === 2) expect(hasher.hash()).toBe(contentHash(doc));
    }
  });
});

describe("tokensToJson", () => {
  const depthOf = (node: JSONContent): number => 1 + Math.max(0, ...(node.content ?? []).map(depthOf));

  it("stops following nested quotes and emphasis at TOKENS_MAX_DEPTH instead of recursing without bound", () => {
    let block: Token = { type: "paragraph", raw: "core", text: "core", tokens: [{ type: "text", raw: "core", text: "core" }] } as Token;
    let span: Token = { type: "text", raw: "x", text: "x" } as Token;
    for (let i = 0; i < 20_000; i++) {
      block = { type: "blockquote", raw: `> ${i}`, text: "", tokens: [block] } as Token;
      span = { type: "em", raw: `*${i}*`, text: "", tokens: [span] } as Token;
    }
    const json = tokensToJson([block, { type: "paragraph", raw: "p", text: "p", tokens: [span] } as Token]);
    expect(depthOf(json)).toBeLessThanOrEqual(TOKENS_MAX_DEPTH + 3);
    expect(json.content).toHaveLength(2);
    expect(() => jsonToUpdate(json)).not.toThrow();
  });

  it("keeps ordinary nesting as it is", () => {
    const json = markdownToJson("> - a\n>   - *b*");
    expect(json.content![0]!.type).toBe("blockquote");
    expect(JSON.stringify(json)).toContain('"marks":[{"type":"italic"}]');
  });
});
