import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, orStatus, requireVersionNumber } from "../utils/request.server.js";
import { egovResults, requireConsultation, resultsToCsv } from "../utils/services.server.js";
import { resultsFileName, resultsQueryOf } from "../utils/results.server.js";

/** The whole results table as CSV: UTF-8 with the byte-order mark Excel needs, unless `?bom=0`. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = requireVersionNumber(params);
  const { bom } = resultsQueryOf(request, context.margin.locale, "file");
  const doc = await orStatus(egovResults(db, view, number));
  return new Response(resultsToCsv(doc, { bom }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${resultsFileName(view.consultation.slug, number, "csv")}"`,
    },
  });
}
