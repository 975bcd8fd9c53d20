import type { Router } from "express";
import { createComment, deleteComment, editComment, listComments } from "../../domain/comments/index.js";
import { requireSectionById } from "../../auth/access.js";
import { ApiCommentSchema, EditCommentSchema } from "../../domain/schemas.js";
import { presentCreatedComment, presentPublicComment } from "../../presenters/comment.js";
import { commentDeps, type Services } from "../context.js";
import { siteOrigin } from "../guards.js";
import { Created, jsonParser, parseBody, route } from "./handler.js";
import { WHOLE, pageOf } from "./paging.js";
import { toW3C } from "./w3c.js";

/** A section's published comments (also as W3C annotations), and the author's own create, edit and delete. */
export function commentRoutes(router: Router, services: Services): void {
  const { db } = services;
  const deps = () => commentDeps(services);
  const json = jsonParser(services);

  router.get(
    "/sections/:id/comments",
    route(services, async (req, user) => {
      const { view, section } = await requireSectionById(db, String(req.params.id), user);
      // The read API is public data only, whoever asks.
      const all = await listComments(deps(), view, section, null, { asPublic: true });
      const published = all.filter((c) => c.status === "published" || c.withdrawn);
      const base = `${siteOrigin(services.env, req)}/api/v1/sections/${section.id}`;
      if (req.query.format === "w3c") return toW3C(base, section.title, published.filter((c) => !c.withdrawn));
      // A section's comments come whole, in text order; the cursor field is kept for clients that page.
      const page = pageOf(published, WHOLE, (last) => last.id);
      return { items: page.items.map(presentPublicComment), nextCursor: page.next };
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
