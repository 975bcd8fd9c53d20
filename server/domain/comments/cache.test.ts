import { describe, expect, it } from "vitest";
import type { Db } from "../../../db/client.js";
import { createInProcessBus } from "../../bus/bus.js";
import { createCommentCache } from "./cache.js";

/** A database whose only query is the public list of a section: a fresh array each time it is read. */
function fakeDb(): { db: Db; reads: () => number } {
  let n = 0;
  const query = { execute: async () => (n++, []) };
  const chain: Record<string, unknown> = {};
  for (const m of ["selectFrom", "innerJoin", "select", "where", "orderBy"]) chain[m] = () => chain;
  Object.assign(chain, query);
  return { db: { kysely: chain } as unknown as Db, reads: () => n };
}

describe("the comment cache's reader text", () => {
  it("computes a section's public reader text once per text seq and comment list, for every reader", async () => {
    const bus = createInProcessBus(() => {});
    const cache = createCommentCache(bus);
    const { db, reads } = fakeDb();
    let computed = 0;
    const text = (seq: number) => ({ seq, doc: { type: "doc" }, highlights: [{ id: `c${++computed}`, start: 0, end: 1 }] });
    const rows = await cache.publicRows(db, "s1");
    const first = cache.readerText!(rows, 7, () => text(7));
    // Every other reader at the same seq: the same answer, not computed again.
    expect(cache.readerText!(await cache.publicRows(db, "s1"), 7, () => text(7))).toBe(first);
    expect(computed).toBe(1);
    // The text moved on: once more.
    const next = cache.readerText!(rows, 8, () => text(8));
    expect(next).not.toBe(first);
    expect(computed).toBe(2);
    // The discussion changed: the rows are read again and the passages with them.
    bus.publish({ type: "section.activity", sectionId: "s1" });
    const fresh = await cache.publicRows(db, "s1");
    expect(fresh).not.toBe(rows);
    expect(reads()).toBe(2);
    expect(cache.readerText!(fresh, 8, () => text(8))).not.toBe(next);
    expect(computed).toBe(3);
  });
});
