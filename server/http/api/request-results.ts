import type { Router } from "express";
import { actorFor } from "../../auth/access.js";
import { resultsNotYet, servedResults } from "../../domain/requests/publish.js";
import type { Services } from "../context.js";
import { route } from "./handler.js";

/**
 * A request's results and participation, the same document the results page shows
 * (and the ledger recorded). A draft is a 404; an issued request before its deadline
 * answers 409 `conflict`, saying when the results will be published: the request
 * exists, its results do not yet.
 */
export function requestResultsRoutes(router: Router, services: Services): void {
  const { db } = services;
  const published = async (id: string, user: Parameters<typeof actorFor>[0]) => {
    const served = await servedResults(db, actorFor(user, null), id);
    if (served.state === "pending") throw resultsNotYet(served.request);
    return served.results;
  };

  router.get(
    "/requests/:id/results",
    route(services, async (req, user) => published(String(req.params.id), user))
  );

  router.get(
    "/requests/:id/participation",
    route(services, async (req, user) => {
      const results = await published(String(req.params.id), user);
      return { request: results.request, publishedAt: results.publishedAt, ...results.participation };
    })
  );
}
