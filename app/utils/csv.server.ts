import { translator, type MessageId } from "../../common/i18n/intl.js";
import type { Locale } from "../../common/i18n/locales.js";
import { schemas } from "./services.server.js";

export { csvFile } from "../../server/text/csv.js";

/**
 * Whether a CSV download starts with the byte-order mark: yes unless `?bom=0` (ADR 036). Any other value is a
 * plain-text 400 in the reader's language, before anything is read or logged.
 */
export function csvBomOf(request: Request, locale: Locale): boolean {
  const parsed = schemas.CsvQuerySchema.safeParse({ bom: new URL(request.url).searchParams.get("bom") ?? undefined });
  if (!parsed.success) {
    const message = translator(locale).t((parsed.error.issues[0]?.message ?? "egov.bad.bom") as MessageId);
    throw new Response(`${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return parsed.data.bom !== "0";
}
