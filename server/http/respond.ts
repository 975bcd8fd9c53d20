import type { Response as ExpressResponse } from "express";
import { HTTP_STATUS, type AppError, type ErrorCode } from "../errors.js";
import { escapeHtml } from "../text/markdown.js";
import { readCookie } from "../auth/sessions.js";
import { LOCALE_COOKIE, chooseLocale } from "../../common/i18n/locales.js";
import { phraseIn } from "../../common/i18n/phrases.js";

/** The JSON error shape of the whole API: `{ error: { code, message, fields? } }`. */
export function sendJsonError(res: ExpressResponse, code: ErrorCode, message: string, extra?: AppError["details"]): void {
  if (extra?.retryAfterSeconds) res.setHeader("Retry-After", String(extra.retryAfterSeconds));
  // RFC 9110 §11.6.1 and RFC 6750 §3: a 401 names the scheme that would be accepted.
  if (code === "unauthenticated") res.setHeader("WWW-Authenticate", extra?.invalidToken ? 'Bearer realm="margin", error="invalid_token"' : 'Bearer realm="margin"');
  res.status(HTTP_STATUS[code]).json({ error: { code, message, ...(extra?.fieldErrors ? { fields: extra.fieldErrors } : {}) } });
}

/**
 * A minimal page for errors raised before Remix runs (oversized bodies, foreign origins),
 * in the language of the switcher's cookie or Accept-Language (no session is read yet).
 */
export function sendPlainError(res: ExpressResponse, status: number, title: string, message: string): void {
  const req = res.req as ExpressResponse["req"] | undefined;
  const locale = chooseLocale({ cookie: readCookie(req?.headers.cookie, LOCALE_COOKIE), acceptLanguage: req?.headers["accept-language"] });
  const [t, m, back] = [title, message, "Back to Margin"].map((english) => escapeHtml(phraseIn(locale, english)));
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${t} · Margin</title>` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">` +
        `<h1>${t}</h1><p>${m}</p><p><a href="/">${back}</a></p></body></html>`,
    );
}
