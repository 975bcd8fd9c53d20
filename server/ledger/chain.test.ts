import { describe, expect, it } from "vitest";
import { canonical, entryHash, hashMatches, sha256Hex, type HashedFields } from "./chain.js";

const entry = (payload: Record<string, unknown>): HashedFields => ({
  chain: "public",
  seq: 12,
  kind: "submission",
  consultationId: "c1",
  sectionId: null,
  subjectId: "s\u00e9\u2028x",
  createdAt: "2026-12-06T04:00:00.000Z",
  payload,
  prevHash: "0".repeat(64),
});

describe("hashMatches", () => {
  const payload = { b: [1, { z: null, a: "\u0000\"quote\"" }], a: 1.5e-7, "10": true, "9": -0 };

  it("agrees with the full canonical hash, whatever the payload's key order", () => {
    const written = entry(JSON.parse(canonical(payload)) as Record<string, unknown>);
    const hash = entryHash(written);
    expect(hashMatches(written, hash)).toBe(true);
    // Keys out of canonical order (a payload re-serialised by another tool) still verify, through the full path.
    const reordered = entry(payload);
    expect(JSON.stringify(reordered.payload)).not.toBe(canonical(payload));
    expect(hashMatches(reordered, hash)).toBe(true);
  });

  it("hashes the stored payload text when the source has it, and still decides as the full hash does", () => {
    const written = entry({ b: "text", a: 1 });
    const hash = entryHash(written);
    expect(hashMatches({ ...written, payloadJson: canonical(written.payload) }, hash)).toBe(true);
    // Stored out of canonical order (say, rewritten by another tool): the full path decides, and it agrees.
    expect(hashMatches({ ...written, payloadJson: '{"b":"text","a":1}' }, hash)).toBe(true);
    expect(hashMatches({ ...written, payload: { a: 2, b: "text" }, payloadJson: '{"a":2,"b":"text"}' }, hash)).toBe(false);
  });

  it("refuses any change, on the quick and the full path", () => {
    const written = entry({ a: 1, b: "text" });
    const hash = entryHash(written);
    expect(hashMatches({ ...written, payload: { a: 2, b: "text" } }, hash)).toBe(false);
    expect(hashMatches({ ...written, payload: { b: "text", a: 1, c: null } }, hash)).toBe(false);
    expect(hashMatches({ ...written, seq: 13 }, hash)).toBe(false);
    expect(hashMatches(written, sha256Hex("other"))).toBe(false);
  });
});
