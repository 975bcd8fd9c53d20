/** Stable error codes, shared by pages, the JSON API and (later) WebSocket close codes. */
export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "payload_too_large"
  | "unprocessable"
  | "unavailable";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  /** Well-formed, but refused for what it contains (an import nested too deeply, a title with control characters). */
  unprocessable: 422,
  unavailable: 503,
};

/** A failure the user can act on; never carries a stack to the client. */
export class AppError extends Error {
  readonly isAppError = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number },
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
