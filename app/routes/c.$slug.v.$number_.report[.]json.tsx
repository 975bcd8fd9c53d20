import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, orStatus } from "../utils/request.server.js";
import { responseReport, requireConsultation } from "../utils/services.server.js";
import { reportFilterOf } from "../utils/report-filter.js";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = Number(params.number);
  if (!Number.isInteger(number) || number < 1) throw new Response("No such version.", { status: 404 });
  const r = await orStatus(responseReport(db, view, number, reportFilterOf(new URL(request.url))));
  const body = {
    consultation: view.consultation.slug,
    version: { number: r.version.number, name: r.version.name, publishedAt: r.version.created_at },
    until: r.next ? { number: r.next.number, publishedAt: r.next.created_at } : null,
    totals: r.totals,
    confidentialSubmissions: r.confidential,
    sections: r.sections,
  };
  return new Response(JSON.stringify(body, null, 2), { headers: { "Content-Type": "application/json; charset=utf-8" } });
}
