import { describe, expect, it } from "vitest";
import type { LedgerKind } from "../../../db/schema.js";
import type { WireEntry } from "../wire.js";
import { RecordMismatch, type CheckContext } from "./context.js";
import { checkPublications } from "./publications.js";

function entry(kind: LedgerKind, seq: number, payload: Record<string, unknown>): WireEntry {
  return { chain: "public", seq, kind, consultationId: "c", sectionId: "s", subjectId: null, createdAt: "2026-12-07T00:00:00.000Z", payload, prevHash: "0", hash: "0" } as WireEntry;
}

function context(entries: WireEntry[]): CheckContext & { notes: string[] } {
  const notes: string[] = [];
  return {
    source: {} as CheckContext["source"],
    entries,
    byKind: (k) => entries.filter((e) => e.kind === k),
    replayedText: async () => undefined,
    note: (t) => void notes.push(t),
    notes,
  };
}

describe("the publications check", () => {
  const folded = entry("change_set", 1, { seqFrom: 1, seqTo: 12, authors: [] });

  it("accepts a publication whose range is folded and whose count matches it", async () => {
    const ctx = context([folded, entry("publication", 2, { publisherId: "u", seqFrom: 5, seqTo: 12, updates: 8 })]);
    await checkPublications(ctx);
    expect(ctx.notes).toEqual([]);
  });

  it("refuses a count that differs from the range, or no range", async () => {
    await expect(checkPublications(context([folded, entry("publication", 2, { publisherId: "u", seqFrom: 5, seqTo: 12, updates: 3 })]))).rejects.toBeInstanceOf(RecordMismatch);
    await expect(checkPublications(context([entry("publication", 2, { publisherId: "u", seqFrom: 9, seqTo: 4, updates: -4 })]))).rejects.toThrow("no valid range");
  });

  it("notes, without failing, a publication not folded yet", async () => {
    const ctx = context([folded, entry("publication", 2, { publisherId: "u", seqFrom: 13, seqTo: 14, updates: 2 })]);
    await checkPublications(ctx);
    expect(ctx.notes).toHaveLength(1);
  });
});
