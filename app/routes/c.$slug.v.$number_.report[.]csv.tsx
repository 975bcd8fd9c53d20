import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, orStatus, requireVersionNumber } from "../utils/request.server.js";
import { reportToCsv, servedReport, requireConsultation } from "../utils/services.server.js";
import { reportFilterOf } from "../utils/report-filter.js";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = requireVersionNumber(params);
  const report = await orStatus(servedReport(db, view, number, reportFilterOf(new URL(request.url))));
  return new Response(reportToCsv(report.document), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${view.consultation.slug}-v${number}-responses${report.frozen ? "-final" : ""}.csv"`,
    },
  });
}
