import type { Router } from "express";
import { actorFor } from "../../auth/access.js";
import { ApiResponseSchema, DeclineRequestSchema } from "../../domain/request-schemas.js";
import { declineRequest, ownAnswers, ownRequestReceipt, saveDraft, submitResponse } from "../../domain/requests/index.js";
import { AppError, unauthenticated } from "../../errors.js";
import type { Services } from "../context.js";
import { Created, jsonParser, parseBody, route } from "./handler.js";

/**
 * An organisation's formal answers from its own systems (issue 14, item 10): a
 * representative's personal API token saves a draft, submits (the answer is the
 * receipt) or declines, under exactly the rules of the answer page, which live in
 * the domain. Its members read the organisation's own answers and receipts.
 */
export function responseRoutes(router: Router, services: Services): void {
  const { db } = services;

  router.post(
    "/requests/:id/responses",
    jsonParser(services),
    route(services, async (req, user) => {
      if (!user) throw unauthenticated();
      const actor = actorFor(user, null);
      const id = String(req.params.id);
      const body = parseBody(ApiResponseSchema, req);
      if ("decline" in body) {
        const parsed = DeclineRequestSchema.safeParse({ reason: body.reason ?? "" });
        if (!parsed.success) throw new AppError("invalid_input", parsed.error.issues.map((i) => i.message).join("; "));
        return new Created(await declineRequest(db, actor, id, parsed.data.reason));
      }
      if (body.submit) return new Created(await submitResponse(db, actor, id, body.answers));
      const draft = await saveDraft(db, actor, id, body.answers);
      return { status: "draft", savedAt: draft.savedAt, answers: draft.answers };
    }),
  );

  router.get(
    "/requests/:id/responses/own",
    route(services, async (req, user) => {
      if (!user) throw unauthenticated();
      return ownAnswers(db.kysely, actorFor(user, null), String(req.params.id));
    }),
  );

  router.get(
    "/requests/:id/responses/own/receipts/:reference",
    route(services, async (req, user) => {
      if (!user) throw unauthenticated();
      return ownRequestReceipt(db.kysely, actorFor(user, null), String(req.params.id), String(req.params.reference));
    }),
  );
}
