import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { WITNESS_NAME_MAX } from "../../domain/schemas.js";
import { signingKeyFromPem, type SigningKey } from "../../ledger/signing.js";
import { WitnessFailure, runWitness } from "../../ledger/witness.js";
import type { Out } from "../io.js";

/** `margin witness --url URL --state DIR [--key FILE] [--name NAME] [--accept-new-key]`. */
export async function witness(args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string" },
      state: { type: "string" },
      key: { type: "string" },
      name: { type: "string" },
      "accept-new-key": { type: "boolean", default: false },
    },
  });
  if (!values.url || !values.state) {
    io.err(io.tr.t("cli.witness.usage"));
    return 1;
  }
  try {
    const url = new URL(values.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
  } catch {
    io.err(io.tr.t("cli.witness.badUrl", { url: values.url }));
    return 1;
  }
  const name = (values.name ?? hostname()).trim().slice(0, WITNESS_NAME_MAX);
  let key: SigningKey | null = null;
  if (values.key) {
    try {
      key = signingKeyFromPem(readFileSync(values.key, "utf8"), values.key);
    } catch (e) {
      io.err(`margin witness: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  }
  try {
    const r = await runWitness({ url: values.url, stateDir: values.state, key, name, acceptNewKey: values["accept-new-key"] });
    const cp = r.checkpoint;
    const since = r.previous ? (r.previous.seq === cp.seq ? "unchanged since the last run" : `extends #${r.previous.seq} seen before`) : "first run: stored";
    const extra = [r.keyPinned ? `server key ${cp.keyId} pinned` : null, r.coSigned ? `co-signed as “${name}”` : null].filter(Boolean).join("; ");
    io.out(`OK — ${values.url}: checkpoint #${cp.seq} signed ${cp.time} (hash ${cp.hash.slice(0, 16)}…), ${since}${extra ? `; ${extra}` : ""}.`);
    return 0;
  } catch (e) {
    if (e instanceof WitnessFailure) {
      io.err(`FAILED — ${values.url}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
