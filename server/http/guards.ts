import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { NextFunction, Request, Response } from "express";
import type { Env } from "../env.js";
import { PerAddressCount } from "../collab/limits.js";
import { sendJsonError, sendPlainError } from "./respond.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Paths that accept larger bodies (file uploads). */
// Remix single-fetch submissions arrive at the same path with a `.data` suffix.
export const IMPORT_PATHS = new Set(["/consultations/import", "/consultations/import.data"]);

function wantsJson(req: Request): boolean {
  return req.path.startsWith("/api/") || (req.headers.accept ?? "").startsWith("application/json");
}

/** Refuses bodies over the limit before anything reads them (413), and bodies of unknown length (411). */
export function bodyLimit(env: Env) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const limit = IMPORT_PATHS.has(req.path) ? env.MAX_IMPORT_BYTES : env.MAX_BODY_BYTES;
    const declared = req.headers["content-length"];
    if (declared === undefined) {
      if (req.headers["transfer-encoding"]) {
        const msg = "Requests with a body must declare its length (Content-Length).";
        return wantsJson(req) ? sendJsonError(res, "invalid_input", msg) : sendPlainError(res, 411, "Length required", msg);
      }
      return next();
    }
    const length = Number(declared);
    if (!Number.isFinite(length) || length > limit) {
      const msg = `The request is larger than the limit of ${Math.floor(limit / 1024)} KiB.`;
      res.setHeader("Connection", "close");
      return wantsJson(req) ? sendJsonError(res, "payload_too_large", msg) : sendPlainError(res, 413, "Too large", msg);
    }
    next();
  };
}

/**
 * The origin this site is served from: ORIGIN when configured, else the
 * request's Host with the scheme of the connection (or of the trusted proxy).
 */
export function siteOrigin(env: Env, req: IncomingMessage): string {
  if (env.ORIGIN) return new URL(env.ORIGIN).origin;
  const forwarded = env.TRUST_PROXY ? String(req.headers["x-forwarded-proto"] ?? "").split(",")[0]!.trim() : "";
  const scheme = forwarded === "https" || (req.socket as TLSSocket).encrypted ? "https" : "http";
  return `${scheme}://${req.headers.host ?? ""}`;
}

/**
 * Cross-site request forgery guard: every state-changing request must carry
 * our own Origin. Bearer-token API calls carry no ambient credentials, so
 * they are exempt as long as they send no cookie.
 */
export function originCheck(env: Env) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const bearer = (req.headers.authorization ?? "").startsWith("Bearer ");
    if (bearer && req.path.startsWith("/api/") && !req.headers.cookie) return next();
    const origin = req.headers.origin;
    if (origin && origin !== "null" && origin === siteOrigin(env, req)) return next();
    const msg = "This request did not come from this site, so it was refused.";
    return wantsJson(req) ? sendJsonError(res, "forbidden", msg) : sendPlainError(res, 403, "Forbidden", msg);
  };
}

/** A section's live-update stream (and Remix's data request for it): each holds a connection open. */
export const EVENT_STREAM_PATH = /^\/c\/[^/]+\/s\/[^/]+\/events(\.data)?$/;

/**
 * Caps open event streams per client address (429 beyond): like WebSockets,
 * each is a connection held for as long as the client likes.
 */
export function eventStreamCap(max: number) {
  const open = new PerAddressCount(max);
  return (req: Request, res: Response, next: NextFunction) => {
    const address = req.ip ?? req.socket.remoteAddress ?? "unknown";
    if (!open.tryAcquire(address)) {
      res.setHeader("Retry-After", "10");
      return sendPlainError(res, 429, "Too many live pages", "Too many open pages from your address are following live updates. Close some, then reload this one.");
    }
    res.once("close", () => open.release(address));
    next();
  };
}
