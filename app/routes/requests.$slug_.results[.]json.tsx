import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsFor } from "../utils/request-results.server.js";

/** The results page's document as JSON: the same one the ledger recorded. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const served = await resultsFor(context, params.slug ?? "");
  if (served.state === "pending")
    return new Response(`The results are published after the deadline, ${served.request.deadline}.`, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(JSON.stringify(served.results, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${served.request.slug}-results.json"` },
  });
}
