import { listChangeSets } from "../../../db/queries/collab.js";
import { requireSectionById } from "../../auth/access.js";
import { presentSection } from "../../presenters/section.js";
import { SectionWireSchema } from "../../presenters/wire.js";
import type { Services } from "../context.js";
import { defineRoute, type ApiRoute } from "./registry.js";

/** A section's live text and head. */
export function sectionRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  return [
    defineRoute({
      method: "get",
      path: "/sections/:id",
      tag: "sections",
      summary: "A section's live text (plain and HTML) and the head of its history",
      access: "public",
      responses: [{ status: 200, schema: SectionWireSchema, description: "The section." }],
      async run({ req, user }) {
        const { view, section } = await requireSectionById(db, String(req.params.id), user);
        const live = await services.collab.readSection(section.id);
        const [head] = await listChangeSets(db.kysely, section.id, { limit: 1 });
        return presentSection(section, view.consultation.slug, live, head);
      },
    }),
  ];
}
