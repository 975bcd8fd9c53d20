import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FOOTNOTE, FOOTNOTE_TEXT_MAX, TABLE_SPAN_MAX } from "../../common/editor-schema.js";
import { FOREIGN_WRITES } from "../../tests/helpers/collab.js";
import { FRAGMENT, contentHash, docToHtml, docToJson, docToText, jsonToUpdate, markdownToJson, storedJson } from "./content.js";
import { SchemaGuard, unsupportedContent } from "./schema-guard.js";
import { flatten } from "./text-model.js";

const MARKDOWN = "# Title\n\nSome **bold** and *italic* text with a [link](https://example.org).\n\n- one\n- two\n\n> quoted\n\n```\ncode\n```\n\n---\n\nLast line";

/** A live document and a client replica that starts from the same state. */
function setup() {
  const live = new Y.Doc();
  Y.applyUpdate(live, jsonToUpdate(markdownToJson(MARKDOWN)));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
  const guard = new SchemaGuard(live);
  /** Runs `edit` on the client and checks the update it produced; accepted ones are applied to the live doc. */
  const edit = (fn: (frag: Y.XmlFragment, doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(client);
    client.transact(() => fn(client.getXmlFragment(FRAGMENT), client));
    const update = Y.encodeStateAsUpdate(client, before);
    const problem = guard.check(update);
    if (problem === null) {
      Y.applyUpdate(live, update);
      guard.applied(update);
    }
    return problem;
  };
  return { live, client, guard, edit };
}

const paragraphText = (frag: Y.XmlFragment, i: number) => (frag.get(i) as Y.XmlElement).get(0) as Y.XmlText;

describe("SchemaGuard", () => {
  it("accepts what the editor writes: typing, formatting, new blocks, lists, breaks, deletions", () => {
    const { edit, live } = setup();
    expect(edit((f) => paragraphText(f, 1).insert(0, "New words "))).toBeNull();
    expect(edit((f) => paragraphText(f, 1).format(0, 3, { bold: {} }))).toBeNull();
    expect(edit((f) => paragraphText(f, 1).format(0, 3, { "link--abcdefgh": { href: "https://x.example" } }))).toBeNull();
    expect(
      edit((f) => {
        const h = new Y.XmlElement("heading");
        h.setAttribute("level", 2 as unknown as string);
        h.insert(0, [new Y.XmlText("A heading")]);
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText("one"), new Y.XmlElement("hardBreak"), new Y.XmlText("two")]);
        const li = new Y.XmlElement("listItem");
        const lp = new Y.XmlElement("paragraph");
        lp.insert(0, [new Y.XmlText("item")]);
        li.insert(0, [lp]);
        const ol = new Y.XmlElement("orderedList");
        ol.insert(0, [li]);
        f.insert(0, [h, p, ol]);
      }),
    ).toBeNull();
    expect(edit((f) => f.delete(0, 2))).toBeNull();
    expect(unsupportedContent(live)).toEqual([]);
  });

  it("accepts everything y-tiptap writes for the editor's nodes and marks into an empty section", () => {
    const live = new Y.Doc();
    const guard = new SchemaGuard(live);
    const rich = `${MARKDOWN}\n\n3. third\n4. fourth\n   - nested **bold _both_**\n\nline one  \nline two with \`code\` and ~~struck~~\n\n\`\`\`ts\nconst x = 1;\n\`\`\``;
    expect(guard.check(jsonToUpdate(markdownToJson(rich)))).toBeNull();
  });

  it("accepts a deletion that leaves a list empty (concurrent edits do that), and reading repairs it", () => {
    const { edit, live } = setup();
    const listIndex = live.getXmlFragment(FRAGMENT).toArray().findIndex((n) => n instanceof Y.XmlElement && n.nodeName === "bulletList");
    expect(edit((f) => (f.get(listIndex) as Y.XmlElement).delete(0, 2))).toBeNull();
    expect(() => docToHtml(live)).not.toThrow();
    expect(docToText(live)).toBe(flatten(live).text);
  });

  it("accepts a table with a header row and a footnote in a cell, and an edit of a cell", () => {
    const { edit, live } = setup();
    const cell = (name: string, text: string, note?: string) => {
      const p = new Y.XmlElement("paragraph");
      const inline: (Y.XmlText | Y.XmlElement)[] = [new Y.XmlText(text)];
      if (note !== undefined) {
        const fn = new Y.XmlElement(FOOTNOTE);
        fn.setAttribute("text", note);
        inline.push(fn);
      }
      p.insert(0, inline);
      const c = new Y.XmlElement(name);
      c.setAttribute("colspan", 1 as unknown as string);
      c.setAttribute("rowspan", 1 as unknown as string);
      c.setAttribute("colwidth", null as unknown as string);
      c.insert(0, [p]);
      return c;
    };
    const row = (...cells: Y.XmlElement[]) => {
      const r = new Y.XmlElement("tableRow");
      r.insert(0, cells);
      return r;
    };
    expect(
      edit((f) => {
        const table = new Y.XmlElement("table");
        table.insert(0, [row(cell("tableHeader", "Item"), cell("tableHeader", "Cost")), row(cell("tableCell", "Tea", "Green tea."), cell("tableCell", "3"))]);
        f.insert(0, [table]);
      }),
    ).toBeNull();
    const child = (el: Y.XmlFragment, ...path: number[]) => path.reduce<Y.XmlFragment | Y.XmlText>((at, i) => (at as Y.XmlElement).get(i) as Y.XmlElement, el);
    const costCell = (f: Y.XmlFragment) => child(f, 0, 1, 1, 0, 0) as Y.XmlText;
    expect(edit((f) => costCell(f).insert(1, "0"))).toBeNull();
    expect(docToText(live).startsWith("Item\n\nCost\n\nTea\n\n30\n\n")).toBe(true);
    expect(docToText(live)).toBe(flatten(live).text);
    expect(docToHtml(live)).toContain('<th scope="col"');
    expect(unsupportedContent(live)).toEqual([]);
  });

  it("still bounds what tables and footnotes may hold", () => {
    const note = (text: unknown) => (f: Y.XmlFragment) => {
      const fn = new Y.XmlElement(FOOTNOTE);
      fn.setAttribute("text", text as string);
      (f.get(1) as Y.XmlElement).insert(0, [fn]);
    };
    const span = (value: unknown) => (f: Y.XmlFragment) => {
      const c = new Y.XmlElement("tableCell");
      c.setAttribute("colspan", value as string);
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("x")]);
      c.insert(0, [p]);
      const r = new Y.XmlElement("tableRow");
      r.insert(0, [c]);
      const t = new Y.XmlElement("table");
      t.insert(0, [r]);
      f.insert(0, [t]);
    };
    const cellInTable = (f: Y.XmlFragment) => {
      const c = new Y.XmlElement("tableCell");
      c.insert(0, [new Y.XmlElement("paragraph")]);
      const t = new Y.XmlElement("table");
      t.insert(0, [c]);
      f.insert(0, [t]);
    };
    const unknownInCell = (f: Y.XmlFragment) => {
      const c = new Y.XmlElement("tableCell");
      c.insert(0, [new Y.XmlElement("image")]);
      const r = new Y.XmlElement("tableRow");
      r.insert(0, [c]);
      const t = new Y.XmlElement("table");
      t.insert(0, [r]);
      f.insert(0, [t]);
    };
    expect(setup().edit(note("A short note."))).toBeNull();
    expect(setup().edit(span(2))).toBeNull();
    expect(setup().edit(note("x".repeat(FOOTNOTE_TEXT_MAX + 1)))).toMatch(/footnote text/);
    expect(setup().edit(note(42))).toMatch(/footnote text/);
    expect(setup().edit(span(TABLE_SPAN_MAX + 1))).toMatch(/colspan/);
    expect(setup().edit(span("2"))).toMatch(/colspan/);
    expect(setup().edit(cellInTable)).toMatch(/tableCell inside table/);
    expect(setup().edit(unknownInCell)).toMatch(/unknown node "image"/);
  });

  for (const [what, write] of Object.entries(FOREIGN_WRITES)) {
    it(`refuses ${what}, and accepts a normal edit after it`, () => {
      const { guard, edit, live } = setup();
      const textBefore = docToText(live);
      expect(guard.check(write())).toEqual(expect.any(String));
      expect(docToText(live)).toBe(textBefore);
      expect(edit((f) => paragraphText(f, 1).insert(0, "fine "))).toBeNull();
    });
  }

  it("refuses misplaced nodes, text at the top, map content and shared types inside the fragment", () => {
    const cases: ((f: Y.XmlFragment) => void)[] = [
      (f) => f.insert(0, [new Y.XmlText("top-level text")]),
      (f) => {
        const outer = new Y.XmlElement("paragraph");
        outer.insert(0, [new Y.XmlElement("paragraph")]);
        f.insert(0, [outer]);
      },
      (f) => f.insert(0, [new Y.XmlElement("listItem")]),
      (f) => paragraphText(f, 1).insertEmbed(0, { image: "x.png" }),
      (f) => (f.get(1) as Y.XmlElement).setAttribute("data", new Y.Map() as unknown as string),
      (f) => {
        const code = f.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "codeBlock") as Y.XmlElement;
        (code.get(0) as Y.XmlText).format(0, 2, { bold: {} });
      },
    ];
    for (const [i, run] of cases.entries()) {
      const { edit } = setup();
      expect(edit(run), `case ${i}`).toEqual(expect.any(String));
    }
    const { guard } = setup();
    const mapClient = new Y.Doc();
    mapClient.getMap(FRAGMENT).set("x", 1);
    expect(guard.check(Y.encodeStateAsUpdate(mapClient))).toMatch(/keyed/);
  });

  it("refuses an update held back for missing predecessors", () => {
    const { guard } = setup();
    const other = new Y.Doc();
    other.getXmlFragment(FRAGMENT).insert(0, [new Y.XmlElement("paragraph")]);
    const first = Y.encodeStateAsUpdate(other);
    const sv = Y.encodeStateVector(other);
    (other.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).insert(0, [new Y.XmlText("later")]);
    expect(guard.check(Y.encodeStateAsUpdate(other, sv))).toMatch(/builds on changes/);
    expect(guard.check(first)).toBeNull();
  });
});

describe("tolerant reading", () => {
  it("serialises valid content exactly as y-tiptap does, so content hashes do not change", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, jsonToUpdate(markdownToJson(MARKDOWN)));
    const theirs = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(FRAGMENT));
    expect(storedJson(doc)).toEqual(theirs);
    expect(docToJson(doc)).toEqual(theirs);
  });

  for (const [what, write] of Object.entries(FOREIGN_WRITES)) {
    it(`reads a stored section holding ${what}: renders, hashes, names it, text agrees with flatten`, () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, jsonToUpdate(markdownToJson("Kept paragraph.")));
      Y.applyUpdate(doc, write());
      expect(() => docToHtml(doc)).not.toThrow();
      expect(contentHash(doc)).toMatch(/^[0-9a-f]{64}$/);
      expect(docToText(doc)).toContain("Kept paragraph.");
      expect(docToText(doc)).toBe(flatten(doc).text);
      expect(unsupportedContent(doc).length).toBeGreaterThan(0);
    });
  }
});
