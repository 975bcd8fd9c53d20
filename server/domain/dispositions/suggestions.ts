import type { Db, Dialect, Executor } from "../../../db/client.js";
import { findComment, updateSuggestionDecision } from "../../../db/queries/comment.js";
import type { CommentRow } from "../../../db/schema.js";
import { AppError } from "../../errors.js";
import { nowIso } from "../../ids.js";
import { appendLedger } from "../../ledger/append.js";
import type { MailService } from "../../mail/index.js";
import { notifySuggestionDecision } from "../notifications/index.js";
import { prepareDisposition, writeDisposition } from "./record.js";

/** The response recorded with an accepted suggestion; the team may replace it with a fuller one. */
const ACCEPTED_RESPONSE = "Accepted as suggested.";

/**
 * Records that a suggestion was declined: its status, the ledger entry and the
 * matching disposition, in one transaction. The caller has checked that the
 * user may decide on suggestions.
 */
export async function recordDeclinedSuggestion(db: Db, decidedBy: string, suggestion: CommentRow, reason: string, mail?: MailService): Promise<void> {
  const at = nowIso();
  const prepared = await prepareDisposition(db.kysely, suggestion.consultation_id, decidedBy, { commentId: suggestion.id, outcome: "not_adopted", response: reason, changeSetIds: [] }, at);
  await db.kysely.transaction().execute(async (tx) => {
    const changed = await updateSuggestionDecision(tx, suggestion.id, { status: "declined", by: decidedBy, at, reason, appliedSeq: null });
    if (!changed) throw new AppError("conflict", "Someone decided on that suggestion a moment ago.");
    await appendLedger(tx, db.dialect, {
      kind: "suggestion_decision",
      consultationId: suggestion.consultation_id,
      sectionId: suggestion.section_id,
      subjectId: suggestion.id,
      createdAt: at,
      payload: { decision: "declined", reason, decidedBy },
    });
    await writeDisposition(tx, db.dialect, prepared);
    if (mail) await notifySuggestionDecision(tx, mail, suggestion, "declined", decidedBy);
  });
}

/**
 * Records that a suggestion was applied to the text, in the transaction that
 * writes the change set applying it (the fold): its status, the ledger entry
 * naming that change set, and the matching disposition all land with the
 * change itself or not at all, with the notification of its author (when
 * `mail` is given; the caller kicks it). Does nothing if the suggestion is no longer open.
 */
export async function recordAcceptedSuggestion(
  tx: Executor,
  dialect: Dialect,
  accepted: { suggestionId: string; changeSetId: string; decidedBy: string; at: string; appliedSeq: number },
  mail?: MailService,
): Promise<boolean> {
  const suggestion = await findComment(tx, accepted.suggestionId);
  if (!suggestion || suggestion.kind !== "suggestion" || suggestion.suggestion_status !== "open") return false;
  const prepared = await prepareDisposition(
    tx,
    suggestion.consultation_id,
    accepted.decidedBy,
    { commentId: suggestion.id, outcome: "adopted", response: ACCEPTED_RESPONSE, changeSetIds: [accepted.changeSetId] },
    accepted.at,
  );
  await updateSuggestionDecision(tx, suggestion.id, { status: "accepted", by: accepted.decidedBy, at: accepted.at, reason: null, appliedSeq: accepted.appliedSeq });
  await appendLedger(tx, dialect, {
    kind: "suggestion_decision",
    consultationId: suggestion.consultation_id,
    sectionId: suggestion.section_id,
    subjectId: suggestion.id,
    createdAt: accepted.at,
    payload: { decision: "accepted", changeSetId: accepted.changeSetId, decidedBy: accepted.decidedBy },
  });
  await writeDisposition(tx, dialect, prepared);
  if (mail) await notifySuggestionDecision(tx, mail, suggestion, "accepted", accepted.decidedBy);
  return true;
}
