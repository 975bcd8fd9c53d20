// The import worker's body: parses one upload and posts the result (or the
// refusal) back. It never touches the database; the main thread writes.
import { parentPort, workerData } from "node:worker_threads";
import { isAppError } from "../errors.js";
import { parseImport, type ImportFormat, type ParseLimits } from "./import-parse.js";

export interface ImportJob {
  bytes: Uint8Array;
  format: ImportFormat;
  limits: ParseLimits;
}

export type ImportReply =
  | { ok: true; result: Awaited<ReturnType<typeof parseImport>> }
  | { ok: false; appError: { code: string; message: string } | null; error: string };

const job = workerData as ImportJob;
let reply: ImportReply;
let transfer: ArrayBuffer[] = [];
try {
  const result = await parseImport(job.bytes, job.format, job.limits);
  transfer = result.sections.flatMap((s) => [s.content.update.buffer, s.content.checkpoint.buffer]).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  reply = { ok: true, result };
} catch (e) {
  reply = isAppError(e) ? { ok: false, appError: { code: e.code, message: e.message }, error: e.message } : { ok: false, appError: null, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}
parentPort!.postMessage(reply, [...new Set(transfer)]);
