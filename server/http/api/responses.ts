import { actorFor } from "../../auth/access.js";
import { ApiResponseSchema, DeclineRequestSchema } from "../../domain/request-schemas.js";
import { declineRequest, ownAnswers, ownRequestReceipt, saveDraft, submitResponse } from "../../domain/requests/index.js";
import { AppError } from "../../errors.js";
import { OwnAnswersSchema, OwnReceiptSchema, SavedDraftSchema, SubmittedResponseSchema } from "../../presenters/wire.js";
import type { Services } from "../context.js";
import { Created, defineRoute, type ApiRoute } from "./registry.js";

/**
 * An organisation's formal answers from its own systems (issue 14, item 10): a
 * representative's personal API token saves a draft, submits (the answer is the
 * receipt) or declines, under exactly the rules of the answer page, which live in
 * the domain. Its members read the organisation's own answers and receipts.
 */
export function responseRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  const own = (id: string) => `/api/v1/requests/${id}/responses/own`;
  return [
    defineRoute({
      method: "post",
      path: "/requests/:id/responses",
      tag: "requests",
      summary: "Save a draft answer, submit it, or decline the request, for one's organisation",
      description: "A saved draft answers 200; a submission or a refusal creates a record (201) whose `Location` is the organisation's own answers.",
      access: "user",
      body: ApiResponseSchema,
      responses: [
        { status: 200, schema: SavedDraftSchema, description: "The draft was saved." },
        { status: 201, schema: SubmittedResponseSchema, description: "The submitted answer's receipt, or the refusal." },
      ],
      async run({ req, user, body }) {
        const actor = actorFor(user!, null);
        const id = String(req.params.id);
        if ("decline" in body) {
          const parsed = DeclineRequestSchema.safeParse({ reason: body.reason ?? "" });
          if (!parsed.success) throw new AppError("invalid_input", parsed.error.issues.map((i) => i.message).join("; "));
          return new Created(await declineRequest(db, actor, id, parsed.data.reason), own(id));
        }
        if (body.submit) {
          const receipt = await submitResponse(db, actor, id, body.answers);
          return new Created(receipt, `${own(id)}/receipts/${encodeURIComponent(receipt.reference)}`);
        }
        const draft = await saveDraft(db, actor, id, body.answers);
        return { status: "draft", savedAt: draft.savedAt, answers: draft.answers };
      },
    }),
    defineRoute({
      method: "get",
      path: "/requests/:id/responses/own",
      tag: "requests",
      summary: "The caller's organisation's own answers to a request",
      access: "user",
      responses: [{ status: 200, schema: OwnAnswersSchema, description: "The organisation's answers, drafts and revisions." }],
      run: async ({ req, user }) => ownAnswers(db.kysely, actorFor(user!, null), String(req.params.id)),
    }),
    defineRoute({
      method: "get",
      path: "/requests/:id/responses/own/receipts/:reference",
      tag: "requests",
      summary: "One receipt of the caller's organisation's answers",
      access: "user",
      responses: [{ status: 200, schema: OwnReceiptSchema, description: "The receipt." }],
      run: async ({ req, user }) => ownRequestReceipt(db.kysely, actorFor(user!, null), String(req.params.id), String(req.params.reference)),
    }),
  ];
}
