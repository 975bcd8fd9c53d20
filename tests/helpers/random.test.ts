import { describe, expect, it } from "vitest";
import { seededRandom } from "./random.js";

describe("the seeded generator of benchmarks and test data", () => {
  it("repeats for a seed, differs across seeds, and yields odd and even values alike", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = Array.from({ length: 1000 }, () => a(100));
    expect(Array.from({ length: 1000 }, () => b(100))).toEqual(first);
    const c = seededRandom(8);
    expect(Array.from({ length: 1000 }, () => c(100))).not.toEqual(first);
    const odd = first.filter((v) => v % 2 === 1).length;
    expect(odd).toBeGreaterThan(400);
    expect(odd).toBeLessThan(600);
    expect(new Set(first).size).toBe(100);
  });
});
