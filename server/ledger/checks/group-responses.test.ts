import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { LedgerKind } from "../../../db/schema.js";
import { sha256Hex } from "../chain.js";
import type { WireEntry } from "../wire.js";
import { RecordMismatch, type CheckContext } from "./context.js";
import { checkGroupResponses } from "./group-responses.js";

const WORDS = "We keep the register public.";
let seq = 0;
function entry(kind: LedgerKind, subjectId: string, payload: Record<string, unknown>): WireEntry {
  seq += 1;
  return { chain: "public", seq, kind, consultationId: "c", sectionId: null, subjectId, createdAt: "2026-12-07T00:00:00.000Z", payload, prevHash: "", hash: "" };
}
const digest = (ids: string[]) => createHash("sha256").update([...ids].sort().join("\n")).digest("hex");
const group = (id: string, members: string[], supersedes: string | null = null, extra: Record<string, unknown> = {}) =>
  entry("group_response", id, { groupId: "g1", kind: "campaign", outcome: "noted", response: WORDS, responseSha256: sha256Hex(WORDS), memberCount: members.length, membersSha256: digest(members), supersedes, ...extra });
const member = (groupResponseId: string, commentId: string, extra: Record<string, unknown> = {}) =>
  entry("disposition", `d-${groupResponseId}-${commentId}`, { commentId, outcome: "noted", response: WORDS, responseSha256: sha256Hex(WORDS), groupResponseId, ...extra });

async function check(entries: WireEntry[]): Promise<string | null> {
  const ctx: CheckContext = {
    source: {} as CheckContext["source"],
    entries,
    byKind: (k) => entries.filter((e) => e.kind === k),
    replayedText: async () => undefined,
    note: () => {},
  };
  try {
    await checkGroupResponses(ctx);
    return null;
  } catch (e) {
    if (e instanceof RecordMismatch) return e.message;
    throw e;
  }
}

describe("group responses in the ledger (ADR 032)", () => {
  it("accepts a group answer followed by exactly its members, and a later one superseding it", async () => {
    expect(await check([group("r1", ["a", "b", "c"]), member("r1", "c"), member("r1", "a"), member("r1", "b"), group("r2", ["a"], "r1"), member("r2", "a")])).toBeNull();
  });

  it("refuses a member count or member set that differs from the responses naming it", async () => {
    expect(await check([group("r1", ["a", "b", "c"]), member("r1", "a"), member("r1", "b")])).toMatch(/answered 3 comments, the ledger holds 2/);
    expect(await check([group("r1", ["a", "b"]), member("r1", "a"), member("r1", "x")])).toMatch(/not those its members digest names/);
  });

  it("refuses a response naming a group answer the ledger does not hold before it", async () => {
    expect(await check([member("r1", "a"), group("r1", ["a"])])).toMatch(/does not record before it/);
  });

  it("refuses a member answered with other words or outcome, and a broken supersession", async () => {
    expect(await check([group("r1", ["a"]), member("r1", "a", { outcome: "adopted" })])).toMatch(/outcome differs/);
    expect(await check([group("r1", ["a"]), member("r1", "a", { responseSha256: sha256Hex("other") })])).toMatch(/text differs/);
    expect(await check([group("r1", ["a"]), member("r1", "a"), group("r2", ["a"], null), member("r2", "a")])).toMatch(/supersedes nothing/);
    expect(await check([group("r1", ["a"], null, { response: "tampered" }), member("r1", "a")])).toMatch(/does not match its SHA-256/);
  });

  it("leaves a confidential member's digest-only response alone but still counts it", async () => {
    expect(await check([group("r1", ["a", "s"]), member("r1", "a"), member("r1", "s", { response: null, responseSha256: null })])).toBeNull();
  });
});
