import { requireConsultation } from "../../auth/access.js";
import { listConsultations, listSections, publishersOf } from "../../domain/consultations/index.js";
import { moderationLedger } from "../../domain/moderation.js";
import { presentConsultation, presentConsultationDetail } from "../../presenters/consultation.js";
import { ConsultationDetailSchema, ConsultationWireSchema, ModerationLogSchema, pageSchema } from "../../presenters/wire.js";
import { moderationDeps, type Services } from "../context.js";
import { CursorPageQuerySchema, decodeCursor, encodeCursor, pageOf } from "./paging.js";
import { defineRoute, type ApiRoute } from "./registry.js";

/** /consultations, one consultation, and its public moderation log. */
export function consultationRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  return [
    defineRoute({
      method: "get",
      path: "/consultations",
      tag: "consultations",
      summary: "Published consultations, newest first",
      access: "public",
      query: CursorPageQuerySchema,
      responses: [{ status: 200, schema: pageSchema(ConsultationWireSchema), description: "A page of consultations." }],
      async run({ user, query: q }) {
        const rows = await listConsultations(db, user, { limit: q.limit + 1, after: decodeCursor(q.cursor) });
        const page = pageOf(rows, q.limit, (last) => encodeCursor(last.created_at, last.id));
        const publishers = await publishersOf(db, page.items);
        const now = new Date();
        return { items: page.items.map((c) => presentConsultation(c, publishers.get(c.id), now)), nextCursor: page.next };
      },
    }),
    defineRoute({
      method: "get",
      path: "/consultations/:slug",
      tag: "consultations",
      summary: "One consultation with its sections",
      access: "public",
      responses: [{ status: 200, schema: ConsultationDetailSchema, description: "The consultation." }],
      async run({ req, user }) {
        const view = await requireConsultation(db, String(req.params.slug), user);
        const c = view.consultation;
        const [sections, publishers] = await Promise.all([listSections(db, view), publishersOf(db, [c])]);
        return presentConsultationDetail(c, publishers.get(c.id), sections, new Date());
      },
    }),
    defineRoute({
      method: "get",
      path: "/consultations/:slug/moderation",
      tag: "consultations",
      summary: "The consultation's public moderation log, newest first",
      access: "public",
      query: CursorPageQuerySchema,
      responses: [{ status: 200, schema: ModerationLogSchema, description: "A page of moderation actions, with counts by action." }],
      async run({ req, user, query: q }) {
        const view = await requireConsultation(db, String(req.params.slug), user);
        const before = decodeCursor(q.cursor);
        const ledger = await moderationLedger(moderationDeps(services), view, { limit: q.limit + 1, before: before && { at: before.createdAt, id: before.id } });
        const page = pageOf(ledger.entries, q.limit, (last) => encodeCursor(last.at, last.id));
        return { items: page.items, counts: ledger.counts, nextCursor: page.next };
      },
    }),
  ];
}
