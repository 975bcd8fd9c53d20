import { createComment, deleteComment, editComment, listComments } from "../../domain/comments/index.js";
import { requireSectionById } from "../../auth/access.js";
import { ApiCommentSchema, EditCommentSchema } from "../../domain/schemas.js";
import { presentCreatedComment, presentPublicComment } from "../../presenters/comment.js";
import { CreatedCommentSchema, DeletedCommentSchema, EditedCommentSchema, SectionCommentsSchema } from "../../presenters/wire.js";
import { commentDeps, type Services } from "../context.js";
import { siteOrigin } from "../guards.js";
import { WHOLE, pageOf } from "./paging.js";
import { Created, defineRoute, type ApiRoute } from "./registry.js";
import { toW3C } from "./w3c.js";

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
      summary: "A section's published comments, or with `?format=w3c` a W3C Web Annotation collection",
      access: "public",
      responses: [{ status: 200, schema: SectionCommentsSchema, description: "The comments in text order." }],
      async run({ req, user }) {
        const { view, section } = await requireSectionById(db, String(req.params.id), user);
        // The read API is public data only, whoever asks.
        const all = await listComments(deps(), view, section, null, { asPublic: true });
        const published = all.filter((c) => c.status === "published" || c.withdrawn);
        const base = `${siteOrigin(services.env, req)}/api/v1/sections/${section.id}`;
        if (req.query.format === "w3c") return toW3C(base, section.title, published.filter((c) => !c.withdrawn));
        // A section's comments come whole, in text order; the cursor field is kept for clients that page.
        const page = pageOf(published, WHOLE, (last) => last.id);
        return { items: page.items.map(presentPublicComment), nextCursor: page.next };
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
