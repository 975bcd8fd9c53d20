import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SealError, isSealed, masterKeyId, open, rewrap, seal, sealedKeyId, type MasterKeyring } from "./sealed.js";

function ringWith(...keys: Buffer[]): MasterKeyring {
  return { current: masterKeyId(keys.at(-1)!), keys: new Map(keys.map((k) => [masterKeyId(k), k])) };
}

function failure(f: () => unknown): SealError {
  try {
    f();
  } catch (e) {
    if (e instanceof SealError) return e;
    throw e;
  }
  throw new Error("expected a SealError");
}

const TEXT = "Our internal cost figure is 4.2 million";

describe("sealed values", () => {
  const key = randomBytes(32);
  const ring = ringWith(key);

  it("opens in its own context and never contains the plaintext", () => {
    const sealed = seal(ring, TEXT, "comment:abc:body");
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).toMatch(/^sealed:v1:[0-9a-f]{16}:[\w-]+:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain(TEXT);
    expect(sealed).not.toContain("4.2");
    expect(Buffer.from(sealed).includes(Buffer.from(TEXT).toString("base64").slice(0, 12))).toBe(false);
    expect(open(ring, sealed, "comment:abc:body")).toBe(TEXT);
    expect(sealedKeyId(sealed)).toBe(masterKeyId(key));
  });

  it("seals the same text differently every time (a fresh data key and iv)", () => {
    expect(seal(ring, TEXT, "c")).not.toBe(seal(ring, TEXT, "c"));
    expect(open(ring, seal(ring, "", "c"), "c")).toBe("");
  });

  it("refuses another row's context", () => {
    const sealed = seal(ring, TEXT, "comment:abc:body");
    const e = failure(() => open(ring, sealed, "comment:xyz:body"));
    expect(e.reason).toBe("tampered");
    expect(e.message).toContain("comment:xyz:body");
  });

  it("refuses an altered ciphertext, tag or iv", () => {
    const sealed = seal(ring, TEXT, "c");
    const parts = sealed.split(":");
    for (const at of [4, 5, 6]) {
      const bytes = Buffer.from(parts[at]!, "base64url");
      bytes[0]! ^= 1;
      const altered = [...parts];
      altered[at] = bytes.toString("base64url");
      expect(failure(() => open(ring, altered.join(":"), "c")).reason).toBe("tampered");
    }
    const wrapped = Buffer.from(parts[3]!, "base64url");
    wrapped[wrapped.length - 1]! ^= 1;
    const altered = [...parts];
    altered[3] = wrapped.toString("base64url");
    expect(failure(() => open(ring, altered.join(":"), "c")).reason).toBe("wrong-key");
  });

  it("says so when the key under that id is another key, or the id is unknown", () => {
    const sealed = seal(ring, TEXT, "c");
    const impostor: MasterKeyring = { current: ring.current, keys: new Map([[ring.current, randomBytes(32)]]) };
    expect(failure(() => open(impostor, sealed, "c")).reason).toBe("wrong-key");
    const other = ringWith(randomBytes(32));
    const unknown = failure(() => open(other, sealed, "c"));
    expect(unknown.reason).toBe("unknown-key");
    expect(unknown.message).toContain(masterKeyId(key));
    expect(failure(() => open(ring, "sealed:v2:x", "c")).reason).toBe("malformed");
  });

  it("re-wraps under a new key without changing the ciphertext", () => {
    const sealed = seal(ring, TEXT, "c");
    const next = ringWith(key, randomBytes(32));
    const moved = rewrap(next, sealed);
    expect(sealedKeyId(moved)).toBe(next.current);
    expect(moved.split(":").slice(4)).toEqual(sealed.split(":").slice(4));
    expect(open(next, moved, "c")).toBe(TEXT);
    // Without the old key the re-wrapped value still opens; the old form does not.
    const onlyNew: MasterKeyring = { current: next.current, keys: new Map([[next.current, next.keys.get(next.current)!]]) };
    expect(open(onlyNew, moved, "c")).toBe(TEXT);
    expect(failure(() => open(onlyNew, sealed, "c")).reason).toBe("unknown-key");
    expect(rewrap(next, moved)).toBe(moved);
  });

  it("asks the ring to refresh when a value names a key it lacks", () => {
    const newer = ringWith(key, randomBytes(32));
    const moved = rewrap(newer, seal(ring, TEXT, "c"));
    const stale: MasterKeyring = { ...ring, refresh: () => newer };
    expect(open(stale, moved, "c")).toBe(TEXT);
  });
});
