import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Env } from "../../env.js";
import { defaultKeyFile, generateSigningKeyPem, signingKeyFromPem, writeKeyFile } from "../../ledger/signing.js";
import { withDb, type Out } from "../io.js";
import { dataKeyFilePath } from "../../crypto/keyring.js";
import { SEALED_COLUMNS } from "../../crypto/registry.js";
import { rotateDataKey } from "../../crypto/rotate.js";

/** `margin keys rotate`: a new data encryption key; every sealed value re-wrapped under it; the old key retired (kept). */
async function rotate(env: Env, io: Out): Promise<number> {
  if (env.DATA_ENCRYPTION_KEY) {
    io.err(io.tr.t("cli.keys.rotateEnv"));
    return 1;
  }
  const result = await withDb(env, (db) => rotateDataKey(db.kysely, dataKeyFilePath(env), SEALED_COLUMNS));
  io.out(io.tr.t("cli.keys.rotated", { resumed: result.resumed ? "yes" : "no", key: result.newKeyId, count: String(result.rewrapped) }));
  if (result.retired.length > 0) io.out(io.tr.t("cli.keys.retired", { keys: result.retired.join(", ") }));
  io.out(io.tr.t("cli.keys.backUpAgain"));
  return 0;
}

/** `margin keys init [--out FILE] [--force]`: a new Ed25519 key for the server or for a witness. */
export async function keys(env: Env, args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: "string" }, force: { type: "boolean", default: false } } });
  if (positionals[0] === "rotate" && positionals.length === 1) return rotate(env, io);
  if (positionals[0] !== "init" || positionals.length !== 1) {
    io.err(io.tr.t("cli.keys.usage"));
    return 1;
  }
  const path = resolve(values.out ?? env.LEDGER_SIGNING_KEY_FILE ?? defaultKeyFile(env.DATABASE_URL));
  const pem = generateSigningKeyPem();
  try {
    writeKeyFile(path, pem, values.force);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      io.err(io.tr.t("cli.keys.exists", { path }));
      return 1;
    }
    throw e;
  }
  const { info } = signingKeyFromPem(pem, path);
  io.out(io.tr.t("cli.keys.wrote", { path }));
  io.out(io.tr.t("cli.keys.id", { id: info.keyId, key: info.publicKey }));
  io.out(io.tr.t("cli.keys.backUp"));
  return 0;
}
