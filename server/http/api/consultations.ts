import type { Router } from "express";
import { requireConsultation } from "../../auth/access.js";
import { listConsultations, listSections, publishersOf } from "../../domain/consultations/index.js";
import { moderationLedger } from "../../domain/moderation.js";
import { presentConsultation, presentConsultationDetail } from "../../presenters/consultation.js";
import { moderationDeps, type Services } from "../context.js";
import { parseQuery, route } from "./handler.js";
import { CursorPageQuerySchema, decodeCursor, encodeCursor, pageOf } from "./paging.js";

/** /consultations, one consultation, and its public moderation log. */
export function consultationRoutes(router: Router, services: Services): void {
  const { db } = services;

  router.get(
    "/consultations",
    route(services, async (req, user) => {
      const q = parseQuery(CursorPageQuerySchema, req.query);
      const rows = await listConsultations(db, user, { limit: q.limit + 1, after: decodeCursor(q.cursor) });
      const page = pageOf(rows, q.limit, (last) => encodeCursor(last.created_at, last.id));
      const publishers = await publishersOf(db, page.items);
      const now = new Date();
      return { items: page.items.map((c) => presentConsultation(c, publishers.get(c.id), now)), nextCursor: page.next };
    }),
  );

  router.get(
    "/consultations/:slug",
    route(services, async (req, user) => {
      const view = await requireConsultation(db, String(req.params.slug), user);
      const c = view.consultation;
      const [sections, publishers] = await Promise.all([listSections(db, view), publishersOf(db, [c])]);
      return presentConsultationDetail(c, publishers.get(c.id), sections, new Date());
    }),
  );

  router.get(
    "/consultations/:slug/moderation",
    route(services, async (req, user) => {
      const view = await requireConsultation(db, String(req.params.slug), user);
      const q = parseQuery(CursorPageQuerySchema, req.query);
      const before = decodeCursor(q.cursor);
      const ledger = await moderationLedger(moderationDeps(services), view, { limit: q.limit + 1, before: before && { at: before.createdAt, id: before.id } });
      const page = pageOf(ledger.entries, q.limit, (last) => encodeCursor(last.at, last.id));
      return { items: page.items, counts: ledger.counts, nextCursor: page.next };
    }),
  );
}
