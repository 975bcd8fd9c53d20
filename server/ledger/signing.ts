import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { canonical, sha256Hex } from "./chain.js";

/**
 * The keys behind signed checkpoints (Ed25519 through node:crypto). The server
 * signs the public chain's head with its key; witnesses sign the same message
 * with theirs. A key is named by its key id: the first 16 hex characters of
 * SHA-256 over the raw 32-byte public key.
 */

/** Where a server publishes the public half of its key. */
export const LEDGER_KEY_PATH = "/.well-known/margin-ledger-key";

/** What a checkpoint signature covers. */
export interface CheckpointStatement {
  chain: string;
  seq: number;
  hash: string;
  time: string;
}

export interface PublicKeyInfo {
  alg: "Ed25519";
  keyId: string;
  /** Base64 of the raw 32-byte public key. */
  publicKey: string;
  /** The same key as a PEM SubjectPublicKeyInfo. */
  spki: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  info: PublicKeyInfo;
}

/** The bytes a checkpoint signature is over: the canonical JSON (RFC 8785) of exactly these four fields. */
export function checkpointMessage(s: CheckpointStatement): Buffer {
  return Buffer.from(canonical({ chain: s.chain, seq: s.seq, hash: s.hash, time: s.time }), "utf8");
}

/** A new Ed25519 private key as PKCS#8 PEM, what `margin keys init` writes. */
export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  // An Ed25519 SPKI in DER is a fixed 12-byte header followed by the 32 raw bytes.
  const der = publicKey.export({ type: "spki", format: "der" });
  return der.subarray(der.length - 32);
}

export function keyIdOf(rawPublicKey: Uint8Array): string {
  return sha256Hex(rawPublicKey).slice(0, 16);
}

export function publicKeyInfo(publicKey: KeyObject): PublicKeyInfo {
  const raw = rawPublicKey(publicKey);
  return { alg: "Ed25519", keyId: keyIdOf(raw), publicKey: raw.toString("base64"), spki: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

/** Reads a PKCS#8 PEM private key; throws a readable error when it is not an Ed25519 key. */
export function signingKeyFromPem(pem: string, where: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new Error(`${where} is not a PEM private key (make one with \`margin keys init\`).`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`${where} is a ${privateKey.asymmetricKeyType} key; checkpoints need an Ed25519 key (make one with \`margin keys init\`).`);
  return { privateKey, info: publicKeyInfo(createPublicKey(privateKey)) };
}

/** A public key given as base64 raw bytes (the well-known document) or as an SPKI PEM (a pinned file). */
export function publicKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) {
    const key = trimmed.includes("PRIVATE KEY") ? createPublicKey(createPrivateKey(trimmed)) : createPublicKey(trimmed);
    if (key.asymmetricKeyType !== "ed25519") throw new Error("the key is not an Ed25519 key");
    return key;
  }
  const raw = Buffer.from(trimmed, "base64");
  if (raw.length !== 32) throw new Error("an Ed25519 public key is 32 bytes (base64-encoded)");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
}

export function signStatement(key: KeyObject, s: CheckpointStatement): string {
  return sign(null, checkpointMessage(s), key).toString("base64");
}

export function statementSignedBy(key: KeyObject, s: CheckpointStatement, signatureB64: string): boolean {
  const signature = Buffer.from(signatureB64, "base64");
  if (signature.length !== 64) return false;
  try {
    return verify(null, checkpointMessage(s), key, signature);
  } catch {
    return false;
  }
}

/** Where the key file lives when LEDGER_SIGNING_KEY_FILE is not set: next to the SQLite database, or ./data. */
export function defaultKeyFile(databaseUrl: string): string {
  if (databaseUrl.startsWith("file:")) return resolve(dirname(databaseUrl.slice("file:".length)), "ledger-signing-key.pem");
  return resolve("data", "ledger-signing-key.pem");
}

export interface KeySettings {
  LEDGER_SIGNING_KEY?: string | undefined;
  LEDGER_SIGNING_KEY_FILE?: string | undefined;
  DATABASE_URL: string;
}

/** Writes a new key file readable by its owner only; refuses to replace one unless told to. */
export function writeKeyFile(path: string, pem: string, overwrite: boolean): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, pem, { mode: 0o600, flag: overwrite ? "w" : "wx" });
  // The mode applies only to a new file; a replaced one is narrowed too.
  chmodSync(path, 0o600);
}

/**
 * The server's signing key: LEDGER_SIGNING_KEY (PEM text), else the key file.
 * With `create`, a missing default key file is made (the zero-setup start);
 * `created` then says so, for the one log line that tells operators to back it up.
 */
export function loadSigningKey(env: KeySettings, options: { create: boolean }): { key: SigningKey; createdFile: string | null } {
  if (env.LEDGER_SIGNING_KEY) return { key: signingKeyFromPem(env.LEDGER_SIGNING_KEY.replace(/\\n/g, "\n"), "LEDGER_SIGNING_KEY"), createdFile: null };
  const path = env.LEDGER_SIGNING_KEY_FILE ? resolve(env.LEDGER_SIGNING_KEY_FILE) : defaultKeyFile(env.DATABASE_URL);
  if (!existsSync(path)) {
    if (!options.create || env.LEDGER_SIGNING_KEY_FILE) {
      throw new Error(`The ledger signing key file ${path} does not exist. Make one with \`margin keys init --out ${path}\`, or set LEDGER_SIGNING_KEY.`);
    }
    // Written aside and linked into place, so a node starting at the same moment
    // never reads half a file; if it made the key first, its key is used.
    const temp = `${path}.${process.pid}.tmp`;
    writeKeyFile(temp, generateSigningKeyPem(), true);
    try {
      linkSync(temp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    } finally {
      unlinkSync(temp);
    }
    return { key: signingKeyFromPem(readFileSync(path, "utf8"), path), createdFile: path };
  }
  return { key: signingKeyFromPem(readFileSync(path, "utf8"), path), createdFile: null };
}
