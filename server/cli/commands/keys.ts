import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Env } from "../../env.js";
import { defaultKeyFile, generateSigningKeyPem, signingKeyFromPem, writeKeyFile } from "../../ledger/signing.js";
import type { Out } from "../io.js";

/** `margin keys init [--out FILE] [--force]`: a new Ed25519 key for the server or for a witness. */
export async function keys(env: Env, args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: "string" }, force: { type: "boolean", default: false } } });
  if (positionals[0] !== "init" || positionals.length !== 1) {
    io.err("margin keys: the only subcommand is `keys init [--out FILE] [--force]`.");
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
