import type { Dialect, Executor } from "../../../db/client.js";
import { findComment } from "../../../db/queries/comment.js";
import { findChangeSetsByIds, findCurrentDisposition, findVersion, insertDisposition } from "../../../db/queries/history.js";
import { refreshCommentDocs } from "../../../db/queries/search.js";
import type { CommentRow, DispositionOutcome, DispositionRow, VersionRow } from "../../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { newId } from "../../ids.js";
import { appendLedger, type LedgerEvent } from "../../ledger/append.js";
import { newSalt, saltedDigest, sha256Hex } from "../../ledger/chain.js";

export interface DispositionInput {
  commentId: string;
  outcome: DispositionOutcome;
  response: string;
  changeSetIds: string[];
  versionNumber?: number;
  /**
   * Keep the changes and version linked to the response this one replaces (ignoring
   * `changeSetIds` and `versionNumber`): a response changed from the section's rail,
   * which does not offer them, must not drop links made on the report page.
   */
  keepLinks?: boolean;
}

/** A disposition ready to be written, with the comment it answers. */
export interface PreparedDisposition {
  row: DispositionRow;
  comment: CommentRow;
}

/**
 * Checks that the linked changes are this consultation's and the version exists;
 * returns the version (if one is named). Shared by single and group responses.
 */
export async function resolveLinks(db: Executor, consultationId: string, ids: string[], versionNumber: number | undefined): Promise<VersionRow | undefined> {
  const found = await findChangeSetsByIds(db, ids);
  const missing = ids.filter((id) => !found.some((f) => f.id === id && f.consultation_id === consultationId));
  if (missing.length > 0) throw new AppError("invalid_input", `No change ${missing[0]} in this consultation.`, { fieldErrors: { changeSetIds: ["Link changes from this consultation's history."] } });
  let version: VersionRow | undefined;
  if (versionNumber !== undefined) {
    version = await findVersion(db, consultationId, versionNumber);
    if (!version) throw new AppError("invalid_input", `There is no version ${versionNumber}.`, { fieldErrors: { versionNumber: ["Choose a published version."] } });
  }
  return version;
}

/**
 * Checks a response against the comment, the linked changes and the version,
 * and builds its row. The caller has checked that `decidedBy` may respond.
 */
export async function prepareDisposition(db: Executor, consultationId: string, decidedBy: string, input: DispositionInput, decidedAt: string): Promise<PreparedDisposition> {
  const comment = await findComment(db, input.commentId);
  if (!comment || comment.consultation_id !== consultationId) throw notFound("That comment");
  if (comment.parent_id !== null) throw new AppError("invalid_input", "Respond to the comment that starts the thread, not to a reply.");
  if (comment.status === "deleted") throw new AppError("conflict", "Its author deleted that comment.");
  const earlier = input.keepLinks ? await findCurrentDisposition(db, comment.id) : undefined;
  const ids = earlier ? (JSON.parse(earlier.change_set_ids) as string[]) : [...new Set(input.changeSetIds)];
  const version = await resolveLinks(db, consultationId, ids, input.versionNumber);
  const row: DispositionRow = {
    id: newId(),
    consultation_id: consultationId,
    section_id: comment.section_id,
    comment_id: comment.id,
    outcome: input.outcome,
    response: input.response,
    change_set_ids: JSON.stringify(ids),
    version_id: earlier ? earlier.version_id : (version?.id ?? null),
    decided_by: decidedBy,
    created_at: decidedAt,
    superseded_at: null,
    group_response_id: null,
  };
  return { row, comment };
}

/** Writes a prepared disposition and its ledger entry in the caller's transaction. */
export async function writeDisposition(tx: Executor, dialect: Dialect, { row, comment }: PreparedDisposition): Promise<void> {
  const earlier = await findCurrentDisposition(tx, row.comment_id);
  await insertDisposition(tx, row);
  // The search index holds the current response only, and only to a comment the public reads.
  await refreshCommentDocs(tx, [row.comment_id]);
  await appendLedger(tx, dialect, dispositionEvent(row, comment, earlier?.id ?? null));
}

/**
 * The ledger entry of a disposition. A member's share of a group response names
 * it (`groupResponseId`), so the verifier can count a group's answers.
 */
export function dispositionEvent(row: DispositionRow, comment: CommentRow, supersedes: string | null): LedgerEvent {
  const salt = newSalt();
  return {
    kind: "disposition",
    consultationId: row.consultation_id,
    sectionId: row.section_id,
    subjectId: row.id,
    createdAt: row.created_at,
    salt,
    payload: {
      commentId: comment.id,
      commentKind: comment.kind,
      commentDigest: saltedDigest(salt, comment.body),
      outcome: row.outcome,
      // A response to a confidential submission may quote it: published only as a digest.
      ...(comment.visibility === "confidential"
        ? { response: null, responseSha256: null, responseDigest: saltedDigest(salt, row.response) }
        : { response: row.response, responseSha256: sha256Hex(row.response) }),
      // The response this one replaces: the public can follow every answer a comment was given.
      supersedes,
      changeSetIds: JSON.parse(row.change_set_ids) as string[],
      versionId: row.version_id,
      decidedBy: row.decided_by,
      ...(row.group_response_id ? { groupResponseId: row.group_response_id } : {}),
    },
  };
}
