import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvBomOf } from "../utils/csv.server.js";
import { getUser, orStatus, requireVersionNumber } from "../utils/request.server.js";
import { reportToCsv, servedReport, requireConsultation } from "../utils/services.server.js";
import { reportFilterOf } from "../utils/report-filter.js";

/** The report as CSV: UTF-8 with the byte-order mark Excel needs, unless `?bom=0`. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const bom = csvBomOf(request, context.margin.locale);
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = requireVersionNumber(params);
  const report = await orStatus(servedReport(db, view, number, reportFilterOf(new URL(request.url))));
  return new Response(reportToCsv(report.document, { bom }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${view.consultation.slug}-v${number}-responses${report.frozen ? "-final" : ""}.csv"`,
    },
  });
}
