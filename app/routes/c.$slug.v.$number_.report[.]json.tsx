import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, orStatus, requireVersionNumber } from "../utils/request.server.js";
import { FROZEN_REPORT_HEADER, servedReport, requireConsultation } from "../utils/services.server.js";
import { isUnfiltered, reportFilterOf } from "../utils/report-filter.js";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = requireVersionNumber(params);
  const filter = reportFilterOf(new URL(request.url));
  const r = await orStatus(servedReport(db, view, number, filter));
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8" };
  if (r.frozen) headers[FROZEN_REPORT_HEADER] = String(r.frozen.seq);
  // The whole frozen report is served byte for byte, so its SHA-256 is the one in the ledger.
  if (r.frozenBody !== null && isUnfiltered(filter)) return new Response(r.frozenBody, { headers });
  return new Response(JSON.stringify(r.document, null, 2), { headers });
}
