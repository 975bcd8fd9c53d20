import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** A random identifier: 80 bits, 16 lower-case base32 characters, safe in URLs and doc names. */
export function newId(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** A random secret: 120 bits, 24 base32 characters (the Lucia guide's minimum entropy). */
export function newSecret(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
