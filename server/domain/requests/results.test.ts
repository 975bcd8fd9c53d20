import { describe, expect, it } from "vitest";
import type { OrganisationKind } from "../../../db/schema.js";
import { questionResults, tableShape, type QuestionResults } from "./results.js";
import type { RequestQuestion } from "./load.js";
import { derivableCells } from "./suppression.js";

const K = 3;
const question = (kind: RequestQuestion["kind"], choices: string[] = []): RequestQuestion => ({
  id: "q1",
  position: 1,
  kind,
  prompt: "?",
  help: null,
  choices,
  maxLevel: "aggregate",
  required: true,
});
const answers = (list: [OrganisationKind, unknown][]) => list.map(([kind, value]) => ({ kind, value: value as never }));
const cellsOf = (r: QuestionResults) => [...r.respondents, ...r.rows.flatMap((row) => row.cells)];
const valueOf = (r: QuestionResults, id: string) => cellsOf(r).find((c) => c.id === id)!.value;

describe("a question's published table", () => {
  it("shows every count when every group has at least k respondents", () => {
    const r = questionResults(
      question("yes_no"),
      ["company", "academia"],
      answers([
        ["company", true],
        ["company", true],
        ["company", true],
        ["academia", false],
        ["academia", false],
        ["academia", false],
      ]),
      K
    );
    expect(cellsOf(r).every((c) => !c.suppressed)).toBe(true);
    expect(valueOf(r, "cell:yes:company")).toBe(3);
    expect(valueOf(r, "cell:no:all")).toBe(3);
    expect(valueOf(r, "n:all")).toBe(6);
    expect(r.statistics).toBeNull();
  });

  it("hides a small group's whole column, and enough else that the totals do not give it away", () => {
    const r = questionResults(
      question("single", ["A", "B"]),
      ["company", "academia"],
      answers([
        ["company", "A"],
        ["company", "A"],
        ["company", "B"],
        ["company", "B"],
        ["academia", "A"],
      ]),
      K
    );
    for (const id of ["n:academia", "cell:A:academia", "cell:B:academia"]) expect(valueOf(r, id)).toBeNull();
    const shape = tableShape("single", ["A", "B"], ["company", "academia"]);
    const hidden = new Set(
      cellsOf(r)
        .filter((c) => c.suppressed)
        .map((c) => c.id)
    );
    expect(derivableCells(shape.cells, shape.constraints, hidden)).toEqual([]);
    expect(hidden.size).toBeGreaterThan(3);
  });

  it("counts multiple choices in every row they name, without expecting rows to add up", () => {
    const r = questionResults(
      question("multiple", ["A", "B"]),
      ["company"],
      answers([
        ["company", ["A", "B"]],
        ["company", ["A", "B"]],
        ["company", ["A", "B"]],
      ]),
      K
    );
    expect(r.rowsSumToTotal).toBe(false);
    expect(valueOf(r, "cell:A:company")).toBe(3);
    expect(valueOf(r, "cell:B:all")).toBe(3);
    expect(valueOf(r, "n:all")).toBe(3);
  });

  it("summarises numbers only over k or more values", () => {
    const r = questionResults(
      question("number"),
      ["company", "academia"],
      answers([
        ["company", 10],
        ["company", 20],
        ["company", 30],
        ["academia", 99999],
      ]),
      K
    );
    expect(r.statistics).toEqual([
      { group: "company", n: valueOf(r, "n:company"), quartiles: { q1: 15, median: 20, q3: 25 } },
      { group: "academia", n: null, quartiles: null },
      // Over all, the quartiles and the companies' would give academia's one number away.
      { group: "all", n: valueOf(r, "n:all"), quartiles: null },
    ]);
    expect(JSON.stringify(r)).not.toContain("99999");
  });

  it("shows the statistics over all when the groups hidden hold at least k numbers between them", () => {
    const r = questionResults(
      question("number"),
      ["company", "academia", "startup"],
      answers([
        ["company", 10],
        ["company", 20],
        ["company", 30],
        ["academia", 40],
        ["academia", 50],
        ["startup", 60],
      ]),
      K
    );
    expect(r.statistics!.map((s) => [s.group, s.quartiles?.median ?? null])).toEqual([
      ["company", 20],
      ["academia", null],
      ["startup", null],
      ["all", 35],
    ]);
  });

  it("counts text answers without their words", () => {
    const r = questionResults(
      question("text"),
      ["company"],
      answers([
        ["company", null],
        ["company", null],
        ["company", "public words"],
      ]),
      K
    );
    expect(r.rows).toEqual([]);
    expect(valueOf(r, "n:company")).toBe(3);
    expect(JSON.stringify(r)).not.toContain("public words");
  });
});
