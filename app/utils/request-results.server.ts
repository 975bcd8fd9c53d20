// The results side of information requests, for the routes: each call asks the
// request policy itself (servedResults), and what it returns is public by design.
import type { AppLoadContext } from "@remix-run/node";
import { actorFor } from "../../server/auth/access.js";
import { servedResults } from "../../server/domain/requests/publish.js";
import { getUser, orStatus } from "./request.server.js";

export { resultsToCsv } from "../../server/domain/requests/results-csv.js";
export type { ResultsDocument, ResultCell, QuestionResults } from "../../server/domain/requests/results.js";

/** The results of the request at `slug` as the signed-in user (or the public) may see them: a 404 for drafts. */
export function resultsFor(context: AppLoadContext, slug: string) {
  return orStatus(servedResults(context.margin.services.db, actorFor(getUser(context), null), slug));
}
