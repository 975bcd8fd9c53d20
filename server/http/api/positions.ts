import { positionCounts, takePosition } from "../../domain/comments/index.js";
import { requireSectionById } from "../../auth/access.js";
import { ApiPositionSchema } from "../../domain/schemas.js";
import { OwnPositionSchema, PositionCountsSchema } from "../../presenters/wire.js";
import { commentDeps, type Services } from "../context.js";
import { defineRoute, type ApiRoute } from "./registry.js";

/** Positions on a section: the counts by group, and the caller's own. */
export function positionRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  const deps = () => commentDeps(services);
  return [
    defineRoute({
      method: "get",
      path: "/sections/:id/positions",
      tag: "positions",
      summary: "Positions on a section, counted by stakeholder group and stance",
      access: "public",
      responses: [{ status: 200, schema: PositionCountsSchema, description: "The counts." }],
      async run({ req, user }) {
        const { section } = await requireSectionById(db, String(req.params.id), user);
        const counts = await positionCounts(deps(), { sectionId: section.id });
        return { sectionId: section.id, counts, total: counts.reduce((n, c) => n + c.n, 0) };
      },
    }),
    defineRoute({
      method: "put",
      path: "/sections/:id/positions/me",
      tag: "positions",
      summary: "Take (or change) one's own position on a section",
      access: "user",
      body: ApiPositionSchema,
      rateLimit: { policy: "posts", limiter: (s) => s.limiters.postsPerUser, key: (_req, user) => user?.id ?? "" },
      responses: [{ status: 200, schema: OwnPositionSchema, description: "The position now held." }],
      async run({ req, user, body: input }) {
        const { view, section } = await requireSectionById(db, String(req.params.id), user);
        await takePosition(deps(), view, section, user, { stance: input.stance, rationale: input.rationale });
        return { sectionId: section.id, stance: input.stance };
      },
    }),
  ];
}
