import * as Y from "yjs";
import { findComment, toggleReaction } from "../../../db/queries/comment.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { CommentRow, SectionRow } from "../../../db/schema.js";
import { mayOnComment, type ConsultationView } from "../../auth/access.js";
import { AppError, forbidden, notFound, unauthenticated } from "../../errors.js";
import { nowIso } from "../../ids.js";
import { recordDeclinedSuggestion } from "../dispositions/index.js";
import { actingUser, type CommentDeps } from "./deps.js";

/** The suggestion itself, open, in this section and readable by the viewer; anything else is refused clearly. */
async function openSuggestion(deps: CommentDeps, view: ConsultationView, section: SectionRow, id: string): Promise<CommentRow> {
  const c = await findComment(deps.db.kysely, id);
  if (!c || c.section_id !== section.id || c.kind !== "suggestion" || c.parent_id || !mayOnComment(view, "comment.view", c)) throw notFound("That suggestion");
  if (c.status !== "published") throw new AppError("conflict", "Only published suggestions can be decided.");
  if (c.suggestion_status !== "open") throw new AppError("conflict", `That suggestion was ${c.suggestion_status} already.`);
  return c;
}

/**
 * Applies a suggested amendment to the live text as the drafter's change,
 * crediting the proposer. The decision, its ledger entry and the response are
 * written in the same transaction as the change set that applies it (see
 * recordAcceptedSuggestion). Returns the change's sequence number.
 */
export async function acceptSuggestion(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null, id: string): Promise<number> {
  if (!user) throw unauthenticated();
  if (!view.may("section.edit") || !view.may("comment.respond")) throw forbidden("Only the drafting team can accept suggestions while the text can be edited.");
  const c = await openSuggestion(deps, view, section, id);
  if (!mayOnComment(view, "comment.respond", c)) throw forbidden("Only the recipients of a confidential suggestion can decide it.");
  if (!c.anchor_start || !c.anchor_end) throw new AppError("conflict", "This suggestion has no passage to change.");
  const replacement = c.replacement ?? "";
  const edit = (doc: Y.Doc) => {
    const start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(c.anchor_start!), doc);
    const end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(c.anchor_end!), doc);
    if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText) || end.index <= start.index) {
      throw new AppError("conflict", "The passage has changed since this was suggested; apply it by hand in the editor.");
    }
    const text = start.type;
    const current = plain(text).slice(start.index, end.index);
    if (current !== c.quote_exact) {
      throw new AppError("conflict", "The passage has changed since this was suggested; apply it by hand in the editor.");
    }
    text.delete(start.index, end.index - start.index);
    if (replacement) text.insert(start.index, replacement);
  };
  const seq = await deps.collab.applyEdit({ sectionId: section.id, consultationId: view.consultation.id, author: user.id, credit: [c.author_id], suggestionId: c.id, edit });
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
  return seq;
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert?: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
}

/** Declines a suggestion with a reason: status, ledger entry and response in one transaction. */
export async function declineSuggestion(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null, id: string, reason: string): Promise<void> {
  if (!user) throw unauthenticated();
  if (!view.may("comment.respond")) throw forbidden("Only the drafting team can decline suggestions.");
  const c = await openSuggestion(deps, view, section, id);
  if (!mayOnComment(view, "comment.respond", c)) throw forbidden("Only the recipients of a confidential suggestion can decide it.");
  await recordDeclinedSuggestion(deps.db, user.id, c, reason, deps.mail);
  deps.mail?.kick();
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
}

/** Endorse or oppose a suggestion; the same choice again withdraws it. */
export async function reactToSuggestion(deps: CommentDeps, view: ConsultationView, section: SectionRow, user: UserProfile | null, id: string, kind: "endorse" | "oppose"): Promise<void> {
  const who = actingUser(view, user);
  const c = await openSuggestion(deps, view, section, id);
  if (c.author_id === who.id) throw new AppError("conflict", "You cannot endorse or oppose your own suggestion.");
  await toggleReaction(deps.db.kysely, c.id, who.id, kind, nowIso());
  deps.bus.publish({ type: "section.activity", sectionId: section.id });
}
