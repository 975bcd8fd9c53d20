import type { CommentView } from "../../domain/comments/index.js";

/** A W3C Web Annotation collection (one page) of the published comments. */
export function toW3C(base: string, title: string, comments: CommentView[]) {
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: `${base}/comments?format=w3c`,
    type: "AnnotationCollection",
    label: `Comments on “${title}”`,
    total: comments.length,
    first: {
      type: "AnnotationPage",
      items: comments.map((c) => ({
        id: `${base}/comments/${c.id}`,
        type: "Annotation",
        motivation: c.parentId ? "replying" : c.kind === "suggestion" ? "editing" : "commenting",
        created: c.createdAt,
        ...(c.editedAt ? { modified: c.editedAt } : {}),
        creator: { type: "Person", name: c.author.name, ...(c.author.organisation ? { memberOf: c.author.organisation } : {}) },
        body: [
          { type: "TextualBody", value: c.body, format: "text/plain", purpose: c.parentId ? "replying" : "commenting" },
          ...(c.replacement !== null ? [{ type: "TextualBody", value: c.replacement, format: "text/plain", purpose: "editing" }] : []),
        ],
        target: c.parentId
          ? `${base}/comments/${c.parentId}`
          : c.anchor
            ? {
                source: base,
                selector: [
                  { type: "TextQuoteSelector", exact: c.anchor.quote.exact, prefix: c.anchor.quote.prefix, suffix: c.anchor.quote.suffix },
                  { type: "TextPositionSelector", start: c.anchor.position.start, end: c.anchor.position.end },
                ],
              }
            : base,
      })),
    },
  };
}
