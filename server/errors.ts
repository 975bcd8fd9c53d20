/** Stable error codes, shared by pages, the JSON API and (later) WebSocket close codes. */
export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "rate_limited"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unprocessable"
  | "unavailable";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  /** A path that exists, asked with a method it does not answer (the response names them in `Allow`). */
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  /** A body in a format the endpoint does not take (the API takes JSON). */
  unsupported_media_type: 415,
  /** Well-formed, but refused for what it contains (an import nested too deeply, a title with control characters). */
  unprocessable: 422,
  unavailable: 503,
};

/** Where a caller stands against a rate limit: the quota per window, what is left of it, and seconds until it resets. */
export interface LimiterState {
  limit: number;
  windowSeconds: number;
  remaining: number;
  resetSeconds: number;
}

/** A failure the user can act on; never carries a stack to the client. */
export class AppError extends Error {
  readonly isAppError = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number; rateLimit?: LimiterState; invalidToken?: boolean },
  ) {
    super(message);
    this.name = "AppError";
  }
}

// Checked by shape, not instanceof: under Vite's dev server the app and the server
// may load this module twice.
export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && (e as { isAppError?: unknown }).isAppError === true;
}

export const notFound = (what = "That page") => new AppError("not_found", `${what} does not exist or is not visible to you.`);
export const forbidden = (message = "You are not allowed to do that.") => new AppError("forbidden", message);
export const unauthenticated = () => new AppError("unauthenticated", "Please sign in first.");
/** Refusing a submission from an account whose address is not confirmed yet (REQUIRE_VERIFIED_EMAIL): says which address and how to get a link. */
export const confirmAddressFirst = (email: string) =>
  new AppError(
    "forbidden",
    `Confirm your address ${email} before submitting: open the link we sent there, or get a new one with “Send the link again” at the top of the page. What you wrote is kept.`,
  );

/** PostgreSQL's codes for text it cannot store: a NUL byte (22021) or an untranslatable character (22P05). */
const PG_INVALID_TEXT = new Set(["22021", "22P05"]);

/**
 * The client's mistake hidden in a lower-level error, as an AppError: text
 * the database cannot store, or an HTTP error that a library marked as a
 * 4xx (a malformed body or address). Null when it is a failure of ours.
 */
export function clientErrorOf(e: unknown): AppError | null {
  if (typeof e !== "object" || e === null) return null;
  const { code, status } = e as { code?: unknown; status?: unknown };
  if (typeof code === "string" && PG_INVALID_TEXT.has(code)) return new AppError("invalid_input", "The request contains characters that cannot be stored (such as a NUL byte).");
  if (typeof status === "number" && status >= 400 && status < 500) {
    if (status === 413) return new AppError("payload_too_large", "The request is too large.");
    return new AppError("invalid_input", "The request could not be read.");
  }
  return null;
}
