/**
 * Every column that may hold sealed values, so `margin keys rotate` can re-wrap them
 * all. `context` is what a value in that row was sealed with (its additional data):
 * a value only opens in the row and column it was written for.
 */
export interface SealedColumn {
  table: string;
  column: string;
  idColumn: string;
  context: (id: string) => string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  // Confidential consultation submissions (visibility "confidential").
  { table: "comment", column: "body", idColumn: "id", context: (id) => `comment:${id}:body` },
  { table: "comment", column: "replacement", idColumn: "id", context: (id) => `comment:${id}:replacement` },
  // Their earlier texts, kept when an author edits.
  { table: "comment_edit", column: "body", idColumn: "id", context: (id) => `comment_edit:${id}:body` },
  // Information requests (issue 14): answers below the public levels, and a response's draft.
  { table: "info_answer", column: "value", idColumn: "id", context: (id) => `info_answer:${id}:value` },
  { table: "info_response", column: "draft", idColumn: "id", context: (id) => `info_response:${id}:draft` },
];
