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
import { ChangeSetWireSchema, DiffSchema, SectionChangesSchema, SectionVersionsSchema, pageSchema } from "../../presenters/wire.js";
import type { Services } from "../context.js";
import { limitSchema, numericCursor, pageOf } from "./paging.js";
import { defineRoute, type ApiRoute } from "./registry.js";

/** Paged by sequence number: the cursor is the last page's oldest `seq`. */
const HistoryQuerySchema = z.object({
  limit: limitSchema(),
  cursor: numericCursor(1).optional(),
});

/** Versions are few; paged all the same, newest first, the cursor being the last page's oldest version number. */
const VersionsQuerySchema = z.object({
  limit: limitSchema(),
  cursor: numericCursor(1).optional(),
});

const DiffQuerySchema = z.object({
  from: z.string({ error: "from is required: current, v<version number> or a sequence number." }).max(20),
  to: z.string().max(20).default("current"),
});

/** A section's change sets, the raw updates to replay them, its versions, and diffs between points. */
export function historyRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  return [
    defineRoute({
      method: "get",
      path: "/sections/:id/history",
      tag: "history",
      summary: "A section's change sets, newest first",
      access: "public",
      query: HistoryQuerySchema,
      responses: [{ status: 200, schema: pageSchema(ChangeSetWireSchema), description: "A page of change sets." }],
      async run({ req, user, query: q }) {
        const { view, section } = await requireSectionById(db, String(req.params.id), user);
        // Drafting before the consultation opened stays with the team.
        const rows = await listChangeSets(db.kysely, section.id, { limit: q.limit + 1, beforeSeq: q.cursor, publicOnly: !view.may("history.viewDrafting") });
        const page = pageOf(rows, q.limit, (last) => String(last.seq_to));
        const authorIds = [...new Set(page.items.flatMap(authorIdsOf))];
        const people = new Map((await listUsersByIds(db.kysely, authorIds)).map((u) => [u.id, u]));
        return { items: page.items.map((r) => presentChangeSet(r, people)), nextCursor: page.next };
      },
    }),
    defineRoute({
      method: "get",
      path: "/sections/:id/changes",
      tag: "history",
      summary: "The Yjs updates that replay a section's public history, for verifiers",
      access: "public",
      responses: [{ status: 200, schema: SectionChangesSchema, description: "The baseline, the change sets and the current state." }],
      async run({ req, user }) {
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
      },
    }),
    defineRoute({
      method: "get",
      path: "/sections/:id/versions",
      tag: "history",
      summary: "A section's published versions, newest first",
      access: "public",
      query: VersionsQuerySchema,
      responses: [{ status: 200, schema: SectionVersionsSchema, description: "A page of versions." }],
      async run({ req, user, query: q }) {
        const { view, section } = await requireSectionById(db, String(req.params.id), user);
        const rows = await listSectionVersions(db.kysely, section.id, !view.may("history.viewDrafting"));
        const before = q.cursor ?? Number.POSITIVE_INFINITY;
        const page = pageOf(
          rows.filter((v) => v.number < before),
          q.limit,
          (last) => String(last.number),
        );
        return { sectionId: section.id, items: page.items.map(presentSectionVersion), nextCursor: page.next };
      },
    }),
    defineRoute({
      method: "get",
      path: "/sections/:id/diff",
      tag: "history",
      summary: "The difference between two points of a section's history, with authorship",
      access: "public",
      query: DiffQuerySchema,
      responses: [{ status: 200, schema: DiffSchema, description: "The diff as spans." }],
      async run({ req, user, query: q }) {
        const { view, section } = await requireSectionById(db, String(req.params.id), user);
        const c = await compareSection(db, view, section, q.from, q.to);
        return {
          sectionId: section.id,
          from: c.from,
          to: c.to,
          inserted: c.inserted,
          deleted: c.deleted,
          spans: c.spans.map((s) => ({ type: s.type, text: s.text, authors: s.authors })),
        };
      },
    }),
  ];
}
