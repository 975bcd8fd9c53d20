import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FRAGMENT, IncrementalContentHash, contentHash, jsonToUpdate } from "./content.js";

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
