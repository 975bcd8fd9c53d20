import { actorFor } from "../../auth/access.js";
import { resultsNotYet, servedResults } from "../../domain/requests/publish.js";
import { RequestParticipationSchema, RequestResultsSchema } from "../../presenters/wire.js";
import type { Services } from "../context.js";
import { defineRoute, type ApiRoute } from "./registry.js";

/**
 * A request's results and participation, the same document the results page shows
 * (and the ledger recorded). A draft is a 404; an issued request before its deadline
 * answers 409 `conflict`, saying when the results will be published: the request
 * exists, its results do not yet.
 */
export function requestResultsRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  const published = async (id: string, user: Parameters<typeof actorFor>[0]) => {
    const served = await servedResults(db, actorFor(user, null), id);
    if (served.state === "pending") throw resultsNotYet(served.request);
    return served.results;
  };
  return [
    defineRoute({
      method: "get",
      path: "/requests/:id/results",
      tag: "requests",
      summary: "A request's published results, in aggregates that protect small groups",
      access: "public",
      responses: [{ status: 200, schema: RequestResultsSchema, description: "The results document." }],
      run: async ({ req, user }) => published(String(req.params.id), user),
    }),
    defineRoute({
      method: "get",
      path: "/requests/:id/participation",
      tag: "requests",
      summary: "Who was asked and who answered or declined",
      access: "public",
      responses: [{ status: 200, schema: RequestParticipationSchema, description: "The participation." }],
      async run({ req, user }) {
        const results = await published(String(req.params.id), user);
        return { request: results.request, publishedAt: results.publishedAt, ...results.participation };
      },
    }),
  ];
}
