import { Router } from "express";
import { OpenApiDocumentSchema } from "../../presenters/wire.js";
import type { Services } from "../context.js";
import { siteOrigin } from "../guards.js";
import { campaignRoutes } from "./campaigns.js";
import { checkpointRoutes } from "./checkpoints.js";
import { commentRoutes } from "./comments.js";
import { consultationRoutes } from "./consultations.js";
import { bodyErrors, notFound } from "./handler.js";
import { historyRoutes } from "./history.js";
import { ledgerRoutes } from "./ledger.js";
import { positionRoutes } from "./positions.js";
import { defineRoute, openApiDocument, registerRoutes, type ApiRoute } from "./registry.js";
import { requestResultsRoutes } from "./request-results.js";
import { responseRoutes } from "./responses.js";
import { requestRoutes } from "./requests.js";
import { searchRoutes } from "./search.js";
import { sectionRoutes } from "./sections.js";

/** The version of the API's description; the path's /v1 changes only with a break. */
const API_VERSION = "1.0.0";

/** Every endpoint of /api/v1, one module per resource. */
export function apiRoutes(services: Services): ApiRoute[] {
  const routes = [
    ...consultationRoutes(services),
    ...sectionRoutes(services),
    ...historyRoutes(services),
    ...ledgerRoutes(services),
    ...checkpointRoutes(services),
    ...commentRoutes(services),
    ...positionRoutes(services),
    ...requestResultsRoutes(services),
    ...responseRoutes(services),
    ...requestRoutes(services),
    ...searchRoutes(services),
    ...campaignRoutes(services),
  ];
  const described: ApiRoute = defineRoute({
    method: "get",
    path: "/openapi.json",
    tag: "meta",
    summary: "This description of the API (OpenAPI 3.1), generated from the same declarations that route the requests",
    access: "public",
    responses: [{ status: 200, schema: OpenApiDocumentSchema, description: "The OpenAPI document." }],
    run: async ({ req }) => openApiDocument(all, siteOrigin(services.env, req), API_VERSION),
  });
  const all: ApiRoute[] = [described, ...routes];
  return all;
}

/** The API under /api/v1: its routes, then a JSON 404 for anything else. */
export function createApiRouter(services: Services): Router {
  const router = Router();
  registerRoutes(router, services, apiRoutes(services));
  router.use(notFound);
  router.use(bodyErrors);
  return router;
}
