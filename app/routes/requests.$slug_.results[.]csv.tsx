import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsFor, resultsToCsv } from "../utils/request-results.server.js";

/** The results page as CSV: every cell, statistic, participation line and public answer it shows. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const served = await resultsFor(context, params.slug ?? "");
  if (served.state === "pending")
    return new Response(`The results are published after the deadline, ${served.request.deadline}.`, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(resultsToCsv(served.results), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${served.request.slug}-results.csv"` },
  });
}
