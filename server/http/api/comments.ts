import type { Request, Router } from "express";
import { z } from "zod";
import { createComment, deleteComment, editComment, listComments, type CommentView } from "../../domain/comments/index.js";
import { requireSectionById, type ConsultationView } from "../../auth/access.js";
import { flatten } from "../../collab/text-model.js";
import type { SectionRow } from "../../../db/schema.js";
import { notFound } from "../../errors.js";
import { ApiCommentSchema, EditCommentSchema } from "../../domain/schemas.js";
import { presentCreatedComment, presentPublicComment } from "../../presenters/comment.js";
import { commentDeps, type Services } from "../context.js";
import { siteOrigin } from "../guards.js";
import { Created, jsonParser, parseBody, parseQuery, route } from "./handler.js";
import { API_PAGE_MAX, CursorPageQuerySchema, decodeCursor, encodeCursor, limitSchema, pageOf } from "./paging.js";
import { toW3CAnnotation, toW3CCollection, W3C_MEDIA_TYPE, wantsW3C, type W3CLinks } from "./w3c.js";

/**
 * `?limit&cursor` as every list takes them, oldest first; a page is the most a section
 * usually holds, since the list came whole before it was paged. `format=w3c` asks for the
 * W3C form (as an Accept of its media type does).
 */
const CommentsQuerySchema = CursorPageQuerySchema.extend({
  limit: limitSchema(API_PAGE_MAX, API_PAGE_MAX),
  format: z.enum(["w3c", "json"], { error: "format is w3c or json." }).optional(),
  /** The W3C form's first page on its own (the id of the page the collection embeds). */
  page: z.enum(["first"], { error: "page is first or left out." }).optional(),
});
const OneCommentQuerySchema = CommentsQuerySchema.pick({ format: true });

/** A section's published comments as the read API gives them, in the order they were made: withdrawn ones too (their responses stay public) unless `w3c`. */
async function publicComments(services: Services, view: ConsultationView, section: SectionRow, w3c: boolean): Promise<CommentView[]> {
  // The read API is public data only, whoever asks.
  const all = await listComments(commentDeps(services), view, section, null, { asPublic: true });
  return all
    .filter((c) => (c.status === "published" && !c.withdrawn) || (!w3c && c.withdrawn))
    .sort(byCreation);
}

/** Oldest first by (createdAt, id), compared as the keyset cursor compares them. */
function byCreation(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The section's current plain text, in which anchors' offsets count. */
function currentText(services: Services, section: SectionRow): Promise<string> {
  return services.collab.withDocument(section.id, (doc) => flatten(doc).text);
}

function linksOf(services: Services, req: Request, slug: string, sectionId: string): W3CLinks {
  const origin = siteOrigin(services.env, req);
  return { api: `${origin}/api/v1/sections/${sectionId}`, page: `${origin}/c/${slug}/s/${sectionId}` };
}

/** A section's published comments (also as W3C annotations), and the author's own create, edit and delete. */
export function commentRoutes(router: Router, services: Services): void {
  const { db } = services;
  const deps = () => commentDeps(services);
  const json = jsonParser(services);

  router.get(
    "/sections/:id/comments",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const q = parseQuery(CommentsQuerySchema, req.query);
      const after = decodeCursor(q.cursor);
      const w3c = wantsW3C(req);
      const all = await publicComments(services, view, section, w3c);
      const rest = after ? all.filter((c) => byCreation(c, after) > 0) : all;
      const page = pageOf(rest, q.limit, (last) => encodeCursor(last.createdAt, last.id));
      if (!w3c) return { items: page.items.map(presentPublicComment), nextCursor: page.next };
      const links = linksOf(services, req, view.consultation.slug, section.id);
      req.res?.type(W3C_MEDIA_TYPE);
      return toW3CCollection(links, section.title, await currentText(services, section), {
        comments: page.items,
        total: all.length,
        startIndex: all.length - rest.length,
        limit: q.limit,
        cursor: q.cursor,
        alone: q.cursor !== undefined || q.page === "first",
        next: page.next,
      });
    }),
  );

  // An annotation's id dereferences here: exactly the comments the list shows, else 404.
  router.get(
    "/sections/:id/comments/:commentId",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      parseQuery(OneCommentQuerySchema, req.query);
      const w3c = wantsW3C(req);
      const comment = (await publicComments(services, view, section, w3c)).find((c) => c.id === String(req.params.commentId));
      if (!comment) throw notFound("That comment");
      if (!w3c) return presentPublicComment(comment);
      req.res?.type(W3C_MEDIA_TYPE);
      return toW3CAnnotation(linksOf(services, req, view.consultation.slug, section.id), comment, await currentText(services, section));
    }),
  );

  router.post(
    "/sections/:id/comments",
    json,
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      const input = parseBody(ApiCommentSchema, req);
      const row = await createComment(deps(), view, section, user, {
        body: input.body,
        kind: input.kind,
        replacement: input.replacement ?? null,
        parentId: input.parentId ?? null,
        quote: input.selector ? { exact: input.selector.exact, prefix: input.selector.prefix, suffix: input.selector.suffix } : null,
        publication: input.publication,
        confidential: input.confidential,
        redactedBody: input.redactedBody || null,
      });
      return new Created(presentCreatedComment(row));
    }),
  );

  // The author's own submission, like the page's edit and delete: refused once the window has closed.
  router.patch(
    "/sections/:id/comments/:commentId",
    json,
    route(services, async (req, user) => {
      const { section } = await requireSectionById(db, String(req.params.id), user);
      const input = parseBody(EditCommentSchema.pick({ body: true }), req);
      await editComment(deps(), section, user, String(req.params.commentId), input.body);
      return { id: String(req.params.commentId), edited: true };
    }),
  );

  router.delete(
    "/sections/:id/comments/:commentId",
    route(services, async (req, user) => {
      const { section } = await requireSectionById(db, String(req.params.id), user);
      const { withdrawn } = await deleteComment(deps(), section, user, String(req.params.commentId));
      return { id: String(req.params.commentId), status: withdrawn ? "withdrawn" : "deleted" };
    }),
  );
}
