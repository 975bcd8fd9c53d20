import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "../../common/i18n/intl.js";
import { getUser, orStatus, requireVersionNumber } from "../utils/request.server.js";
import { PdfBusyError, PdfTimeoutError, PdfUnavailableError, egovResults, pdfRenderer, requireConsultation, resultsHtml } from "../utils/services.server.js";
import { resultsFileName } from "../utils/results.server.js";

/**
 * The whole results table as an A4 PDF, printed on the server by Chromium (ADR 034). Without Chromium or
 * playwright-core it is a 503 that says to print the page; a table longer than RESULTS_PDF_MAX_ROWS is a 413.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = requireVersionNumber(params);
  const { t } = translator(context.margin.locale);
  const max = env.RESULTS_PDF_MAX_ROWS;
  const doc = await orStatus(egovResults(db, view, number, { offset: 0, limit: max }));
  const plain = (message: string, status: number, headers: Record<string, string> = {}) =>
    new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
  if (doc.totals.rows > max) return plain(t("egov.pdf.tooLong", { rows: doc.totals.rows, max }), 413);
  const origin = env.ORIGIN ? new URL(env.ORIGIN).origin : new URL(request.url).origin;
  const html = resultsHtml(doc, { origin, timeZone: view.consultation.time_zone, generatedAt: new Date().toISOString() });
  try {
    const pdf = await pdfRenderer({ chromiumPath: env.CHROMIUM_PATH, timeoutMs: env.RESULTS_PDF_TIMEOUT_MS, concurrency: env.RESULTS_PDF_CONCURRENCY }).render(html);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${resultsFileName(view.consultation.slug, number, "pdf")}"`,
      },
    });
  } catch (e) {
    if (e instanceof PdfUnavailableError) return plain(t("egov.pdf.unavailable"), 503);
    if (e instanceof PdfBusyError) return plain(t("egov.pdf.busy"), 503, { "Retry-After": "30" });
    if (e instanceof PdfTimeoutError) return plain(t("egov.pdf.timeout"), 503);
    throw e;
  }
}
