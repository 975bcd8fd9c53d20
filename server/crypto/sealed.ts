import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Envelope encryption for texts stored at rest (node:crypto only).
 *
 * Each value gets a fresh random 256-bit data key; the text is encrypted with it
 * (AES-256-GCM, the value's `context` bound as additional data, so a sealed value
 * copied into another row or column no longer opens). The data key is itself
 * encrypted ("wrapped") with the master key (AES-256-GCM too). Rotating the master
 * key re-wraps only the data key; the ciphertext never changes.
 *
 * The stored form is self-describing, one line of base64url parts:
 *   sealed:v1:<master key id>:<wrapped data key>:<iv>:<tag>:<ciphertext>
 * where the wrapped data key is base64url(iv ‖ tag ‖ encrypted key).
 */

export const SEALED_PREFIX = "sealed:v1:";
const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Master keys by id; `current` seals, every key in the ring opens. */
export interface MasterKeyring {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
  /** Called when a value names a key this ring does not hold (the key file may have been rotated meanwhile). */
  refresh?: () => MasterKeyring | null;
}

/** Why a sealed value did not open; the message says which of the three it was. */
export class SealError extends Error {
  constructor(
    message: string,
    readonly reason: "unknown-key" | "wrong-key" | "tampered" | "malformed",
  ) {
    super(message);
    this.name = "SealError";
  }
}

/** A master key's id: 16 hex characters of a domain-separated SHA-256 (the key itself cannot be recovered from it). */
export function masterKeyId(key: Buffer): string {
  return createHash("sha256").update("margin data encryption key id\0").update(key).digest("hex").slice(0, 16);
}

export function isSealed(value: string | null | undefined): value is string {
  return typeof value === "string" && value.startsWith(SEALED_PREFIX);
}

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

/** Null when the tag does not match (wrong key, wrong additional data, or altered bytes). */
function gcmDecrypt(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

// The wrap binds the format version and the key id; the text binds the version and the context.
const wrapAad = (keyId: string) => `margin/${VERSION}/wrap/${keyId}`;
const textAad = (context: string) => `margin/${VERSION}/text/${context}`;

function wrapDataKey(ring: MasterKeyring, dataKey: Buffer): { keyId: string; wrapped: string } {
  const master = ring.keys.get(ring.current);
  if (!master) throw new SealError(`The current data encryption key ${ring.current} is not in the keyring.`, "unknown-key");
  const { iv, tag, ciphertext } = gcmEncrypt(master, dataKey, wrapAad(ring.current));
  return { keyId: ring.current, wrapped: Buffer.concat([iv, tag, ciphertext]).toString("base64url") };
}

interface SealedParts {
  keyId: string;
  wrapped: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function parse(sealed: string): SealedParts {
  const parts = sealed.split(":");
  if (parts.length !== 7 || parts[0] !== "sealed" || parts[1] !== VERSION) throw new SealError("The value is not a sealed text of a known version.", "malformed");
  const [, , keyId, wrapped, iv, tag, ciphertext] = parts as [string, string, string, string, string, string, string];
  const b = (s: string) => Buffer.from(s, "base64url");
  if (!/^[0-9a-f]{16}$/.test(keyId) || b(iv).length !== IV_BYTES || b(tag).length !== TAG_BYTES) throw new SealError("The sealed value is malformed.", "malformed");
  return { keyId, wrapped, iv: b(iv), tag: b(tag), ciphertext: b(ciphertext) };
}

function masterFor(ring: MasterKeyring, keyId: string): Buffer {
  const known = ring.keys.get(keyId) ?? ring.refresh?.()?.keys.get(keyId);
  if (!known) throw new SealError(`The value was sealed under data encryption key ${keyId}, which is not in the keyring (a lost or foreign key file?).`, "unknown-key");
  return known;
}

function unwrapDataKey(ring: MasterKeyring, keyId: string, wrapped: string): Buffer {
  const bytes = Buffer.from(wrapped, "base64url");
  if (bytes.length !== IV_BYTES + TAG_BYTES + KEY_BYTES) throw new SealError("The sealed value's wrapped key is malformed.", "malformed");
  const dataKey = gcmDecrypt(masterFor(ring, keyId), bytes.subarray(0, IV_BYTES), bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), bytes.subarray(IV_BYTES + TAG_BYTES), wrapAad(keyId));
  if (!dataKey) throw new SealError(`Data encryption key ${keyId} does not open this value's data key: the key file holds a different key under that id, or the value was altered.`, "wrong-key");
  return dataKey;
}

/** Encrypts `plaintext` for storage; `context` (e.g. "comment:<id>:body") must be given again to open it. */
export function seal(ring: MasterKeyring, plaintext: string, context: string): string {
  const dataKey = randomBytes(KEY_BYTES);
  const { iv, tag, ciphertext } = gcmEncrypt(dataKey, Buffer.from(plaintext, "utf8"), textAad(context));
  const { keyId, wrapped } = wrapDataKey(ring, dataKey);
  return [SEALED_PREFIX.slice(0, -1), keyId, wrapped, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(":");
}

/** Decrypts a sealed value; throws SealError naming the cause (unknown key, wrong key, altered value or wrong context). */
export function open(ring: MasterKeyring, sealed: string, context: string): string {
  const parts = parse(sealed);
  const dataKey = unwrapDataKey(ring, parts.keyId, parts.wrapped);
  const plaintext = gcmDecrypt(dataKey, parts.iv, parts.tag, parts.ciphertext, textAad(context));
  if (!plaintext) throw new SealError(`The sealed value does not open for "${context}": it was altered, or it belongs to another row.`, "tampered");
  return plaintext.toString("utf8");
}

/** The master key id a sealed value's data key is wrapped under. */
export function sealedKeyId(sealed: string): string {
  return parse(sealed).keyId;
}

/** The same value with its data key wrapped under the ring's current key; the ciphertext is unchanged. */
export function rewrap(ring: MasterKeyring, sealed: string): string {
  const parts = parse(sealed);
  if (parts.keyId === ring.current) return sealed;
  const { keyId, wrapped } = wrapDataKey(ring, unwrapDataKey(ring, parts.keyId, parts.wrapped));
  const fields = sealed.split(":");
  fields[2] = keyId;
  fields[3] = wrapped;
  return fields.join(":");
}
