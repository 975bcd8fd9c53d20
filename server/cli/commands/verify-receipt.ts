import { readFile } from "node:fs/promises";
import { ReceiptFileSchema } from "../../domain/schemas.js";
import { ReceiptFetchError, checkReceipt, httpLedgerReader, type ReceiptCheck, type ReceiptDocument } from "../../ledger/receipts.js";
import { httpUrl, type Out } from "../io.js";

/** Reads and validates a receipt file; a message for people when it is not one. */
async function readReceipt(file: string): Promise<ReceiptDocument | string> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (e) {
    return `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return `${file} is not JSON; a receipt is the .json file from "My submissions"`;
  }
  const parsed = ReceiptFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ");
    return `${file} is not a Margin receipt (${issues})`;
  }
  return parsed.data as ReceiptDocument;
}

function printCheck(c: ReceiptCheck, source: string, io: Out): void {
  const verdict: Record<ReceiptCheck["state"], string> = {
    unaltered: "INCLUDED — unaltered",
    changed: "INCLUDED — changed since only by the recorded entries below",
    missing: "MISSING",
    different: "DIFFERENT",
    unverifiable: "CANNOT CHECK",
  };
  const write = c.ok ? io.out : io.err;
  write(`${verdict[c.state]}: receipt ${c.reference} against ${source}`);
  for (const f of c.findings) write(`  ${f}`);
}

/** `margin verify --receipt FILE --url URL`: the command's thin shell around checkReceipt. */
export async function verifyReceiptCommand(file: string, url: string | undefined, json: boolean, io: Out): Promise<number> {
  if (url === undefined) {
    io.err(io.tr.t("cli.verify.receiptNeedsUrl"));
    return 1;
  }
  const root = httpUrl(url, io);
  if (!root) return 1;
  const receipt = await readReceipt(file);
  if (typeof receipt === "string") {
    io.err(`margin verify: ${receipt}`);
    return 1;
  }
  let check: ReceiptCheck;
  try {
    check = await checkReceipt(receipt, httpLedgerReader(root.toString()));
  } catch (e) {
    if (e instanceof ReceiptFetchError) {
      io.err(`margin verify: ${e.message}`);
      return 1;
    }
    throw e;
  }
  if (json) io.out(JSON.stringify(check, null, 2));
  else printCheck(check, root.origin, io);
  return check.ok ? 0 : 1;
}
