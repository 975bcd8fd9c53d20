import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorFor, exportRestrictedAnswers } from "../utils/request-responses.server.js";
import { csvBomOf, csvFile } from "../utils/csv.server.js";
import { getUser, orStatus } from "../utils/request.server.js";

/**
 * A recipient's bulk download of the answers they may read, logged as one export with how many answers it held;
 * with the byte-order mark unless `?bom=0`.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const bom = csvBomOf(request, context.margin.locale);
  const out = await orStatus(exportRestrictedAnswers(context.margin.services.db, actorFor(getUser(context), null), params.slug ?? ""));
  return new Response(csvFile(out.csv, { bom }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${out.slug}-answers.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
