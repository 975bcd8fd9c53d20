import { listSectionComments, PUBLIC_VIEWER, type CommentWithAuthor } from "../../../db/queries/comment.js";
import type { Bus } from "../../bus/bus.js";
import type { CommentCache, ReaderText } from "./deps.js";

/** Most sections are read far more than written: how many sections' public lists to keep. */
const COMMENT_CACHE_SECTIONS = 500;
/** Rendered comment HTML kept, counted in characters of body and HTML (about 32 MiB at two bytes each). */
const COMMENT_HTML_CACHE_CHARS = 16 * 1024 * 1024;

/**
 * Keeps each section's public comment rows (the same for every reader) until
 * the bus says the section's discussion changed. The comment lists resolve
 * anchors against the live text on every request; the reader view's text and
 * public passages (readerText) are kept per text seq with the rows.
 */
export function createCommentCache(bus: Bus, maxSections = COMMENT_CACHE_SECTIONS): CommentCache {
  const rows = new Map<string, Promise<CommentWithAuthor[]>>();
  // Keyed by the body itself, so an edit simply misses; oldest first out.
  const html = new Map<string, string>();
  let htmlChars = 0;
  // The reader text made from each list of public rows, at the latest seq asked for: it goes with its rows.
  const texts = new WeakMap<CommentWithAuthor[], ReaderText>();
  bus.subscribe((event) => {
    if (event.type === "section.activity") rows.delete(event.sectionId);
    else if (event.type === "bus.resync") rows.clear();
  });
  return {
    publicRows(db, sectionId) {
      let hit = rows.get(sectionId);
      if (!hit) {
        hit = listSectionComments(db.kysely, sectionId, PUBLIC_VIEWER);
        hit.catch(() => rows.delete(sectionId));
        if (rows.size >= maxSections) rows.delete(rows.keys().next().value!);
        rows.set(sectionId, hit);
      }
      return hit;
    },
    readerText(publicRows, seq, compute) {
      const hit = texts.get(publicRows);
      if (hit?.seq === seq) return hit;
      const out = compute();
      texts.set(publicRows, out);
      return out;
    },
    renderedHtml(body, render) {
      const hit = html.get(body);
      if (hit !== undefined) return hit;
      const out = render();
      html.set(body, out);
      htmlChars += body.length + out.length;
      while (htmlChars > COMMENT_HTML_CACHE_CHARS && html.size > 1) {
        const [oldBody, oldHtml] = html.entries().next().value!;
        html.delete(oldBody);
        htmlChars -= oldBody.length + oldHtml.length;
      }
      return out;
    },
  };
}
