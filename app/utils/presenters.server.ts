// The presenters' page shapes, for components to type their props with `import type`
// (erased from the browser bundle; components never import server/ at runtime).
export type { RailComment, RailThread } from "../../server/presenters/comment.js";
export type { SnippetPart } from "../../server/domain/search/index.js";
