/**
 * The link targets readers may be given: web and mail links, in-page anchors
 * and paths on this site. Everything else (javascript:, data:, vbscript:,
 * protocol-relative //host) is dropped, keeping the link's text. Drafters and
 * importers can paste anything; this is the one rule that decides what is rendered.
 */
const SAFE_HREF = /^(https?:|mailto:|#|\/(?!\/))/i;

/** Whether `href` (trimmed) may be rendered as a link. */
export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href.trim());
}
