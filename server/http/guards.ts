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

/** Whether a host name (without port) is the loopback interface: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Links in cacheable responses (feed and annotation ids) come from ORIGIN, or else from the
 * request's Host; so outside the loopback interface a production server needs ORIGIN.
 * Returns why it may not start, or null.
 */
export function originProblem(env: Env): string | null {
  if (env.NODE_ENV !== "production" || env.ORIGIN || isLoopbackHost(env.HOST)) return null;
  return (
    `ORIGIN is required in production when the server listens beyond the loopback interface (HOST=${env.HOST}). ` +
    "Set ORIGIN to the public address people use, e.g. ORIGIN=https://margin.example.org, or listen on HOST=127.0.0.1."
  );
}

function hostnameOf(host: string): string | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::\d{1,5})?$/.exec(host);
  return m ? m[1]! : null;
}

/**
 * Whether a request's Host header names this site: ORIGIN's host when set; otherwise, in
 * production, only a loopback name (a forged Host, or a rebinding DNS name, never reaches
 * a page or feed); in development anything.
 */
export function hostAllowed(env: Env, host: string | undefined): boolean {
  if (env.ORIGIN) return (host ?? "").toLowerCase() === new URL(env.ORIGIN).host;
  if (env.NODE_ENV !== "production") return true;
  const name = host ? hostnameOf(host) : null;
  return name !== null && isLoopbackHost(name);
}

/** The message for a request whose Host is not this site's (421 Misdirected Request). */
export function misdirectedMessage(env: Env): string {
  return env.ORIGIN
    ? `This server answers only for ${new URL(env.ORIGIN).host}.`
    : "This server answers only for its loopback address; to serve it under another name, set ORIGIN.";
}

/** Refuses requests for another host (421) before anything builds a link from the Host header. */
export function hostCheck(env: Env) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (hostAllowed(env, req.headers.host)) return next();
    const msg = misdirectedMessage(env);
    if (wantsJson(req)) return void res.status(421).json({ error: { code: "misdirected_request", message: msg } });
    return sendPlainError(res, 421, "Wrong address", msg);
  };
}

/**
 * Cross-site request forgery guard: every state-changing request must carry
 * our own Origin. API calls carry no ambient credentials as long as they send
 * no cookie, so those are exempt.
 */
export function originCheck(env: Env) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // A mail client's one-click unsubscribe (RFC 8058) posts from no page and with no cookie; the link's signature is its proof.
    if (req.path === UNSUBSCRIBE_PATH && !req.headers.cookie) return next();
    // An API call without a cookie carries no ambient credential, so there is nothing to forge: a bearer
    // token is the caller's own proof, a witness's co-signature carries its own, and a call with neither
    // is answered 401 by the API (not refused here as foreign, which would hide what is missing).
    if (req.path.startsWith("/api/") && !req.headers.cookie) return next();
    const origin = req.headers.origin;
    if (origin && origin !== "null" && origin === siteOrigin(env, req)) return next();
    const msg = "This request did not come from this site, so it was refused.";
    return wantsJson(req) ? sendJsonError(res, "forbidden", msg) : sendPlainError(res, 403, "Forbidden", msg);
  };
}

/** Characters no address of ours contains; in a database they are errors, not data. */
const UNSAFE_IN_ADDRESS = /[\u0000-\u001F\u007F]/;

/**
 * Refuses addresses that cannot be read as text before anything routes them:
 * broken percent-encoding (which is not UTF-8, so also no lone surrogates) and
 * control characters such as NUL. Both are the sender's mistake: 400, not 5xx.
 */
export function addressCheck() {
  return (req: Request, res: Response, next: NextFunction) => {
    let decoded: string;
    try {
      // The query's "+" means a space; either way it decodes to no control character.
      decoded = decodeURIComponent(req.originalUrl.replace(/\+/g, " "));
    } catch {
      const msg = "This address is not valid: it has broken percent-encoding.";
      return wantsJson(req) ? sendJsonError(res, "invalid_input", msg) : sendPlainError(res, 400, "Bad address", msg);
    }
    if (UNSAFE_IN_ADDRESS.test(decoded)) {
      const msg = "This address is not valid: it contains control characters.";
      return wantsJson(req) ? sendJsonError(res, "invalid_input", msg) : sendPlainError(res, 400, "Bad address", msg);
    }
    next();
  };
}

/** Where one-click unsubscribe links lead (server/domain/notifications/notify.ts, unsubscribeLink). */
const UNSUBSCRIBE_PATH = "/unsubscribe";

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
