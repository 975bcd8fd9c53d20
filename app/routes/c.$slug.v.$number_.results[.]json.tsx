import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, orStatus, requireVersionNumber } from "../utils/request.server.js";
import { egovResults, requireConsultation, resultsToJson } from "../utils/services.server.js";

/** The whole results table as JSON, `"format": "margin-egov-results/1"`. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = requireVersionNumber(params);
  const doc = await orStatus(egovResults(db, view, number));
  return new Response(resultsToJson(doc), { headers: { "Content-Type": "application/json; charset=utf-8" } });
}
