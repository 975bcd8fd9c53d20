import { data } from "@remix-run/node";
import { translator, type MessageId } from "../../common/i18n/intl.js";
import type { Locale } from "../../common/i18n/locales.js";
import { schemas } from "./services.server.js";

/**
 * The results' query (`?page=`, `?bom=`), or a 400 that says what is wrong in the reader's language: for a page
 * as its error page shows it, for a download as plain text.
 */
export function resultsQueryOf(request: Request, locale: Locale, as: "page" | "file"): { page: number; bom: boolean } {
  const parsed = schemas.ResultsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const id = parsed.error.issues[0]?.message ?? "egov.bad.page";
    const message = translator(locale).t(id as MessageId);
    if (as === "file") throw new Response(`${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw data({ message }, { status: 400 });
  }
  return { page: parsed.data.page, bom: parsed.data.bom !== "0" };
}

/** A download's name: the consultation, the version, what it is. */
export function resultsFileName(slug: string, number: number, ext: "csv" | "json" | "pdf"): string {
  return `${slug}-v${number}-results.${ext}`;
}
