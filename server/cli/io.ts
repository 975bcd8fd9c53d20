import { createDb, type Db } from "../../db/client.js";
import type { Env } from "../env.js";
import { existsSync } from "node:fs";
import { installDataKeyring } from "../crypto/active.js";
import { dataKeyFilePath, loadDataKeyring } from "../crypto/keyring.js";
import type { Translator } from "../../common/i18n/intl.js";
import { DEFAULT_LOCALE, type Locale } from "../../common/i18n/locales.js";

/** Where a command writes (stdout and stderr, or a test's capture), and in which language it words what it says to people. */
export type Out = { out: (s: string) => void; err: (s: string) => void; tr: Translator };

export function stdio(tr: Translator): Out {
  return { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`), tr };
}

/** The interface language of a POSIX locale name: "ja_JP.UTF-8" (or "ja") is Japanese; anything else, "C" included, English. */
export function cliLocale(posix: string | null): Locale {
  return /^ja(?:[_.@-]|$)/i.test(posix ?? "") ? "ja" : DEFAULT_LOCALE;
}

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
  io.err(io.tr.t("cli.verify.badUrl", { url: value }));
  return null;
}
