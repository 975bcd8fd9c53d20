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
    io.err("margin keys rotate: the key comes from DATA_ENCRYPTION_KEY, which Margin cannot change. Rotation works on the key file (DATA_ENCRYPTION_KEY_FILE).");
    return 1;
  }
  const result = await withDb(env, (db) => rotateDataKey(db.kysely, dataKeyFilePath(env), SEALED_COLUMNS));
  io.out(`${result.resumed ? "Finished the interrupted rotation" : "Rotated"}: key ${result.newKeyId} is current; ${result.rewrapped} sealed values re-wrapped.`);
  if (result.retired.length > 0) io.out(`Retired (kept in the key file so backups still open): ${result.retired.join(", ")}.`);
  io.out("Back up the key file again now.");
  return 0;
}

/** `margin keys init [--out FILE] [--force]`: a new Ed25519 key for the server or for a witness. */
export async function keys(env: Env, args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: "string" }, force: { type: "boolean", default: false } } });
  if (positionals[0] === "rotate" && positionals.length === 1) return rotate(env, io);
  if (positionals[0] !== "init" || positionals.length !== 1) {
    io.err("margin keys: the subcommands are `keys init [--out FILE] [--force]` and `keys rotate`.");
    return 1;
  }
  const path = resolve(values.out ?? env.LEDGER_SIGNING_KEY_FILE ?? defaultKeyFile(env.DATABASE_URL));
  const pem = generateSigningKeyPem();
  try {
    writeKeyFile(path, pem, values.force);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      io.err(`margin keys: ${path} already exists; pass --force to replace it. (Replacing a server's key means its earlier checkpoints can be checked only against the old public key, and every witness will report the change.)`);
      return 1;
    }
    throw e;
  }
  const { info } = signingKeyFromPem(pem, path);
  io.out(`Wrote an Ed25519 private key to ${path} (readable by you only).`);
  io.out(`Key id ${info.keyId}; public key ${info.publicKey}`);
  io.out("Keep a backup of this file somewhere safe.");
  return 0;
}
