import { describe, expect, it } from "vitest";
import { quantile, quartilesOf } from "./statistics.js";

describe("quartiles", () => {
  it("interpolates between ranks like a spreadsheet's QUARTILE", () => {
    expect(quartilesOf([1, 2, 3, 4, 5], 5)).toEqual({ q1: 2, median: 3, q3: 4 });
    expect(quartilesOf([1, 2, 3, 4], 2)).toEqual({ q1: 1.75, median: 2.5, q3: 3.25 });
    expect(quartilesOf([10, 20, 30, 40, 50, 60], 2)).toEqual({ q1: 22.5, median: 35, q3: 47.5 });
  });

  it("does not depend on the order the values come in", () => {
    expect(quartilesOf([5, 1, 4, 2, 3], 5)).toEqual(quartilesOf([1, 2, 3, 4, 5], 5));
  });

  it("publishes nothing over fewer than k values, and anything over k or more", () => {
    expect(quartilesOf([1, 2, 3, 4], 5)).toBeNull();
    expect(quartilesOf([], 2)).toBeNull();
    expect(quartilesOf([7, 7, 7, 7, 7], 5)).toEqual({ q1: 7, median: 7, q3: 7 });
  });

  it("handles negative numbers, fractions and one value", () => {
    expect(quartilesOf([-3, -1.5, 0, 2.25], 2)).toEqual({ q1: -1.875, median: -0.75, q3: 0.5625 });
    expect(quantile([42], 0.5)).toBe(42);
    expect(quantile([], 0.5)).toBeNull();
  });

  it("keeps no floating-point noise", () => {
    expect(quantile([0.1, 0.2], 0.5)).toBe(0.15);
  });
});
