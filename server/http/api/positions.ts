import type { Router } from "express";
import { positionCounts, takePosition } from "../../domain/comments/index.js";
import { requireSectionById } from "../../auth/access.js";
import { ApiPositionSchema } from "../../domain/schemas.js";
import { commentDeps, type Services } from "../context.js";
import { jsonParser, parseBody, route } from "./handler.js";

/** Positions on a section: the counts by group, and the caller's own. */
export function positionRoutes(router: Router, services: Services): void {
  const { db } = services;
  const deps = () => commentDeps(services);

  router.get(
    "/sections/:id/positions",
    route(services, async (req, user) => {
      const { section } = await requireSectionById(db, String(req.params.id), user);
      const counts = await positionCounts(deps(), { sectionId: section.id });
      return { sectionId: section.id, counts, total: counts.reduce((n, c) => n + c.n, 0) };
    }),
  );

  router.put(
    "/sections/:id/positions/me",
    jsonParser(services),
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const input = parseBody(ApiPositionSchema, req);
      await takePosition(deps(), view, section, user, { stance: input.stance, rationale: input.rationale });
      return { sectionId: section.id, stance: input.stance };
    }),
  );
}
