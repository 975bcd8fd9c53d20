import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { masterKeyId, type MasterKeyring } from "./sealed.js";

/**
 * The master keys that wrap sealed values' data keys, kept like the ledger signing
 * key: DATA_ENCRYPTION_KEY (base64 of 32 bytes), else a key file (by default
 * data-encryption-key next to the SQLite database, or in ./data), made on first
 * start with mode 0600. The file is a small JSON keyring: the current key, and the
 * retired ones kept so values (and backups) sealed under them still open.
 */

const KEY_BYTES = 32;

const KeyEntrySchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  key: z.string().refine((k) => Buffer.from(k, "base64").length === KEY_BYTES, "a key is 32 bytes, base64-encoded"),
  created: z.string(),
  /** Set when a rotation has re-wrapped every value away from this key; null while values may still use it. */
  retired: z.string().nullable(),
});
const KeyringFileSchema = z.object({ version: z.literal(1), current: z.string(), keys: z.array(KeyEntrySchema).min(1) });
export type KeyringFile = z.infer<typeof KeyringFileSchema>;

export interface DataKeySettings {
  DATA_ENCRYPTION_KEY?: string | undefined;
  DATA_ENCRYPTION_KEY_FILE?: string | undefined;
  DATABASE_URL: string;
}

/** Where the keyring lives when DATA_ENCRYPTION_KEY_FILE is not set. */
function defaultDataKeyFile(databaseUrl: string): string {
  if (databaseUrl.startsWith("file:")) return resolve(dirname(databaseUrl.slice("file:".length)), "data-encryption-key");
  return resolve("data", "data-encryption-key");
}

export function dataKeyFilePath(env: DataKeySettings): string {
  return env.DATA_ENCRYPTION_KEY_FILE ? resolve(env.DATA_ENCRYPTION_KEY_FILE) : defaultDataKeyFile(env.DATABASE_URL);
}

/** A keyring file with one new current key, or `file` with a new key made current (the old ones kept, not yet retired). */
export function withNewKey(file: KeyringFile | null, now = new Date()): KeyringFile {
  const key = randomBytes(KEY_BYTES);
  const entry = { id: masterKeyId(key), key: key.toString("base64"), created: now.toISOString(), retired: null };
  return { version: 1, current: entry.id, keys: [...(file?.keys ?? []), entry] };
}

export function readKeyringFile(path: string): KeyringFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`The data encryption key file ${path} cannot be read as a JSON keyring (${(e as Error).message}).`, { cause: e });
  }
  const parsed = KeyringFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`The data encryption key file ${path} is not a valid keyring: ${parsed.error.issues[0]?.message ?? "bad shape"}.`);
  const file = parsed.data;
  for (const k of file.keys) {
    if (masterKeyId(Buffer.from(k.key, "base64")) !== k.id) throw new Error(`The data encryption key file ${path} names key ${k.id} with a key of another id.`);
  }
  if (!file.keys.some((k) => k.id === file.current)) throw new Error(`The data encryption key file ${path} names current key ${file.current}, which it does not hold.`);
  return file;
}

/** Replaces the keyring file atomically (written aside, renamed into place), readable by its owner only. */
export function writeKeyringFile(path: string, file: KeyringFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

function ringOf(file: KeyringFile, refresh?: () => MasterKeyring | null): MasterKeyring {
  return { current: file.current, keys: new Map(file.keys.map((k) => [k.id, Buffer.from(k.key, "base64")])), ...(refresh ? { refresh } : {}) };
}

/** A keyring from DATA_ENCRYPTION_KEY: one key, base64 of 32 bytes. */
function ringFromEnv(value: string): MasterKeyring {
  const key = Buffer.from(value.trim(), "base64");
  if (key.length !== KEY_BYTES) throw new Error("DATA_ENCRYPTION_KEY must be 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`).");
  const id = masterKeyId(key);
  return { current: id, keys: new Map([[id, key]]) };
}

/**
 * The server's keyring. With `create`, a missing key file is made (the zero-setup
 * start) and `createdFile` says so, for the one log line telling operators to back it up.
 * A keyring read from a file re-reads it when a value names a key it lacks, so a running
 * server opens values that `margin keys rotate` re-wrapped under a newer key.
 */
export function loadDataKeyring(env: DataKeySettings, options: { create: boolean }): { ring: MasterKeyring; createdFile: string | null } {
  if (env.DATA_ENCRYPTION_KEY) return { ring: ringFromEnv(env.DATA_ENCRYPTION_KEY), createdFile: null };
  const path = dataKeyFilePath(env);
  let createdFile: string | null = null;
  if (!existsSync(path)) {
    if (!options.create) throw new Error(`The data encryption key file ${path} does not exist; the server makes it on its first start, or set DATA_ENCRYPTION_KEY.`);
    writeKeyringFile(path, withNewKey(null));
    createdFile = path;
  }
  const reload = (): MasterKeyring | null => {
    try {
      return ringOf(readKeyringFile(path));
    } catch {
      return null;
    }
  };
  const live = ringOf(readKeyringFile(path), () => {
    const fresh = reload();
    if (fresh) {
      // Later values sealed by this server use the newest current key too.
      (live as { current: string }).current = fresh.current;
      (live.keys as Map<string, Buffer>).clear();
      for (const [id, key] of fresh.keys) (live.keys as Map<string, Buffer>).set(id, key);
    }
    return fresh;
  });
  return { ring: live, createdFile };
}
