/**
 * The one place confidential submissions' texts cross the data boundary: sealed on the
 * way into the comment (and comment_edit) table, opened on the way out. Anything computed
 * from the text (the ledger's salted digests) is computed before sealing, on the plaintext.
 * db/ imports nothing of ours, so the cipher is installed by the process at start
 * (server/crypto/active.ts); contexts match SEALED_COLUMNS in server/crypto/registry.ts.
 */
export interface TextSealer {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

const SEALED_TEXT_PREFIX = "sealed:";

// On globalThis: the server and the Remix build are separate bundles, each with its own copy of this module.
const SLOT = Symbol.for("margin.textSealer");
const holder = globalThis as { [SLOT]?: TextSealer };

export function installTextSealer(sealer: TextSealer): void {
  holder[SLOT] = sealer;
}

/** Whether this process can open sealed texts (the server and the CLI load the keyring; a bare test process may not). */
export function hasTextSealer(): boolean {
  return holder[SLOT] !== undefined;
}

/** Whether a stored text is sealed. */
export function isSealedText(v: string | null | undefined): boolean {
  return isSealed(v);
}

function sealer(): TextSealer {
  const installed = holder[SLOT];
  if (!installed) throw new Error("No data encryption keyring is loaded (the server loads it at start; set DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_FILE).");
  return installed;
}

const isSealed = (v: string | null | undefined): v is string => typeof v === "string" && v.startsWith(SEALED_TEXT_PREFIX);
type Field = "body" | "replacement";
const contextOf = (table: "comment" | "comment_edit", id: string, field: Field) => `${table}:${id}:${field}`;

/** The row as stored: body and replacement sealed when the comment is confidential. */
export function sealCommentText<T extends { id: string; visibility: string; body: string; replacement: string | null }>(row: T): T {
  if (row.visibility !== "confidential") return row;
  const s = sealer();
  return {
    ...row,
    body: s.seal(row.body, contextOf("comment", row.id, "body")),
    replacement: row.replacement === null ? null : s.seal(row.replacement, contextOf("comment", row.id, "replacement")),
  };
}

/** A comment row (or any row with its id, body and maybe replacement) with sealed texts opened. */
export function openCommentText<T extends { id: string; body: string; replacement?: string | null }>(row: T): T {
  if (!isSealed(row.body) && !isSealed(row.replacement)) return row;
  const s = sealer();
  const opened = { ...row, body: isSealed(row.body) ? s.open(row.body, contextOf("comment", row.id, "body")) : row.body };
  if (isSealed(row.replacement)) opened.replacement = s.open(row.replacement, contextOf("comment", row.id, "replacement"));
  return opened;
}

/** An earlier text kept in comment_edit, sealed when its comment is confidential. */
export function sealEditText(editId: string, body: string, confidential: boolean): string {
  return confidential ? sealer().seal(body, contextOf("comment_edit", editId, "body")) : body;
}

export function openEditText(editId: string, body: string): string {
  return isSealed(body) ? sealer().open(body, contextOf("comment_edit", editId, "body")) : body;
}

/** Seals any value for one row and column (information requests' answers and drafts; contexts as in SEALED_COLUMNS). */
export function sealFor(table: string, id: string, column: string, plaintext: string): string {
  return sealer().seal(plaintext, `${table}:${id}:${column}`);
}

/** Opens what sealFor sealed; a value stored in the clear (a public answer) comes back as it is. */
export function openFor(table: string, id: string, column: string, stored: string): string {
  return isSealed(stored) ? sealer().open(stored, `${table}:${id}:${column}`) : stored;
}
