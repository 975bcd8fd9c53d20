import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvBomOf, csvFile } from "../utils/csv.server.js";
import { resultsFor, resultsToCsv } from "../utils/request-results.server.js";

/** The results page as CSV: every cell, statistic, participation line and public answer it shows; with the byte-order mark unless `?bom=0`. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const bom = csvBomOf(request, context.margin.locale);
  const served = await resultsFor(context, params.slug ?? "");
  if (served.state === "pending")
    return new Response(`The results are published after the deadline, ${served.request.deadline}.`, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(csvFile(resultsToCsv(served.results), { bom }), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${served.request.slug}-results.csv"` },
  });
}
