import { Worker } from "node:worker_threads";
import type { Env } from "../env.js";
import { AppError, type ErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";
import { workerEntry } from "../worker-entry.js";
import type { ImportFormat, ParsedImport, ParseLimits } from "./import-parse.js";
import type { ImportJob, ImportReply } from "./import-worker.js";

/** Every limit on an import: what the parse may find, and what the worker may spend. */
export interface ImportLimits extends ParseLimits {
  timeoutMs: number;
  heapMb: number;
  concurrency: number;
}

export function importLimitsFrom(env: Env): ImportLimits {
  return {
    maxNesting: env.MARKDOWN_MAX_NESTING,
    docx: { maxUnpackedBytes: env.DOCX_MAX_UNPACKED_BYTES, maxXmlBytes: env.DOCX_MAX_XML_BYTES, maxXmlDepth: env.DOCX_MAX_XML_DEPTH },
    timeoutMs: env.IMPORT_TIMEOUT_MS,
    heapMb: env.IMPORT_HEAP_MB,
    concurrency: env.IMPORT_CONCURRENCY,
  };
}

/** Parses uploads off the main event loop; created once at the composition root. */
export interface ImportService {
  /** Bytes of a Markdown or Word file → sections ready to store; refusals are AppErrors (413, 422, 503), never a crash. */
  parse(bytes: Uint8Array, format: ImportFormat): Promise<ParsedImport>;
}

const refusal = (code: ErrorCode, message: string, extra: { retryAfterSeconds?: number } = {}) =>
  new AppError(code, message, { fieldErrors: { file: [message] }, ...extra });

/**
 * One worker thread per import, with a heap limit and a wall-clock timeout
 * (the worker is terminated). A single Word or Markdown file can take a parser
 * a minute of CPU and hundreds of MiB; here it costs only its own request.
 */
export function createImportService(limits: ImportLimits, logger: Logger): ImportService {
  let running = 0;
  const entry = workerEntry(import.meta.url, "./import-worker");
  return {
    async parse(bytes, format) {
      if (running >= limits.concurrency) {
        throw refusal("unavailable", "Other imports are being read on this server right now. Try again in a minute.", { retryAfterSeconds: 30 });
      }
      running += 1;
      try {
        return await runWorker(bytes, format);
      } finally {
        running -= 1;
      }
    },
  };

  function runWorker(bytes: Uint8Array, format: ImportFormat): Promise<ParsedImport> {
    const { timeoutMs, heapMb } = limits;
    const job: ImportJob = { bytes, format, limits: { maxNesting: limits.maxNesting, docx: limits.docx } };
    if (!entry) return Promise.reject(new Error("the import worker's file is missing next to imports.ts"));
    return new Promise((resolve, reject) => {
      const worker = new Worker(entry.source, {
        eval: entry.eval,
        workerData: job,
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.max(16, Math.min(64, heapMb >> 3)) },
        stdout: false,
        stderr: false,
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        void worker.terminate();
      };
      const timer = setTimeout(() => {
        logger.warn("import worker stopped at its time limit", { format, bytes: bytes.length, timeoutMs });
        settle(() => reject(refusal("unprocessable", `Reading the file took longer than ${Math.round(timeoutMs / 100) / 10} seconds, so it was stopped. Split it into smaller files or simplify it, and import again.`)));
      }, timeoutMs);
      worker.on("message", (reply: ImportReply) => {
        settle(() => {
          if (reply.ok) return resolve(reply.result);
          if (reply.appError) return reject(refusal(reply.appError.code as ErrorCode, reply.appError.message));
          logger.warn("import could not be parsed", { format, bytes: bytes.length, error: reply.error });
          reject(refusal("unprocessable", "The file could not be read. Check that it is a Markdown or Word (.docx) file and import it again."));
        });
      });
      worker.on("error", (e: Error & { code?: string }) => {
        settle(() => {
          if (e.code === "ERR_WORKER_OUT_OF_MEMORY") {
            logger.warn("import worker stopped at its memory limit", { format, bytes: bytes.length, heapMb });
            return reject(refusal("payload_too_large", `Reading the file needed more than ${heapMb} MiB of memory, so it was stopped. Split it into smaller files and import again.`));
          }
          logger.error("import worker failed", { format, bytes: bytes.length, error: e });
          reject(refusal("unprocessable", "The file could not be read. Check that it is a Markdown or Word (.docx) file and import it again."));
        });
      });
      worker.on("exit", (code) => {
        settle(() => {
          logger.error("import worker exited without an answer", { format, code });
          reject(refusal("unprocessable", "The file could not be read. Check that it is a Markdown or Word (.docx) file and import it again."));
        });
      });
    });
  }
}
