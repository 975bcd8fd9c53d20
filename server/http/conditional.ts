/** A representation's validators (RFC 9110 §8.8). */
export interface Validators {
  /** A strong entity tag, quotes included. */
  etag: string;
  lastModified: Date;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, "");

/**
 * Whether a GET may be answered 304 Not Modified (RFC 9110 §13.2.2): If-None-Match
 * decides when sent (weak comparison, `*` matches); only without it does
 * If-Modified-Since count, to the second, as HTTP dates are.
 */
export function isNotModified(headers: Headers, v: Validators): boolean {
  const inm = headers.get("if-none-match");
  if (inm !== null) return inm.trim() === "*" || inm.split(",").some((t) => opaque(t) === opaque(v.etag));
  const ims = headers.get("if-modified-since");
  if (ims === null) return false;
  const since = Date.parse(ims);
  // An unreadable date is ignored (§13.1.3), so the full response is sent.
  if (Number.isNaN(since)) return false;
  return Math.floor(v.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

/** The validator headers every response of the representation carries, 304s included. */
export function validatorHeaders(v: Validators): Record<string, string> {
  return { ETag: v.etag, "Last-Modified": v.lastModified.toUTCString() };
}
