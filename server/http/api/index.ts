import { Router } from "express";
import type { Services } from "../context.js";
import { campaignRoutes } from "./campaigns.js";
import { checkpointRoutes } from "./checkpoints.js";
import { commentRoutes } from "./comments.js";
import { consultationRoutes } from "./consultations.js";
import { bodyErrors, notFound } from "./handler.js";
import { historyRoutes } from "./history.js";
import { ledgerRoutes } from "./ledger.js";
import { positionRoutes } from "./positions.js";
import { requestResultsRoutes } from "./request-results.js";
import { responseRoutes } from "./responses.js";
import { requestRoutes } from "./requests.js";
import { searchRoutes } from "./search.js";
import { sectionRoutes } from "./sections.js";

/** The public read API under /api/v1, one module per resource. */
export function createApiRouter(services: Services): Router {
  const router = Router();
  consultationRoutes(router, services);
  sectionRoutes(router, services);
  historyRoutes(router, services);
  ledgerRoutes(router, services);
  checkpointRoutes(router, services);
  commentRoutes(router, services);
  positionRoutes(router, services);
  requestResultsRoutes(router, services);
  responseRoutes(router, services);
  requestRoutes(router, services);
  searchRoutes(router, services);
  campaignRoutes(router, services);
  router.use(notFound);
  router.use(bodyErrors);
  return router;
}
