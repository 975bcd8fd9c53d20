import type { Router } from "express";
import { z } from "zod";
import { listChangeSets } from "../../../db/queries/collab.js";
import { listSectionVersions } from "../../../db/queries/history.js";
import { listUsersByIds } from "../../../db/queries/user.js";
import { contentHash, docToText } from "../../collab/content.js";
import { requireSectionById } from "../../auth/access.js";
import { compareSection } from "../../history/history.js";
import { publicSectionHistory } from "../../ledger/sources.js";
import { authorIdsOf, presentChangeSet } from "../../presenters/change-set.js";
import { presentSectionVersion } from "../../presenters/section.js";
import type { Services } from "../context.js";
import { parseQuery, route } from "./handler.js";
import { limitSchema, pageOf } from "./paging.js";

/** Paged by sequence number: the cursor is the last page's oldest `seq`. */
const HistoryQuerySchema = z.object({
  limit: limitSchema(),
  cursor: z.coerce.number().int().min(1).optional(),
});

const DiffQuerySchema = z.object({
  from: z.string({ error: "from is required: current, v<version number> or a sequence number." }).max(20),
  to: z.string().max(20).default("current"),
});

/** A section's change sets, the raw updates to replay them, its versions, and diffs between points. */
export function historyRoutes(router: Router, services: Services): void {
  const { db } = services;

  router.get(
    "/sections/:id/history",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const q = parseQuery(HistoryQuerySchema, req.query);
      // Drafting before the consultation opened stays with the team.
      const rows = await listChangeSets(db.kysely, section.id, { limit: q.limit + 1, beforeSeq: q.cursor, publicOnly: !view.may("history.viewDrafting") });
      const page = pageOf(rows, q.limit, (last) => String(last.seq_to));
      const authorIds = [...new Set(page.items.flatMap(authorIdsOf))];
      const people = new Map((await listUsersByIds(db.kysely, authorIds)).map((u) => [u.id, u]));
      return { items: page.items.map((r) => presentChangeSet(r, people)), nextCursor: page.next };
    }),
  );

  router.get(
    "/sections/:id/changes",
    route(services, async (req, user) => {
      const { section } = await requireSectionById(db, String(req.params.id), user);
      const current = await services.collab.withDocument(section.id, (doc, seq) => ({ seq, contentHash: contentHash(doc), text: docToText(doc) }));
      const h = await publicSectionHistory(db, section.id, current);
      const b64 = (d: Uint8Array) => Buffer.from(d).toString("base64");
      return {
        sectionId: section.id,
        baseline: h.baseline && { seq: h.baseline.seq, update: b64(h.baseline.update) },
        changeSets: h.changeSets.map((c) => ({ id: c.id, seqFrom: c.seqFrom, seqTo: c.seqTo, stateHash: c.stateHash, data: b64(c.data) })),
        current: h.current,
      };
    }),
  );

  router.get(
    "/sections/:id/versions",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const rows = await listSectionVersions(db.kysely, section.id, !view.may("history.viewDrafting"));
      return { sectionId: section.id, items: rows.map(presentSectionVersion) };
    }),
  );

  router.get(
    "/sections/:id/diff",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const q = parseQuery(DiffQuerySchema, req.query);
      const c = await compareSection(db, view, section, q.from, q.to);
      return {
        sectionId: section.id,
        from: c.from,
        to: c.to,
        inserted: c.inserted,
        deleted: c.deleted,
        spans: c.spans.map((s) => ({ type: s.type, text: s.text, authors: s.authors })),
      };
    }),
  );
}
