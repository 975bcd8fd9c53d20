import type { CommentRow, PositionRow } from "../../db/schema.js";
import type { ShownAuthor } from "../domain/shown-author.js";
import type { LedgerEvent } from "./append.js";
import { newSalt, saltedDigest, sha256Hex } from "./chain.js";

/**
 * How participation is written to the ledger (issue 13). Text the public can
 * read is covered by its plain SHA-256, so anyone can check the API's text
 * against the ledger; text the public cannot read (confidential, or held for
 * moderation) only by a salted digest. Every entry also carries a salted digest
 * of the author's account id: from the database `margin verify` sees a comment
 * moved to another author, and the public learns nothing about who wrote what
 * beyond the author's own publication choice.
 */

/** Whether the public may read a comment's words now. */
export function isPublicText(c: Pick<CommentRow, "visibility" | "status">): boolean {
  return c.visibility === "public" && c.status === "published";
}

/** A text's public hash, or null when there is no text. */
export function textSha256(text: string | null): string | null {
  return text === null ? null : sha256Hex(text);
}

/** The ledger entry for a new comment, reply, suggested amendment or redacted public copy. */
export function submissionEvent(c: CommentRow, shown: ShownAuthor): LedgerEvent {
  const salt = newSalt();
  const open = isPublicText(c);
  return {
    kind: "submission",
    consultationId: c.consultation_id,
    sectionId: c.section_id,
    subjectId: c.id,
    createdAt: c.created_at,
    salt,
    payload: {
      commentId: c.id,
      parentId: c.parent_id,
      kind: c.kind,
      visibility: c.visibility,
      status: c.status,
      publication: c.publication,
      redactedOf: c.redacted_of,
      // Names follow the author's choice, and only once the public may read the comment.
      author: namedAuthor(c, shown),
      authorDigest: saltedDigest(salt, c.author_id),
      bodySha256: open ? sha256Hex(c.body) : null,
      bodyDigest: saltedDigest(salt, c.body),
      replacementSha256: open ? textSha256(c.replacement) : null,
      replacementDigest: c.replacement === null ? null : saltedDigest(salt, c.replacement),
      quoteSha256: open ? textSha256(c.quote_exact) : null,
    },
  };
}

/** The author as the ledger names them: only when the public may read the comment. */
function namedAuthor(c: Pick<CommentRow, "visibility" | "status">, shown: ShownAuthor): ShownAuthor | null {
  return isPublicText(c) ? { name: shown.name, organisation: shown.organisation, group: shown.group } : null;
}

/** The ledger entry for an author's edit: the new text, public by SHA-256 only while the public may read it. */
export function editEvent(c: CommentRow, editedAt: string): LedgerEvent {
  const salt = newSalt();
  return {
    kind: "edit",
    consultationId: c.consultation_id,
    sectionId: c.section_id,
    subjectId: c.id,
    createdAt: editedAt,
    salt,
    payload: { commentId: c.id, bodySha256: isPublicText(c) ? sha256Hex(c.body) : null, bodyDigest: saltedDigest(salt, c.body) },
  };
}

/**
 * The ledger entry for an author deleting their comment. With a response it is a
 * withdrawal that stays listed; without one the comment leaves the public list,
 * and this entry is what tells a verifier that its absence is legitimate.
 */
export function withdrawalEvent(c: CommentRow, at: string, response: { id: string; outcome: string } | undefined): LedgerEvent {
  return {
    kind: "withdrawal",
    consultationId: c.consultation_id,
    sectionId: c.section_id,
    subjectId: c.id,
    createdAt: at,
    payload: { commentId: c.id, dispositionId: response?.id ?? null, outcome: response?.outcome ?? null },
  };
}

/**
 * What a moderation entry adds when the action makes a comment public (approving a
 * held one, restoring a hidden one): the now-public text by SHA-256 and the author as
 * shown, so the text readers are then shown is covered like a submission's.
 */
export function publishedTextFields(c: CommentRow, shown: ShownAuthor): Record<string, unknown> {
  const now = { ...c, status: "published" as const };
  if (!isPublicText(now)) return {};
  return { bodySha256: sha256Hex(c.body), replacementSha256: textSha256(c.replacement), author: namedAuthor(now, shown) };
}

/**
 * The ledger entry for a position taken or changed. Counts are public, so the
 * stance and the group at the time are in the clear; the rationale is shown only
 * to its author, so it is covered by a salted digest; `supersedes` links a change
 * to the position it replaces, which is how anyone recomputes the current counts.
 */
export function positionEvent(p: PositionRow, supersedes: string | null): LedgerEvent {
  const salt = newSalt();
  return {
    kind: "position",
    consultationId: p.consultation_id,
    sectionId: p.section_id,
    subjectId: p.id,
    createdAt: p.created_at,
    salt,
    payload: {
      positionId: p.id,
      supersedes,
      stance: p.stance,
      group: p.stakeholder_group,
      quoteSha256: textSha256(p.quote_exact),
      rationaleDigest: saltedDigest(salt, p.rationale),
      authorDigest: saltedDigest(salt, p.user_id),
    },
  };
}
