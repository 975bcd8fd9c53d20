// What the consultation pages show of its activity over time. Each function
// takes the viewer's ConsultationView, so it can only be asked about a
// consultation the viewer may see, and decides itself what that viewer gets.
import type { Db } from "../../db/client.js";
import { listChangeSets, type ChangeSetSummary } from "../../db/queries/collab.js";
import { countPublicCommentsByDay, countPublicCommentsBySection, listConsultationChanges } from "../../db/queries/history.js";
import { requireSection, type ConsultationView } from "../auth/access.js";
import { forbidden } from "../errors.js";

/** Published public comments per day: public to anyone who may see the consultation. */
export async function publicCommentsByDay(db: Db, view: ConsultationView): Promise<{ day: string; n: number }[]> {
  return countPublicCommentsByDay(db.kysely, view.consultation.id);
}

/** Published public comments per section (sections without any are absent): public like the timeline. */
export async function publicCommentsBySection(db: Db, view: ConsultationView): Promise<Map<string, number>> {
  return countPublicCommentsBySection(db.kysely, view.consultation.id);
}

/** The consultation's changes, newest first; only the team sees the drafting ones. */
export async function consultationChanges(db: Db, view: ConsultationView, page: { limit: number; before?: string }) {
  return listConsultationChanges(db.kysely, view.consultation.id, { ...page, publicOnly: !view.may("history.viewDrafting") });
}

/** A section's latest changes, for the team to link a response to (drafting ones included). */
export async function linkableChanges(db: Db, view: ConsultationView, sectionId: string, limit: number): Promise<ChangeSetSummary[]> {
  if (!view.may("comment.respond")) throw forbidden();
  await requireSection(db, view, sectionId);
  return listChangeSets(db.kysely, sectionId, { limit });
}
