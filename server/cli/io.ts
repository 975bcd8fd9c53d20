import { createDb, type Db } from "../../db/client.js";
import type { Env } from "../env.js";
import { existsSync } from "node:fs";
import { installDataKeyring } from "../crypto/active.js";
import { dataKeyFilePath, loadDataKeyring } from "../crypto/keyring.js";

/** Where a command writes: stdout and stderr, or a test's capture. */
export type Out = { out: (s: string) => void; err: (s: string) => void };
export const stdio: Out = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

/** Opens the database for one command and always closes it. */
export async function withDb<T>(env: Env, fn: (db: Db) => Promise<T>): Promise<T> {
  // Commands that read comment rows open sealed texts with the server's key file, when there is one.
  if (env.DATA_ENCRYPTION_KEY || existsSync(dataKeyFilePath(env))) installDataKeyring(loadDataKeyring(env, { create: false }).ring);
  const db = createDb(env.DATABASE_URL, { poolSize: 2 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The address --url names, or null after saying why it cannot be used. */
export function httpUrl(value: string, io: Out): URL | null {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {
    // reported below
  }
  io.err(`margin verify: --url needs an http(s) address, such as http://localhost:3000 (got "${value}")`);
  return null;
}
