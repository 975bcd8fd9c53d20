import { describe, expect, it } from "vitest";
import { derivableCells, suppressCells, tableFor, type Cell, type SumConstraint, type SuppressionResult } from "./suppression.js";

/** Counts given as `grid[row][group]`; every group's n is its column sum (single choice). */
function singleChoice(grid: Record<string, Record<string, number>>) {
  const rows = Object.keys(grid);
  const groups = Object.keys(grid[rows[0]!]!);
  const respondentsByGroup = Object.fromEntries(groups.map((g) => [g, rows.reduce((s, r) => s + grid[r]![g]!, 0)]));
  return tableFor({ rows, groups, counts: (r, g) => grid[r]![g]!, respondentsByGroup, rowsSumToTotal: true });
}

const sorted = (s: ReadonlySet<string>) => [...s].sort();

/** The one-equation guarantee: no sum ends with exactly one hidden member. */
function loneHiddenMembers(constraints: SumConstraint[], suppressed: ReadonlySet<string>): SumConstraint[] {
  return constraints.filter((c) => new Set([c.total, ...c.parts].filter((id) => suppressed.has(id))).size === 1);
}

/** mulberry32: a small seeded generator, so a failing table can be rebuilt from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("derivableCells", () => {
  const cells: Cell[] = [
    { id: "t", count: 7 },
    { id: "a", count: 3 },
    { id: "b", count: 4 },
  ];
  const sum: SumConstraint[] = [{ total: "t", parts: ["a", "b"] }];

  it("finds a hidden value that one sum gives away, and none when two members of it are hidden", () => {
    expect(derivableCells(cells, sum, new Set(["a"]))).toEqual(["a"]);
    expect(derivableCells(cells, sum, new Set(["t"]))).toEqual(["t"]);
    expect(derivableCells(cells, sum, new Set(["a", "b"]))).toEqual([]);
    expect(derivableCells(cells, sum, new Set(["t", "a", "b"]))).toEqual([]);
    expect(derivableCells(cells, sum, new Set())).toEqual([]);
  });

  it("solves several sums together: three pairwise sums pin down all three hidden cells", () => {
    const pairs: Cell[] = ["x", "y", "z", "xy", "yz", "xz"].map((id) => ({ id, count: id.length }));
    const eqs: SumConstraint[] = [
      { total: "xy", parts: ["x", "y"] },
      { total: "yz", parts: ["y", "z"] },
      { total: "xz", parts: ["x", "z"] },
    ];
    // Every sum has two hidden members, yet together they are three equations in three unknowns.
    const hidden = new Set(["x", "y", "z"]);
    expect(loneHiddenMembers(eqs, hidden)).toEqual([]);
    expect(derivableCells(pairs, eqs, hidden)).toEqual(["x", "y", "z"]);
    expect(derivableCells(pairs, eqs, new Set(["x", "y", "z", "xy"]))).toEqual([]);
  });

  it("refuses ids it does not know", () => {
    expect(() => derivableCells(cells, sum, new Set(["nope"]))).toThrow(/not among the cells/);
    expect(() => derivableCells(cells, [{ total: "t", parts: ["a", "nope"] }], new Set())).toThrow(/not among the cells/);
  });
});

describe("suppressCells", () => {
  it("hides a small cell in a two-group table and another cell of its row, so the row total no longer gives it away", () => {
    const table = singleChoice({
      yes: { government: 1, company: 9 },
      no: { government: 5, company: 4 },
    });
    const onlyPrimary = new Set(["cell:yes:government"]);
    expect(derivableCells(table.cells, table.constraints, onlyPrimary)).toEqual(["cell:yes:government"]);

    const r = suppressCells(table.cells, table.constraints, 3);
    expect(sorted(r.primary)).toEqual(["cell:yes:government"]);
    expect(r.complementary.has("cell:yes:company")).toBe(true);
    expect(r.suppressed.has("cell:yes:all")).toBe(false);
    expect(derivableCells(table.cells, table.constraints, r.suppressed)).toEqual([]);
    expect(loneHiddenMembers(table.constraints, r.suppressed)).toEqual([]);
  });

  it("chooses the smallest part of the sum before its total, and breaks ties by id", () => {
    const cells: Cell[] = [
      { id: "t", count: 13 },
      { id: "a", count: 1 },
      { id: "b", count: 7 },
      { id: "c", count: 5 },
    ];
    const eq: SumConstraint[] = [{ total: "t", parts: ["a", "b", "c"] }];
    expect(sorted(suppressCells(cells, eq, 2).complementary)).toEqual(["c"]);

    const tie = cells.map((c) => (c.id === "b" ? { ...c, count: 5 } : c.id === "t" ? { ...c, count: 11 } : c));
    expect(sorted(suppressCells(tie, eq, 2).complementary)).toEqual(["b"]);
  });

  it("hides everything broken down from a group with fewer than k respondents, zeros included", () => {
    const table = singleChoice({
      a: { government: 4, company: 3, academia: 0 },
      b: { government: 5, company: 6, academia: 1 },
      c: { government: 3, company: 4, academia: 0 },
    });
    const r = suppressCells(table.cells, table.constraints, 2);
    const academia = ["cell:a:academia", "cell:b:academia", "cell:c:academia", "n:academia"];
    for (const id of academia) expect(r.primary.has(id)).toBe(true);
    expect(derivableCells(table.cells, table.constraints, r.suppressed)).toEqual([]);
    expect(loneHiddenMembers(table.constraints, r.suppressed)).toEqual([]);
  });

  it("hides a small group's zeros in a multiple-choice table too, through the group's n", () => {
    const table = tableFor({
      rows: ["x", "y"],
      groups: ["government", "startup"],
      counts: (row, group) => (group === "startup" ? (row === "x" ? 1 : 0) : 6),
      respondentsByGroup: { government: 8, startup: 1 },
      rowsSumToTotal: false,
    });
    const r = suppressCells(table.cells, table.constraints, 3);
    expect(sorted(r.primary)).toEqual(["cell:x:startup", "cell:y:startup", "n:startup"]);
    expect(derivableCells(table.cells, table.constraints, r.suppressed)).toEqual([]);
  });

  it("protects a small cell of a 3×3 single-choice table along its row and its column", () => {
    const table = singleChoice({
      a: { government: 7, company: 6, academia: 5 },
      b: { government: 4, company: 1, academia: 8 },
      c: { government: 9, company: 5, academia: 6 },
    });
    const small = "cell:b:company";
    // Without complementary cells, its row total and its column total each give it away.
    expect(derivableCells(table.cells, table.constraints, new Set([small]))).toEqual([small]);

    const r = suppressCells(table.cells, table.constraints, 3);
    expect(sorted(r.primary)).toEqual([small]);
    expect(r.complementary.size).toBeGreaterThanOrEqual(3);
    const row = ["cell:b:government", "cell:b:academia"];
    const column = ["cell:a:company", "cell:c:company"];
    expect(row.some((id) => r.suppressed.has(id))).toBe(true);
    expect(column.some((id) => r.suppressed.has(id))).toBe(true);
    expect(derivableCells(table.cells, table.constraints, r.suppressed)).toEqual([]);
    expect(loneHiddenMembers(table.constraints, r.suppressed)).toEqual([]);
  });

  it("goes past the one-equation rule when overlapping sums still pin a hidden cell down", () => {
    const cells: Cell[] = [
      { id: "x", count: 1 },
      { id: "y", count: 4 },
      { id: "z", count: 5 },
      { id: "xy", count: 5 },
      { id: "yz", count: 9 },
      { id: "xz", count: 6 },
    ];
    const eqs: SumConstraint[] = [
      { total: "xy", parts: ["x", "y"] },
      { total: "yz", parts: ["y", "z"] },
      { total: "xz", parts: ["x", "z"] },
    ];
    // The equation rule alone stops at x, y, z: each sum has two hidden members.
    expect(derivableCells(cells, eqs, new Set(["x", "y", "z"]))).toEqual(["x", "y", "z"]);
    const r = suppressCells(cells, eqs, 2);
    expect(sorted(r.suppressed)).toEqual(["x", "xy", "y", "z"]);
    expect(derivableCells(cells, eqs, r.suppressed)).toEqual([]);
  });

  it("hides a cell that frees the derivable one, not merely the cheapest cell next to it", () => {
    const cells: Cell[] = [
      { id: "x", count: 1 },
      { id: "y", count: 4 },
      { id: "z", count: 5 },
      { id: "xy", count: 5 },
      { id: "yz", count: 9 },
      { id: "xz", count: 6 },
      { id: "p", count: 50 },
      { id: "s", count: 55 },
    ];
    const eqs: SumConstraint[] = [
      { total: "xy", parts: ["x", "y"] },
      { total: "yz", parts: ["y", "z"] },
      { total: "xz", parts: ["x", "z"] },
      { total: "s", parts: ["x", "y", "p"] },
    ];
    // p ranks first (a part) and xy next (the smaller total), but while s and p, or s
    // and xy, are shown, x + y is known and x with it: only hiding xz frees x.
    const r = suppressCells(cells, eqs, 2);
    expect(sorted(r.suppressed)).toEqual(["x", "xz", "y", "z"]);
    expect(derivableCells(cells, eqs, r.suppressed)).toEqual([]);
  });

  it("frees a derivable cell by hiding a part rather than a total, even a larger part", () => {
    const cells: Cell[] = [
      { id: "x", count: 1 },
      { id: "y", count: 4 },
      { id: "z", count: 3 },
      { id: "p", count: 20 },
      { id: "a", count: 5 },
      { id: "b", count: 24 },
      { id: "c", count: 7 },
    ];
    const eqs: SumConstraint[] = [
      { total: "a", parts: ["x", "y"] },
      { total: "b", parts: ["x", "z", "p"] },
      { total: "c", parts: ["y", "z"] },
    ];
    // After y and z, x is pinned by all three sums; hiding the total a or the part p would free it.
    expect(derivableCells(cells, eqs, new Set(["x", "y", "z"]))).toEqual(["x", "y", "z"]);
    const r = suppressCells(cells, eqs, 2);
    expect(sorted(r.suppressed)).toEqual(["p", "x", "y", "z"]);
  });

  it("gives the same answer for the same table, whatever order its cells and sums come in", () => {
    // A table where closing the sums in a different order would hide different cells.
    const table = singleChoice({
      a: { government: 6, company: 9, startup: 6 },
      b: { government: 0, company: 9, startup: 7 },
      c: { government: 5, company: 2, startup: 4 },
    });
    const plain = (r: SuppressionResult) => ({ suppressed: sorted(r.suppressed), primary: sorted(r.primary), complementary: sorted(r.complementary) });
    const first = plain(suppressCells(table.cells, table.constraints, 3));
    expect(plain(suppressCells(table.cells, table.constraints, 3))).toEqual(first);
    const reversed = plain(suppressCells([...table.cells].reverse(), [...table.constraints].reverse().map((c) => ({ ...c, parts: [...c.parts].reverse() })), 3));
    expect(reversed).toEqual(first);
  });

  it("shows zeros, and prefers any cell that is not zero when one more must be hidden", () => {
    const table = singleChoice({
      a: { government: 0, company: 8 },
      b: { government: 6, company: 0 },
    });
    const none = suppressCells(table.cells, table.constraints, 3);
    expect(sorted(none.suppressed)).toEqual([]);

    const cells: Cell[] = [
      { id: "t", count: 12 },
      { id: "a", count: 2 },
      { id: "z", count: 0 },
      { id: "u", count: 12 },
      { id: "w", count: 0 },
    ];
    const eqs: SumConstraint[] = [
      { total: "t", parts: ["a", "z"] },
      { total: "u", parts: ["t", "w"] },
    ];
    const r = suppressCells(cells, eqs, 3);
    expect(sorted(r.primary)).toEqual(["a"]);
    // A total that is not zero is preferred to a zero part, in both sums.
    expect(sorted(r.complementary)).toEqual(["t", "u"]);
    expect(derivableCells(cells, eqs, r.suppressed)).toEqual([]);
  });

  it("refuses a threshold below 2, negative or fractional counts, and repeated ids", () => {
    const cells: Cell[] = [{ id: "a", count: 1 }];
    expect(() => suppressCells(cells, [], 1)).toThrow(RangeError);
    expect(() => suppressCells([{ id: "a", count: -1 }], [], 2)).toThrow(RangeError);
    expect(() => suppressCells([{ id: "a", count: 1.5 }], [], 2)).toThrow(RangeError);
    expect(() => suppressCells([...cells, ...cells], [], 2)).toThrow(/twice/);
  });

  it("keeps every random small table safe: primary cells hidden, no sum with one hidden member, nothing derivable", () => {
    const kinds = ["government", "company", "startup", "academia", "civil_society", "other"];
    for (let seed = 1; seed <= 200; seed++) {
      const random = prng(seed);
      const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
      const rows = Array.from({ length: int(2, 4) }, (_, i) => `choice ${i}`);
      const groups = kinds.filter(() => random() < 0.6);
      if (groups.length === 0) groups.push("other");
      const k = int(2, 5);
      const single = random() < 0.5;

      const counts = new Map<string, number>();
      const respondentsByGroup: Record<string, number> = {};
      for (const g of groups) {
        const n = int(0, 12);
        respondentsByGroup[g] = n;
        if (single) {
          for (const r of rows) counts.set(`${r}|${g}`, 0);
          for (let i = 0; i < n; i++) {
            const r = rows[int(0, rows.length - 1)]!;
            counts.set(`${r}|${g}`, counts.get(`${r}|${g}`)! + 1);
          }
        } else {
          for (const r of rows) counts.set(`${r}|${g}`, int(0, n));
        }
      }
      const table = tableFor({ rows, groups, counts: (r, g) => counts.get(`${r}|${g}`)!, respondentsByGroup, rowsSumToTotal: single });
      const r = suppressCells(table.cells, table.constraints, k);

      const context = `seed ${seed}`;
      for (const c of table.cells) if (c.count > 0 && c.count < k) expect(r.suppressed.has(c.id), context).toBe(true);
      expect(sorted(r.primary).filter((id) => r.complementary.has(id)), context).toEqual([]);
      expect(sorted(r.suppressed), context).toEqual(sorted(new Set([...r.primary, ...r.complementary])));
      expect(loneHiddenMembers(table.constraints, r.suppressed), context).toEqual([]);
      expect(derivableCells(table.cells, table.constraints, r.suppressed), context).toEqual([]);
    }
  });
});

describe("tableFor", () => {
  it("builds the cells and the sums of a single-choice table", () => {
    const table = singleChoice({ yes: { government: 3, company: 2 }, no: { government: 1, company: 4 } });
    expect(table.cells.map((c) => [c.id, c.count])).toEqual([
      ["cell:yes:government", 3],
      ["cell:yes:company", 2],
      ["cell:yes:all", 5],
      ["cell:no:government", 1],
      ["cell:no:company", 4],
      ["cell:no:all", 5],
      ["n:government", 4],
      ["n:company", 6],
      ["n:all", 10],
    ]);
    expect(table.constraints).toEqual([
      { total: "cell:yes:all", parts: ["cell:yes:government", "cell:yes:company"] },
      { total: "cell:no:all", parts: ["cell:no:government", "cell:no:company"] },
      { total: "n:all", parts: ["n:government", "n:company"] },
      { total: "n:government", parts: ["cell:yes:government", "cell:no:government"] },
      { total: "n:company", parts: ["cell:yes:company", "cell:no:company"] },
      { total: "n:all", parts: ["cell:yes:all", "cell:no:all"] },
    ]);
  });

  it("gives a multiple-choice table only its row sums and the sum of the groups' n", () => {
    const table = tableFor({
      rows: ["docs", "code"],
      groups: ["academia", "company"],
      counts: (row, group) => (row === "docs" ? 4 : group === "company" ? 6 : 1),
      respondentsByGroup: { academia: 5, company: 7 },
      rowsSumToTotal: false,
    });
    expect(table.constraints).toEqual([
      { total: "cell:docs:all", parts: ["cell:docs:academia", "cell:docs:company"] },
      { total: "cell:code:all", parts: ["cell:code:academia", "cell:code:company"] },
      { total: "n:all", parts: ["n:academia", "n:company"] },
    ]);
    // Respondents choose several rows, so the rows add up to more than n: no column sum holds.
    const r = suppressCells(table.cells, table.constraints, 2);
    expect(sorted(r.primary)).toEqual(["cell:code:academia"]);
    expect(sorted(r.complementary)).toEqual(["cell:code:company"]);
    expect(derivableCells(table.cells, table.constraints, r.suppressed)).toEqual([]);
  });

  it("refuses a single-choice table whose rows do not add up to its respondents, and ambiguous labels", () => {
    const base = { rows: ["yes", "no"], counts: () => 1, rowsSumToTotal: true };
    expect(() => tableFor({ ...base, groups: ["other"], respondentsByGroup: { other: 3 } })).toThrow(/add up to 2/);
    expect(() => tableFor({ ...base, groups: ["all"], respondentsByGroup: { all: 2 } })).toThrow(/cannot name a group/);
    expect(() => tableFor({ ...base, groups: ["other", "other"], respondentsByGroup: { other: 2 } })).toThrow(/only once/);
    expect(() => tableFor({ ...base, groups: ["other"], respondentsByGroup: {} })).toThrow(/No number of respondents/);
  });
});
