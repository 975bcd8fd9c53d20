import type { NextFunction, Request, Response } from "express";
import type { z } from "zod";
import type { UserProfile } from "../../../db/queries/user.js";
import { authenticateApiToken } from "../../auth/api-tokens.js";
import { SESSION_COOKIE, readCookie } from "../../auth/sessions.js";
import { fieldErrorsOf } from "../../domain/schemas.js";
import { AppError, clientErrorOf, isAppError } from "../../errors.js";
import type { Services } from "../context.js";
import { sendJsonError } from "../respond.js";

/** The caller: a bearer token's owner, the session's user, or null (anonymous). */
export async function apiUser(services: Services, req: Request): Promise<UserProfile | null> {
  const authz = req.headers.authorization;
  if (authz !== undefined) {
    const m = /^Bearer (\S+)$/.exec(authz);
    const user = m ? await authenticateApiToken(services.db, m[1]!, services.env.REQUIRE_VERIFIED_EMAIL) : null;
    if (!user) throw new AppError("unauthenticated", "The API token is missing, malformed or revoked.", { invalidToken: true });
    return user;
  }
  const auth = await services.sessions.validate(readCookie(req.headers.cookie, SESSION_COOKIE));
  return auth?.user ?? null;
}

/** Maps whatever a handler threw to the API's JSON error; a failure of ours is logged and answered 503. */
export function sendApiError(services: Services, req: Request, res: Response, e: unknown): void {
  if (isAppError(e)) return sendJsonError(res, e.code, e.message, e.details);
  const theirs = clientErrorOf(e);
  if (theirs) return sendJsonError(res, theirs.code, theirs.message);
  services.logger.error("api request failed", { path: req.path, error: e });
  sendJsonError(res, "unavailable", "Something went wrong on our side. Please try again shortly.", { retryAfterSeconds: 5 });
}

export function parseQuery<T extends z.ZodTypeAny>(schema: T, query: unknown): z.infer<T> {
  const r = schema.safeParse(query);
  if (!r.success) throw new AppError("invalid_input", r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return r.data;
}

/** The media type the API's bodies are written in. */
const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

function jsonBody(req: Request): unknown {
  if (!JSON_MEDIA_TYPE.test(req.headers["content-type"] ?? "")) {
    throw new AppError("unsupported_media_type", "Send a JSON body with Content-Type: application/json.");
  }
  return req.body;
}

export function parseBody<T extends z.ZodTypeAny>(schema: T, req: Request): z.infer<T> {
  const r = schema.safeParse(jsonBody(req));
  if (!r.success) {
    throw new AppError("invalid_input", r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "), { fieldErrors: fieldErrorsOf(r.error) });
  }
  return r.data;
}

/** The tail of the router: unknown endpoints, and body-parser failures, which are the client's. */
export function notFound(req: Request, res: Response) {
  sendJsonError(res, "not_found", `No API endpoint ${req.method} ${req.path}.`);
}

export function bodyErrors(err: { type?: string }, _req: Request, res: Response, next: NextFunction) {
  if (err.type === "entity.parse.failed") return sendJsonError(res, "invalid_input", "The body is not valid JSON.");
  if (err.type === "entity.too.large") return sendJsonError(res, "payload_too_large", "The body is too large.");
  next(err);
}
