import { createPublicKey, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Env } from "../../env.js";
import { HttpError, databaseSource, httpSource } from "../../ledger/sources.js";
import { verifyLedger, type VerifyReport } from "../../ledger/verify.js";
import { defaultKeyFile, loadSigningKey, publicKeyFrom } from "../../ledger/signing.js";
import { httpUrl, withDb, type Out } from "../io.js";
import { verifyReceiptCommand } from "./verify-receipt.js";

export async function verify(env: Env, args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { url: { type: "string" }, json: { type: "boolean", default: false }, "public-key": { type: "string" }, receipt: { type: "string" } } });
  if (values.receipt !== undefined) return verifyReceiptCommand(values.receipt, values.url, values.json, io);
  let ledgerKey: KeyObject | null = null;
  if (values["public-key"] !== undefined) {
    try {
      ledgerKey = publicKeyFrom(readFileSync(values["public-key"], "utf8"));
    } catch (e) {
      io.err(`margin verify: --public-key ${values["public-key"]}: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  }
  let report: VerifyReport;
  if (values.url !== undefined) {
    const url = httpUrl(values.url, io);
    if (!url) return 1;
    try {
      report = await verifyLedger(httpSource(url.toString(), fetch, { ledgerKey }));
    } catch (e) {
      if (e instanceof HttpError) {
        io.err(`margin verify: ${e.message}`);
        return 1;
      }
      throw e;
    }
  } else {
    // The operator's key, from the environment or the key file: never from the database being checked.
    ledgerKey ??= operatorKey(env);
    report = await withDb(env, (db) => verifyLedger(databaseSource(db, { ledgerKey, databaseUrl: env.DATABASE_URL })));
  }
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else {
    // Counts as plain strings: the report's figures, not numbers to group ("1,234") in either language.
    const counts = { entries: String(report.entries), chains: String(report.chains), changeSets: String(report.changeSets), sections: String(report.sections), ms: String(report.ms) };
    const summary = io.tr.t("cli.verify.summary", counts);
    if (report.ok) {
      io.out(io.tr.t("cli.verify.ok", { source: report.source, summary }));
      if (report.head) io.out(io.tr.t("cli.verify.head", { seq: String(report.head.seq), hash: report.head.hash }));
    } else {
      io.err(io.tr.t("cli.verify.failed", { source: report.source, problem: report.problem }));
      io.err(io.tr.t("cli.verify.checkedBefore", { summary }));
    }
    for (const note of report.notes) io.out(`note: ${note}`);
  }
  return report.ok ? 0 : 1;
}

/** The server's public key as its operator configured it, or null when none is set up (the report then says signatures were not checked). */
function operatorKey(env: Env): KeyObject | null {
  if (!env.LEDGER_SIGNING_KEY && !env.LEDGER_SIGNING_KEY_FILE && !existsSync(defaultKeyFile(env.DATABASE_URL))) return null;
  return createPublicKey(loadSigningKey(env, { create: false }).key.privateKey);
}
