import { describe, expect, it } from "vitest";
import { pageComparisons } from "./compare.js";

const block = (n: number) => ({ type: "paragraph", level: null, context: null, spans: [{ type: "insert" as const, text: `p${n}`, authors: [] }] });
const section = (id: string, blocks: number) => ({ id, inserted: blocks, deleted: 0, inline: Array.from({ length: blocks }, (_, i) => block(i)), before: [], after: [] });

describe("paging a long comparison", () => {
  it("keeps a short comparison on one page, whole", () => {
    const paged = pageComparisons([section("a", 3), section("b", 2)], { page: 1, size: 10, layout: "inline" });
    expect(paged.paging).toEqual({ page: 1, pages: 1, from: 1, to: 5, total: 5 });
    expect(paged.sections.map((s) => s.inline.length)).toEqual([3, 2]);
  });

  it("counts paragraphs across the sections in order and says where the others' changes are", () => {
    const sections = [section("a", 7), section("b", 0), section("c", 6)];
    const first = pageComparisons(sections, { page: 1, size: 5, layout: "inline" });
    expect(first.paging).toEqual({ page: 1, pages: 3, from: 1, to: 5, total: 13 });
    expect(first.sections.map((s) => [s.inline.map((b) => b.spans[0]!.text), s.onPage])).toEqual([
      [["p0", "p1", "p2", "p3", "p4"], null],
      [[], null],
      [[], 2],
    ]);
    const second = pageComparisons(sections, { page: 2, size: 5, layout: "inline" });
    expect(second.sections.map((s) => [s.inline.map((b) => b.spans[0]!.text), s.onPage])).toEqual([
      [["p5", "p6"], null],
      [[], null],
      [["p0", "p1", "p2"], null],
    ]);
  });

  it("shows the last page for a page past the end", () => {
    expect(pageComparisons([section("a", 7)], { page: 9, size: 5, layout: "inline" }).paging).toEqual({ page: 2, pages: 2, from: 6, to: 7, total: 7 });
  });

  it("pages the side-by-side layout by the longer of the two texts", () => {
    const side = { id: "s", inserted: 1, deleted: 1, inline: [], before: [block(0), block(1), block(2)], after: [block(0)] };
    const paged = pageComparisons([side], { page: 2, size: 2, layout: "side" });
    expect(paged.paging.total).toBe(3);
    expect([paged.sections[0]!.before.length, paged.sections[0]!.after.length]).toEqual([1, 0]);
  });
});
