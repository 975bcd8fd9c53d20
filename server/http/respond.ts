import type { Response as ExpressResponse } from "express";
import { HTTP_STATUS, type AppError, type ErrorCode } from "../errors.js";
import { escapeHtml } from "../text/markdown.js";

/** The JSON error shape of the whole API: `{ error: { code, message, fields? } }`. */
export function sendJsonError(res: ExpressResponse, code: ErrorCode, message: string, extra?: AppError["details"]): void {
  if (extra?.retryAfterSeconds) res.setHeader("Retry-After", String(extra.retryAfterSeconds));
  res.status(HTTP_STATUS[code]).json({ error: { code, message, ...(extra?.fieldErrors ? { fields: extra.fieldErrors } : {}) } });
}

/** A minimal page for errors raised before Remix runs (oversized bodies, foreign origins). */
export function sendPlainError(res: ExpressResponse, status: number, title: string, message: string): void {
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Margin</title>` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">` +
        `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to Margin</a></p></body></html>`,
    );
}
