import type { Request } from "express";
import { z } from "zod";
import { createComment, deleteComment, editComment, listComments, type CommentView } from "../../domain/comments/index.js";
import { requireSectionById, type ConsultationView } from "../../auth/access.js";
import { flatten } from "../../collab/text-model.js";
import type { SectionRow } from "../../../db/schema.js";
import { notFound } from "../../errors.js";
import { ApiCommentSchema, EditCommentSchema } from "../../domain/schemas.js";
import { presentCreatedComment, presentPublicComment } from "../../presenters/comment.js";
import { AnnotationListSchema, AnnotationSchema, CreatedCommentSchema, DeletedCommentSchema, EditedCommentSchema, PublicCommentSchema, SectionCommentsSchema } from "../../presenters/wire.js";
import { commentDeps, type Services } from "../context.js";
import { siteOrigin } from "../guards.js";
import { API_PAGE_MAX, CursorPageQuerySchema, decodeCursor, encodeCursor, limitSchema, pageOf } from "./paging.js";
import { Created, defineRoute, type ApiRoute } from "./registry.js";
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
export function commentRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  const deps = () => commentDeps(services);
  const postsPerUser = { policy: "posts", limiter: (s: Services) => s.limiters.postsPerUser, key: (_req: unknown, user: { id: string } | null) => user?.id ?? "" };

  return [
    defineRoute({
      method: "get",
      path: "/sections/:id/comments",
      tag: "comments",
      summary: "A section's published comments, oldest first; with `?format=w3c` (or an Accept preferring application/ld+json) a W3C Web Annotation collection or page",
      access: "public",
      query: CommentsQuerySchema,
      responses: [
        { status: 200, schema: SectionCommentsSchema, description: "A page of the comments, oldest first." },
        { status: 200, schema: AnnotationListSchema, mediaType: "application/ld+json", description: "The W3C form: the collection with its first page embedded, or one page of it (ADR 035)." },
      ],
      async run({ req, res, user, query: q }) {
        const { view, section } = await requireSectionById(db, String(req.params.id), user);
        const after = decodeCursor(q.cursor);
        const w3c = wantsW3C(req);
        const all = await publicComments(services, view, section, w3c);
        const rest = after ? all.filter((c) => byCreation(c, after) > 0) : all;
        const page = pageOf(rest, q.limit, (last) => encodeCursor(last.createdAt, last.id));
        if (!w3c) return { items: page.items.map(presentPublicComment), nextCursor: page.next };
        const links = linksOf(services, req, view.consultation.slug, section.id);
        res.type(W3C_MEDIA_TYPE);
        return toW3CCollection(links, section.title, await currentText(services, section), {
          comments: page.items,
          total: all.length,
          startIndex: all.length - rest.length,
          limit: q.limit,
          cursor: q.cursor,
          alone: q.cursor !== undefined || q.page === "first",
          next: page.next,
        });
      },
    }),
    // An annotation's id dereferences here: exactly the comments the list shows, else 404.
    defineRoute({
      method: "get",
      path: "/sections/:id/comments/:commentId",
      tag: "comments",
      summary: "One published comment of a section (what a W3C annotation's id names)",
      access: "public",
      query: OneCommentQuerySchema,
      responses: [
        { status: 200, schema: PublicCommentSchema, description: "The comment, as the list gives it." },
        { status: 200, schema: AnnotationSchema, mediaType: "application/ld+json", description: "The comment as a W3C Web Annotation." },
      ],
      async run({ req, res, user }) {
        const { view, section } = await requireSectionById(db, String(req.params.id), user);
        const w3c = wantsW3C(req);
        const comment = (await publicComments(services, view, section, w3c)).find((c) => c.id === String(req.params.commentId));
        if (!comment) throw notFound("That comment");
        if (!w3c) return presentPublicComment(comment);
        res.type(W3C_MEDIA_TYPE);
        return toW3CAnnotation(linksOf(services, req, view.consultation.slug, section.id), comment, await currentText(services, section));
      },
    }),
    defineRoute({
      method: "post",
      path: "/sections/:id/comments",
      tag: "comments",
      summary: "Comment on a section (or reply, or suggest an amendment)",
      access: "user",
      body: ApiCommentSchema,
      rateLimit: postsPerUser,
      responses: [{ status: 201, schema: CreatedCommentSchema, description: "The new comment, whether it awaits moderation, and its receipt." }],
      async run({ req, user, body: input }) {
        const { view, section } = await requireSectionById(db, String(req.params.id), user);
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
        return new Created(presentCreatedComment(row), `/api/v1/sections/${section.id}/comments/${row.id}`);
      },
    }),
    // The author's own submission, like the page's edit and delete: refused once the window has closed.
    defineRoute({
      method: "patch",
      path: "/sections/:id/comments/:commentId",
      tag: "comments",
      summary: "Edit one's own comment while the window is open",
      access: "user",
      body: EditCommentSchema.pick({ body: true }),
      responses: [{ status: 200, schema: EditedCommentSchema, description: "The comment was changed." }],
      async run({ req, user, body: input }) {
        const { section } = await requireSectionById(db, String(req.params.id), user);
        await editComment(deps(), section, user, String(req.params.commentId), input.body);
        return { id: String(req.params.commentId), edited: true };
      },
    }),
    defineRoute({
      method: "delete",
      path: "/sections/:id/comments/:commentId",
      tag: "comments",
      summary: "Withdraw one's own comment while the window is open",
      access: "user",
      responses: [{ status: 200, schema: DeletedCommentSchema, description: "Deleted, or withdrawn when it already had a response (its place stays public)." }],
      async run({ req, user }) {
        const { section } = await requireSectionById(db, String(req.params.id), user);
        const { withdrawn } = await deleteComment(deps(), section, user, String(req.params.commentId));
        return { id: String(req.params.commentId), status: withdrawn ? "withdrawn" : "deleted" };
      },
    }),
  ];
}
