import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { ChangeSetRow } from "../../db/schema.js";
import { FRAGMENT, jsonToUpdate } from "../collab/content.js";
import { replayToState } from "./history.js";
import { wordDiff } from "./word-diff.js";

/** A change set row as the replay needs it: one author, one update. */
function row(seq: number, author: string, data: Uint8Array): ChangeSetRow {
  return {
    id: `cs${seq}`,
    section_id: "s",
    seq_from: seq,
    seq_to: seq,
    authors: JSON.stringify([author]),
    started_at: "",
    ended_at: "",
    data,
    state_hash: "",
    inserted: 0,
    deleted: 0,
    summary: "",
    suggestion_id: null,
    public: 1,
  };
}

/** Applies `edit` to a copy of the state in `rows` as a new client and returns its update. */
function editAs(rows: ChangeSetRow[], edit: (text: Y.XmlText) => void, paragraph = 0): Uint8Array {
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, r.data);
  const before = Y.encodeStateVector(doc);
  const p = doc.getXmlFragment(FRAGMENT).get(paragraph) as Y.XmlElement;
  edit(p.get(0) as Y.XmlText);
  return Y.encodeStateAsUpdate(doc, before);
}

const para = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

describe("word diff with authorship", () => {
  it("names the right author for interleaved insertions", () => {
    const rows = [row(1, "alice", jsonToUpdate({ type: "doc", content: [para("The cat sat on the mat.")] }))];
    rows.push(row(2, "bob", editAs(rows, (t) => t.insert(4, "black "))));
    rows.push(row(3, "alice", editAs(rows, (t) => t.insert(t.length - 1, " all day"))));
    rows.push(row(4, "bob", editAs(rows, (t) => t.insert(t.toString().indexOf("mat"), "red "))));
    const base = replayToState(rows.slice(0, 1));
    const now = replayToState(rows);
    expect(now.blocks.map((b) => b.text)).toEqual(["The black cat sat on the red mat all day."]);
    const diff = wordDiff(base.blocks, now.blocks);
    const inserts = diff.spans.filter((s) => s.type === "insert").map((s) => ({ text: s.text, by: s.writers.map((w) => now.writers[w]!.author) }));
    expect(inserts).toEqual([
      { text: "black ", by: ["bob"] },
      { text: "red ", by: ["bob"] },
      { text: " all day", by: ["alice"] },
    ]);
    expect(diff.spans.filter((s) => s.type === "delete")).toEqual([]);
    expect(diff.inserted).toBe("black red  all day".length);
  });

  it("credits only the ids a change set created: an update that carries others' text again is not its author", () => {
    const rows = [row(1, "alice", jsonToUpdate({ type: "doc", content: [para("The cat sat.")] }))];
    rows.push(row(2, "bob", editAs(rows, (t) => t.insert(4, "black "))));
    // Carol's client re-sends everything it holds (bob's words included) with her one word: a resync, or a local copy.
    const carol = new Y.Doc();
    for (const r of rows) Y.applyUpdate(carol, r.data);
    ((carol.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "So ");
    rows.push(row(3, "carol", Y.encodeStateAsUpdate(carol)));
    const now = replayToState(rows);
    const diff = wordDiff(replayToState(rows.slice(0, 1)).blocks, now.blocks);
    expect(diff.spans.filter((s) => s.type === "insert").map((s) => [s.text, s.writers.map((w) => now.writers[w]!.author)])).toEqual([
      ["So ", ["carol"]],
      ["black ", ["bob"]],
    ]);
  });

  it("gives each character of a change set two people wrote at once its own author, from the log", () => {
    const base = [row(1, "alice", jsonToUpdate({ type: "doc", content: [para("One."), para("Two.")] }))];
    const bob = editAs(base, (t) => t.insert(0, "First "));
    const carol = editAs(base, (t) => t.insert(0, "Second "), 1);
    const shared = { ...row(2, "bob", Y.mergeUpdates([bob, carol])), seq_to: 3, authors: JSON.stringify(["bob", "carol"]) };
    const now = replayToState([...base, shared], new Map([[shared.id, [{ userId: "bob", data: bob }, { userId: "carol", data: carol }]]]));
    const diff = wordDiff(replayToState(base).blocks, now.blocks);
    expect(diff.spans.filter((s) => s.type === "insert").map((s) => [s.text.trim(), s.writers.map((w) => now.writers[w]!.author)])).toEqual([
      ["First", ["bob"]],
      ["Second", ["carol"]],
    ]);
  });

  it("credits a change set's ids by range: a drafter who continues a co-drafter's client id is the author of what they typed", () => {
    const base = [row(1, "alice", jsonToUpdate({ type: "doc", content: [para("Text.")] }))];
    const textOf = (doc: Y.Doc) => (doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const owner = new Y.Doc();
    owner.clientID = 424242;
    for (const r of base) Y.applyUpdate(owner, r.data);
    const ownerBefore = Y.encodeStateVector(owner);
    textOf(owner).insert(0, "OwnerThree ");
    const ownerUpdate = Y.encodeStateAsUpdate(owner, ownerBefore);
    // The drafter takes the synced state, then sets the owner's client id and types.
    const drafter = new Y.Doc();
    for (const r of base) Y.applyUpdate(drafter, r.data);
    Y.applyUpdate(drafter, ownerUpdate);
    drafter.clientID = 424242;
    const drafterBefore = Y.encodeStateVector(drafter);
    textOf(drafter).insert(0, "FORGEDTHIRD ");
    const forged = Y.encodeStateAsUpdate(drafter, drafterBefore);
    const shared = { ...row(2, "owner", Y.mergeUpdates([ownerUpdate, forged])), seq_to: 3, authors: JSON.stringify(["owner", "drafter"]) };
    const now = replayToState([...base, shared], new Map([[shared.id, [{ userId: "owner", data: ownerUpdate }, { userId: "drafter", data: forged }]]]));
    const diff = wordDiff(replayToState(base).blocks, now.blocks);
    expect(diff.spans.filter((s) => s.type === "insert").map((s) => [s.text.trim(), [...new Set(s.writers.map((w) => now.writers[w]!.author))]])).toEqual([
      ["FORGEDTHIRD", ["drafter"]],
      ["OwnerThree", ["owner"]],
    ]);
  });

  it("diffs whole words, marking a replaced word as delete + insert", () => {
    const rows = [row(1, "alice", jsonToUpdate({ type: "doc", content: [para("Providers must publish a summary.")] }))];
    rows.push(row(2, "bob", editAs(rows, (t) => {
      const at = t.toString().indexOf("must");
      t.delete(at, 4);
      t.insert(at, "should");
    })));
    const diff = wordDiff(replayToState(rows.slice(0, 1)).blocks, replayToState(rows).blocks);
    expect(diff.spans.map((s) => [s.type, s.text])).toEqual([
      ["equal", "Providers "],
      ["delete", "must"],
      ["insert", "should"],
      ["equal", " publish a summary."],
    ]);
  });

  it("reads an insertion around a kept space as one edit, not fragments", () => {
    const rows = [row(1, "alice", jsonToUpdate({ type: "doc", content: [para("Classify systems by the harm.")] }))];
    rows.push(row(2, "bob", editAs(rows, (t) => t.insert("Classify systems".length, ", using Annex A,"))));
    const diff = wordDiff(replayToState(rows.slice(0, 1)).blocks, replayToState(rows).blocks);
    expect(diff.spans.map((s) => [s.type, s.text])).toEqual([
      ["equal", "Classify systems"],
      ["delete", " "],
      ["insert", ", using Annex A, "],
      ["equal", "by the harm."],
    ]);
    // The space shown as removed and re-added is not counted as a change.
    expect([diff.inserted, diff.deleted]).toEqual([", using Annex A,".length, 0]);
  });

  it("splits Japanese into words rather than whole sentences", () => {
    const rows = [row(1, "alice", jsonToUpdate({ type: "doc", content: [para("事業者は利用者に説明しなければならない。")] }))];
    rows.push(row(2, "bob", editAs(rows, (t) => t.insert(t.toString().indexOf("説明"), "分かりやすく"))));
    const diff = wordDiff(replayToState(rows.slice(0, 1)).blocks, replayToState(rows).blocks);
    const inserted = diff.spans.filter((s) => s.type === "insert");
    expect(inserted.map((s) => s.text).join("")).toBe("分かりやすく");
    // The untouched words on either side stay equal: the diff is not the whole sentence.
    expect(diff.spans.filter((s) => s.type === "equal").map((s) => s.text).join("")).toBe("事業者は利用者に説明しなければならない。");
    expect(diff.spans.some((s) => s.type === "delete")).toBe(false);
  });

  it("rebuilds both texts from its spans when paragraphs are added, removed or changed anywhere", () => {
    const texts = ["Alpha one.", "Beta two.", "Gamma three.", "Delta four."];
    const docOf = (paras: string[]) => replayToState([row(1, "alice", jsonToUpdate({ type: "doc", content: paras.map(para) }))]).blocks;
    const cases: [string[], string[]][] = [
      [texts, [...texts.slice(0, 2), "New paragraph.", ...texts.slice(2)]],
      [texts, [...texts.slice(0, 1), ...texts.slice(2)]],
      [texts, [texts[0]!, "Beta two, revised.", texts[2]!, texts[3]!]],
      [texts, ["Intro.", ...texts]],
      [texts, [...texts, "Outro."]],
      [texts, texts.slice(1)],
      [texts, texts.slice(0, 3)],
      [texts, texts],
      [texts, ["Everything new."]],
      [[], texts],
    ];
    for (const [a, b] of cases) {
      const diff = wordDiff(docOf(a), docOf(b));
      const side = (keep: string) => diff.spans.filter((s) => s.type === "equal" || s.type === keep).map((s) => s.text).join("");
      expect(side("delete")).toBe(a.join("\n\n"));
      expect(side("insert")).toBe(b.join("\n\n"));
      expect(diff.after.map((blk) => blk.spans.filter((s) => s.type !== "delete").map((s) => s.text).join(""))).toEqual(b);
      expect(diff.before.map((blk) => blk.spans.filter((s) => s.type !== "insert").map((s) => s.text).join(""))).toEqual(a);
    }
  });

  it("keeps block structure: headings and list items stay separate blocks", () => {
    const before = replayToState([row(1, "alice", jsonToUpdate({ type: "doc", content: [{ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Scope" }] }, para("Applies to all.")] }))]);
    const after = replayToState([
      row(1, "alice", jsonToUpdate({
        type: "doc",
        content: [
          { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Scope" }] },
          para("Applies to all."),
          { type: "bulletList", content: [{ type: "listItem", content: [para("Except research.")] }] },
        ],
      })),
    ]);
    const diff = wordDiff(before.blocks, after.blocks);
    expect(diff.inline.map((b) => [b.type, b.level, b.context])).toEqual([
      ["heading", 2, null],
      ["paragraph", null, null],
      ["paragraph", null, "bullet"],
    ]);
    expect(diff.after[2]!.spans).toEqual([{ type: "insert", text: "Except research.", writers: [0] }]);
    expect(diff.before).toHaveLength(2);
  });
});
