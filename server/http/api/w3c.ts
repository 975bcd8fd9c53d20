import type { Request } from "express";
import { contextAfter, contextBefore } from "../../collab/text-model.js";
import type { CommentView } from "../../domain/comments/index.js";

/**
 * Margin's comments as W3C Web Annotations (ADR 035). The offsets Margin keeps are UTF-16
 * code units (what JavaScript strings count); the annotation model counts Unicode code
 * points, so the W3C form converts them. Margin's own JSON keeps UTF-16.
 */

const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/** The media type the annotation protocol names for this form. */
export const W3C_MEDIA_TYPE = `application/ld+json; profile="${ANNO_CONTEXT}"`;

/**
 * The anno.jsonld context has no term for an organisation a person speaks for, so one is
 * added: `affiliation`, schema.org's, so that JSON-LD expansion keeps it.
 */
const CONTEXT = [ANNO_CONTEXT, { schema: "http://schema.org/", affiliation: { "@id": "schema:affiliation" } }];

/** Whether the request asks for the W3C form: `?format=w3c`, or an Accept that prefers JSON-LD with the annotation profile (or none). */
export function wantsW3C(req: Request): boolean {
  // Caches must keep the two forms apart.
  req.res?.vary("Accept");
  if (req.query.format === "w3c") return true;
  if (req.query.format !== undefined) return false;
  return req.accepts(["application/json", W3C_MEDIA_TYPE]) === W3C_MEDIA_TYPE;
}

/** Where a section's annotations point: the page readers see, and the API resource it is made from. */
export interface W3CLinks {
  /** `${origin}/api/v1/sections/:id` */
  api: string;
  /** `${origin}/c/:slug/s/:sectionId` */
  page: string;
}

/** The code point index of a UTF-16 offset in `text` (a surrogate pair counts once). */
function codePointOffset(text: string, utf16: number): number {
  let points = 0;
  for (let i = 0; i < utf16 && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < utf16) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    points++;
  }
  return points;
}

function motivationOf(c: CommentView): string {
  return c.parentId ? "replying" : c.kind === "suggestion" ? "editing" : "commenting";
}

/** The section as a target's source: the reader's page, with the API resource whose `text` the offsets count in. */
function sourceOf(links: W3CLinks) {
  return { id: links.page, type: "Text", format: "text/html", via: links.api };
}

/**
 * Where a comment points. A reply targets the annotation it answers. An anchored comment
 * has up to two targets: the passage in the current text (omitted when the passage is
 * gone), and the passage as it was quoted, with a TimeState of when it was quoted.
 */
function targetOf(links: W3CLinks, c: CommentView, text: string) {
  if (c.parentId) return `${links.api}/comments/${c.parentId}`;
  if (!c.anchor) return sourceOf(links);
  const targets: object[] = [];
  const { start, end } = c.anchor;
  if (start !== null && end !== null) {
    targets.push({
      type: "SpecificResource",
      source: sourceOf(links),
      selector: [
        { type: "TextQuoteSelector", exact: text.slice(start, end), prefix: contextBefore(text, start), suffix: contextAfter(text, end) },
        { type: "TextPositionSelector", start: codePointOffset(text, start), end: codePointOffset(text, end) },
      ],
    });
  }
  // Margin keeps no copy of the text as each comment saw it, so the original offsets cannot be recounted in
  // code points; the quote with its context identifies the passage in the text as it was at `sourceDate`.
  targets.push({
    type: "SpecificResource",
    source: sourceOf(links),
    state: { type: "TimeState", sourceDate: c.createdAt },
    selector: { type: "TextQuoteSelector", exact: c.anchor.quote.exact, prefix: c.anchor.quote.prefix, suffix: c.anchor.quote.suffix },
  });
  return targets;
}

/** One comment as an annotation; `text` is the section's current plain text. */
function annotationOf(links: W3CLinks, c: CommentView, text: string) {
  const org = c.author.organisation;
  return {
    id: `${links.api}/comments/${c.id}`,
    type: "Annotation",
    motivation: motivationOf(c),
    created: c.createdAt,
    ...(c.editedAt ? { modified: c.editedAt } : {}),
    creator: { type: "Person", name: c.author.name, ...(org ? { affiliation: { type: "Organization", name: org } } : {}) },
    body: [
      // Bodies are stored as written, in the small Markdown the pages render (server/text/markdown.ts).
      { type: "TextualBody", value: c.body, format: "text/markdown", purpose: c.parentId ? "replying" : "commenting" },
      // The proposed text goes into the section as it is: plain text.
      ...(c.replacement !== null ? [{ type: "TextualBody", value: c.replacement, format: "text/plain", purpose: "editing" }] : []),
    ],
    target: targetOf(links, c, text),
  };
}

/** One comment as a standalone annotation document. */
export function toW3CAnnotation(links: W3CLinks, c: CommentView, text: string) {
  return { "@context": CONTEXT, ...annotationOf(links, c, text) };
}

export interface W3CPage {
  comments: CommentView[];
  /** How many annotations the whole collection holds, and where this page starts in it. */
  total: number;
  startIndex: number;
  limit: number;
  /** The cursor that asked for this page (none for the first), and the next page's. */
  cursor: string | undefined;
  next: string | null;
  /** The page on its own, not embedded in the collection: a later page, or the first asked for by its id. */
  alone: boolean;
}

/**
 * A page of the section's annotations. The first page comes embedded in the collection
 * (which has no `first` when it is empty); a later page, or the first asked for by its id
 * (`page=first`), comes on its own, `partOf` the collection. Pages are named by the same
 * `limit` and `cursor` as Margin's JSON.
 */
export function toW3CCollection(links: W3CLinks, title: string, text: string, page: W3CPage) {
  const collectionId = `${links.api}/comments?format=w3c`;
  const pageId = (cursor: string | undefined) => `${collectionId}&limit=${page.limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : "&page=first"}`;
  const label = `Comments on “${title}”`;
  const body = {
    id: pageId(page.cursor),
    type: "AnnotationPage",
    startIndex: page.startIndex,
    ...(page.next ? { next: pageId(page.next) } : {}),
    items: page.comments.map((c) => annotationOf(links, c, text)),
  };
  if (page.alone) {
    return { "@context": CONTEXT, ...body, partOf: { id: collectionId, type: "AnnotationCollection", label, total: page.total } };
  }
  return {
    "@context": CONTEXT,
    id: collectionId,
    type: "AnnotationCollection",
    label,
    total: page.total,
    ...(page.total > 0 ? { first: { ...body, partOf: collectionId } } : {}),
  };
}
