import type { Router } from "express";
import { actorFor } from "../../auth/access.js";
import { linkedSections, listIssuedRequests, requestHistory, visibleRequest } from "../../domain/requests/index.js";
import { presentRequest, presentRequestSummary } from "../../presenters/request.js";
import type { Services } from "../context.js";
import { parseQuery, route } from "./handler.js";
import { CursorPageQuerySchema, decodeCursor, encodeCursor, pageOf } from "./paging.js";

/**
 * /requests (issued information requests) and one request's public part, under the
 * same rule as its page: a draft is a 404 for everyone but whoever may manage it.
 * Results, participation and responses are their own endpoints.
 */
export function requestRoutes(router: Router, services: Services): void {
  const { db } = services;

  router.get(
    "/requests",
    route(services, async (req) => {
      const q = parseQuery(CursorPageQuerySchema, req.query);
      const rows = await listIssuedRequests(db, { limit: q.limit + 1, after: decodeCursor(q.cursor) });
      const page = pageOf(rows, q.limit, (last) => encodeCursor(last.created_at, last.id));
      const now = new Date();
      return { items: page.items.map((r) => presentRequestSummary(r, now)), nextCursor: page.next };
    }),
  );

  router.get(
    "/requests/:id",
    route(services, async (req, user) => {
      const now = new Date();
      const ctx = await visibleRequest(db.kysely, actorFor(user, null), String(req.params.id), now);
      const [sections, history] = await Promise.all([linkedSections(db.kysely, ctx.detail.sectionIds), requestHistory(db.kysely, ctx.detail.request.id)]);
      return presentRequest(ctx.detail, sections, history, now);
    }),
  );
}
