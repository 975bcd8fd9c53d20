import type { Router } from "express";
import { listChangeSets } from "../../../db/queries/collab.js";
import { requireSectionById } from "../../auth/access.js";
import { presentSection } from "../../presenters/section.js";
import type { Services } from "../context.js";
import { route } from "./handler.js";

/** A section's live text and head. */
export function sectionRoutes(router: Router, services: Services): void {
  const { db } = services;

  router.get(
    "/sections/:id",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const live = await services.collab.readSection(section.id);
      const [head] = await listChangeSets(db.kysely, section.id, { limit: 1 });
      return presentSection(section, view.consultation.slug, live, head);
    }),
  );
}
