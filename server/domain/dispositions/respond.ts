import type { Db } from "../../../db/client.js";
import { findComment } from "../../../db/queries/comment.js";
import { listCurrentDispositions, listUnansweredComments } from "../../../db/queries/history.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { CommentRow, DispositionRow } from "../../../db/schema.js";
import { mayOnComment, readsConfidentialOf, type ConsultationView } from "../../auth/access.js";
import type { Bus } from "../../bus/bus.js";
import { forbidden, notFound, unauthenticated } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import type { MailService } from "../../mail/index.js";
import { notifyResponse } from "../notifications/index.js";
import { prepareDisposition, writeDisposition, type DispositionInput } from "./record.js";

export interface DispositionDeps {
  db: Db;
  bus: Bus;
  /** Notifies each comment's author of the response; absent for the demo seed, which notifies no one. */
  mail?: MailService;
}

/**
 * Records the drafting team's answer to a comment or suggestion, superseding
 * any earlier one, and puts it in the ledger. The comment's own words are in
 * the ledger only as a salted digest (it may be confidential, or hidden later).
 */
export async function recordDisposition(deps: DispositionDeps, view: ConsultationView, user: UserProfile | null, input: DispositionInput, decidedAt: string = nowIso()): Promise<string> {
  if (!user) throw unauthenticated();
  if (!view.may("comment.respond") && !readsConfidentialOf(view)) throw forbidden("Only the drafting team can respond to comments.");
  const { db } = deps;
  const prepared = await prepareDisposition(db.kysely, view.consultation.id, user.id, input, decidedAt);
  // A confidential submission is answered by its recipients; to anyone else it does not exist.
  if (!mayOnComment(view, "comment.view", prepared.comment)) throw notFound("That comment");
  if (!mayOnComment(view, "comment.respond", prepared.comment)) throw forbidden("Only the drafting team can respond to comments.");
  await db.kysely.transaction().execute(async (tx) => {
    await writeDisposition(tx, db.dialect, prepared);
    if (deps.mail) await notifyResponse(tx, deps.mail, prepared.comment, { id: prepared.row.id, outcome: prepared.row.outcome, decidedBy: user.id });
  });
  deps.mail?.kick();
  deps.bus.publish({ type: "section.activity", sectionId: prepared.comment.section_id });
  return prepared.row.id;
}

/**
 * Answers every comment still without a response as "Noted", with one reason,
 * in one transaction (each with its ledger entry): what lets a team finalise
 * without leaving anyone unanswered. Returns how many were answered.
 */
export async function respondNotedToUnanswered(deps: DispositionDeps, view: ConsultationView, user: UserProfile | null, reason: string): Promise<number> {
  if (!user) throw unauthenticated();
  if (!view.may("comment.respond") && !readsConfidentialOf(view)) throw forbidden("Only the drafting team can respond to comments.");
  const { db } = deps;
  const at = nowIso();
  const sections = new Set<string>();
  const n = await db.kysely.transaction().execute(async (tx) => {
    // Each answered only by whoever may answer it: confidential ones by their recipients alone.
    const open: CommentRow[] = [];
    for (const u of await listUnansweredComments(tx, view.consultation.id)) {
      const comment = await findComment(tx, u.id);
      if (comment && mayOnComment(view, "comment.respond", comment)) open.push(comment);
    }
    for (const comment of open) {
      sections.add(comment.section_id);
      const id = newId();
      await writeDisposition(tx, db.dialect, { comment, row: {
        id,
        consultation_id: view.consultation.id,
        section_id: comment.section_id,
        comment_id: comment.id,
        outcome: "noted",
        response: reason,
        change_set_ids: "[]",
        version_id: null,
        decided_by: user.id,
        created_at: at,
        superseded_at: null,
    group_response_id: null,
      } });
      if (deps.mail) await notifyResponse(tx, deps.mail, comment, { id, outcome: "noted", decidedBy: user.id });
    }
    return open.length;
  });
  deps.mail?.kick();
  for (const sectionId of sections) deps.bus.publish({ type: "section.activity", sectionId });
  return n;
}

export async function currentDispositions(db: Db, consultationId: string): Promise<Map<string, DispositionRow>> {
  return listCurrentDispositions(db.kysely, consultationId);
}
