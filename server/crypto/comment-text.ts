import { dataKeyring } from "./active.js";
import { isSealed, open, seal } from "./sealed.js";

/**
 * The one place confidential submissions' texts cross the data boundary: sealed on
 * the way into the comment (and comment_edit) table, opened on the way out. Anything
 * computed from the text (the ledger's salted digests) is computed before sealing,
 * on the plaintext. Contexts match SEALED_COLUMNS in registry.ts.
 */

type Field = "body" | "replacement";
const contextOf = (table: "comment" | "comment_edit", id: string, field: Field) => `${table}:${id}:${field}`;

/** The row as stored: body and replacement sealed when the comment is confidential. */
export function sealCommentText<T extends { id: string; visibility: string; body: string; replacement: string | null }>(row: T): T {
  if (row.visibility !== "confidential") return row;
  const ring = dataKeyring();
  return {
    ...row,
    body: seal(ring, row.body, contextOf("comment", row.id, "body")),
    replacement: row.replacement === null ? null : seal(ring, row.replacement, contextOf("comment", row.id, "replacement")),
  };
}

/** A comment row (or any row with its id, body and maybe replacement) with sealed texts opened. */
export function openCommentText<T extends { id: string; body: string; replacement?: string | null }>(row: T): T {
  if (!isSealed(row.body) && !isSealed(row.replacement)) return row;
  const ring = dataKeyring();
  const opened = { ...row, body: isSealed(row.body) ? open(ring, row.body, contextOf("comment", row.id, "body")) : row.body };
  if (isSealed(row.replacement)) opened.replacement = open(ring, row.replacement, contextOf("comment", row.id, "replacement"));
  return opened;
}

/** An earlier text kept in comment_edit, sealed when its comment is confidential. */
export function sealEditText(editId: string, body: string, confidential: boolean): string {
  return confidential ? seal(dataKeyring(), body, contextOf("comment_edit", editId, "body")) : body;
}

export function openEditText(editId: string, body: string): string {
  return isSealed(body) ? open(dataKeyring(), body, contextOf("comment_edit", editId, "body")) : body;
}
