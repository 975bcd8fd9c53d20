import { parseArgs } from "node:util";
import type { Env } from "../../env.js";
import { HttpError, databaseSource, httpSource } from "../../ledger/sources.js";
import { verifyLedger, type VerifyReport } from "../../ledger/verify.js";
import { httpUrl, withDb, type Out } from "../io.js";
import { verifyReceiptCommand } from "./verify-receipt.js";

export async function verify(env: Env, args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { url: { type: "string" }, receipt: { type: "string" }, json: { type: "boolean", default: false } } });
  if (values.receipt !== undefined) return verifyReceiptCommand(values.receipt, values.url, values.json, io);
  let report: VerifyReport;
  if (values.url !== undefined) {
    const url = httpUrl(values.url, io);
    if (!url) return 1;
    try {
      report = await verifyLedger(httpSource(url.toString()));
    } catch (e) {
      if (e instanceof HttpError) {
        io.err(`margin verify: ${e.message}`);
        return 1;
      }
      throw e;
    }
  } else {
    report = await withDb(env, (db) => verifyLedger(databaseSource(db)));
  }
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else {
    const summary = `${report.entries} entries in ${report.chains} chain(s), ${report.changeSets} change sets replayed across ${report.sections} section(s), in ${report.ms} ms`;
    if (report.ok) {
      io.out(`OK — ${report.source}: ${summary}.`);
      if (report.head) io.out(`Public head: #${report.head.seq} ${report.head.hash}`);
    } else {
      io.err(`FAILED — ${report.source}: ${report.problem}`);
      io.err(`(checked ${summary} before stopping)`);
    }
    for (const note of report.notes) io.out(`note: ${note}`);
  }
  return report.ok ? 0 : 1;
}
