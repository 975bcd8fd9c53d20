import { createHash, createPublicKey } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkpointMessage, generateSigningKeyPem, loadSigningKey, publicKeyFrom, signStatement, signingKeyFromPem, statementSignedBy } from "./signing.js";

const dir = mkdtempSync(join(tmpdir(), "margin-signing-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("checkpoint signatures", () => {
  const key = signingKeyFromPem(generateSigningKeyPem(), "a test key");
  const statement = { chain: "public", seq: 7, hash: "a".repeat(64), time: "2026-12-06T05:00:00.000Z" };

  it("sign the canonical JSON of exactly chain, seq, hash and time", () => {
    expect(checkpointMessage({ ...statement, ...{ keyId: "x" } } as typeof statement).toString()).toBe(
      `{"chain":"public","hash":"${"a".repeat(64)}","seq":7,"time":"2026-12-06T05:00:00.000Z"}`,
    );
  });

  it("name a key by the first 16 hex characters of SHA-256 over its 32 raw bytes", () => {
    const raw = Buffer.from(key.info.publicKey, "base64");
    expect(raw).toHaveLength(32);
    expect(key.info.keyId).toBe(createHash("sha256").update(raw).digest("hex").slice(0, 16));
    // The raw form and the PEM form are the same key.
    expect(publicKeyFrom(key.info.publicKey).export({ format: "jwk" })).toEqual(createPublicKey(key.info.spki).export({ format: "jwk" }));
  });

  it("check out only for the same statement and the same key", () => {
    const signature = signStatement(key.privateKey, statement);
    const pub = publicKeyFrom(key.info.publicKey);
    expect(statementSignedBy(pub, statement, signature)).toBe(true);
    for (const changed of [{ seq: 8 }, { hash: "b".repeat(64) }, { time: "2026-12-06T05:00:01.000Z" }, { chain: "team:x" }]) {
      expect(statementSignedBy(pub, { ...statement, ...changed }, signature), JSON.stringify(changed)).toBe(false);
    }
    const other = signingKeyFromPem(generateSigningKeyPem(), "another key");
    expect(statementSignedBy(publicKeyFrom(other.info.publicKey), statement, signature)).toBe(false);
    expect(statementSignedBy(pub, statement, "not a signature")).toBe(false);
  });

  it("refuse keys that are not Ed25519", () => {
    expect(() => signingKeyFromPem("nonsense", "LEDGER_SIGNING_KEY")).toThrow(/LEDGER_SIGNING_KEY is not a PEM private key/);
    expect(() => publicKeyFrom("AAAA")).toThrow(/32 bytes/);
  });
});

describe("the server's key", () => {
  it("is made next to the SQLite database on the first start, readable by its owner only, and reused after", () => {
    const url = `file:${join(dir, "db", "margin.sqlite")}`;
    const first = loadSigningKey({ DATABASE_URL: url }, { create: true });
    const file = join(dir, "db", "ledger-signing-key.pem");
    expect(first.createdFile).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadSigningKey({ DATABASE_URL: url }, { create: true });
    expect(second.createdFile).toBeNull();
    expect(second.key.info).toEqual(first.key.info);
    // No temporary file is left behind.
    expect(readdirSync(join(dir, "db"))).toEqual(["ledger-signing-key.pem"]);
  });

  it("comes from LEDGER_SIGNING_KEY first, and a named key file must exist", () => {
    const pem = generateSigningKeyPem();
    const fromEnv = loadSigningKey({ DATABASE_URL: "postgres://x/y", LEDGER_SIGNING_KEY: pem.replace(/\n/g, "\\n") }, { create: true });
    expect(fromEnv.key.info).toEqual(signingKeyFromPem(pem, "x").info);
    const missing = join(dir, "nowhere", "key.pem");
    expect(() => loadSigningKey({ DATABASE_URL: "postgres://x/y", LEDGER_SIGNING_KEY_FILE: missing }, { create: true })).toThrow(/does not exist\. Make one with `margin keys init --out/);
    expect(existsSync(missing)).toBe(false);
  });
});
