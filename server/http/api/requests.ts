import { actorFor } from "../../auth/access.js";
import { linkedSections, listIssuedRequests, requestHistory, visibleRequest } from "../../domain/requests/index.js";
import { presentRequest, presentRequestSummary } from "../../presenters/request.js";
import { RequestSummaryWireSchema, RequestWireSchema, pageSchema } from "../../presenters/wire.js";
import type { Services } from "../context.js";
import { CursorPageQuerySchema, decodeCursor, encodeCursor, pageOf } from "./paging.js";
import { defineRoute, type ApiRoute } from "./registry.js";

/**
 * /requests (issued information requests) and one request's public part, under the
 * same rule as its page: a draft is a 404 for everyone but whoever may manage it.
 * Results, participation and responses are their own endpoints.
 */
export function requestRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  return [
    defineRoute({
      method: "get",
      path: "/requests",
      tag: "requests",
      summary: "Issued information requests, newest first",
      access: "public",
      query: CursorPageQuerySchema,
      responses: [{ status: 200, schema: pageSchema(RequestSummaryWireSchema), description: "A page of requests." }],
      async run({ query: q }) {
        const rows = await listIssuedRequests(db, { limit: q.limit + 1, after: decodeCursor(q.cursor) });
        const page = pageOf(rows, q.limit, (last) => encodeCursor(last.created_at, last.id));
        const now = new Date();
        return { items: page.items.map((r) => presentRequestSummary(r, now)), nextCursor: page.next };
      },
    }),
    defineRoute({
      method: "get",
      path: "/requests/:id",
      tag: "requests",
      summary: "One request's public part: questions, disclosure levels, recipients, invitations, history",
      access: "public",
      responses: [{ status: 200, schema: RequestWireSchema, description: "The request." }],
      async run({ req, user }) {
        const now = new Date();
        const ctx = await visibleRequest(db.kysely, actorFor(user, null), String(req.params.id), now);
        const [sections, history] = await Promise.all([linkedSections(db.kysely, ctx.detail.sectionIds), requestHistory(db.kysely, ctx.detail.request.id)]);
        return presentRequest(ctx.detail, sections, history, now);
      },
    }),
  ];
}
