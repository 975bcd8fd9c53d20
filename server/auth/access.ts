// Who may see which consultation and section: the loaders every route, the API
// and the collaboration server start from. The rules themselves are in policy.ts;
// this module only fetches what they need and turns "may not see" into not found.
// By the naming rule (ADR 013), require* throws and never returns null.
import type { Db } from "../../db/client.js";
import { findConsultationById, findConsultationBySlug, findMemberRole } from "../../db/queries/consultation.js";
import { readsConfidential } from "../../db/queries/consultation-recipient.js";
import { findSectionById } from "../../db/queries/section.js";
import type { UserProfile } from "../../db/queries/user.js";
import type { CommentRow, ConsultationRole, ConsultationRow, SectionRow } from "../../db/schema.js";
import { forbidden, isAppError, notFound, unauthenticated } from "../errors.js";
import { can, onceConfirmed, type Action, type Actor, type ConsultationResource } from "./policy.js";
import { canOnRequest, type RequestRelation } from "./request-policy.js";

/** A consultation as seen by one actor: the row, the actor's role in it and what they may do. */
export interface ConsultationView {
  consultation: ConsultationRow;
  role: ConsultationRole | null;
  actor: Actor;
  may: (action: Action) => boolean;
}

export function resourceOf(c: ConsultationRow): ConsultationResource {
  return { status: c.status, opensAt: c.opens_at, closesAt: c.closes_at };
}

export function actorFor(user: UserProfile | null, role: ConsultationRole | null, readsConfidential?: boolean): Actor {
  if (!user) return { kind: "anonymous" };
  return {
    kind: "user",
    userId: user.id,
    siteRole: user.site_role,
    role,
    ...(readsConfidential !== undefined ? { readsConfidential } : {}),
    ...(user.mustVerify ? { mustVerify: user.email } : {}),
  };
}

/**
 * Loads a consultation for a viewer. Not visible reads as not found, so an
 * outsider cannot tell a private draft from a missing one.
 */
export async function requireConsultation(db: Db, slug: string, user: UserProfile | null): Promise<ConsultationView> {
  return requireFound(db, await findConsultationBySlug(db.kysely, slug), user);
}

async function requireFound(db: Db, consultation: ConsultationRow | undefined, user: UserProfile | null): Promise<ConsultationView> {
  if (!consultation) throw notFound("That consultation");
  const role = user ? ((await findMemberRole(db.kysely, consultation.id, user.id)) ?? null) : null;
  const reader = user ? await readsConfidential(db.kysely, consultation.id, user.id, role) : false;
  const actor = actorFor(user, role, reader);
  const resource = resourceOf(consultation);
  const may = (action: Action) => can(actor, action, resource);
  if (!may("consultation.view")) throw notFound("That consultation");
  return { consultation, role, actor, may };
}

/** Like requireConsultation, but the actor must also be allowed `action` (403 if visible, 401 if anonymous). */
export async function requireConsultationAction(
  db: Db,
  slug: string,
  user: UserProfile | null,
  action: Action,
): Promise<ConsultationView> {
  const view = await requireConsultation(db, slug, user);
  if (!view.may(action)) throw user ? forbidden() : unauthenticated();
  return view;
}

/** A section of a visible consultation; a section id from another consultation is not found. */
export async function requireSection(db: Db, view: ConsultationView, sectionId: string): Promise<SectionRow> {
  const section = await findSectionById(db.kysely, sectionId);
  if (!section || section.consultation_id !== view.consultation.id || !view.may("section.view")) {
    throw notFound("That section");
  }
  return section;
}

/** A section by id alone (for the API and the collaboration server), with the consultation it belongs to. */
export async function requireSectionById(
  db: Db,
  sectionId: string,
  user: UserProfile | null,
): Promise<{ view: ConsultationView; section: SectionRow }> {
  const section = await findSectionById(db.kysely, sectionId);
  if (!section) throw notFound("That section");
  const view = await requireFound(db, await findConsultationById(db.kysely, section.consultation_id), user).catch((e) => {
    throw isAppError(e) && e.code === "not_found" ? notFound("That section") : e;
  });
  if (!view.may("section.view")) throw notFound("That section");
  return { view, section };
}

/** Whether the viewer may take `action` on this comment: a confidential one belongs to its recipients and its submitter (ADR 019). */
export function mayOnComment(view: ConsultationView, action: Action, c: Pick<CommentRow, "status" | "visibility" | "author_id">): boolean {
  return can(view.actor, action, { ...resourceOf(view.consultation), comment: { status: c.status, visibility: c.visibility, authorId: c.author_id } });
}

/** Whether the viewer reads the consultation's confidential submissions (ADR 019): not the same as being on its team. */
export function readsConfidentialOf(view: ConsultationView): boolean {
  return view.actor.kind === "user" && view.actor.readsConfidential === true;
}

/** Whether the viewer is on the consultation's team (moderates, responds or manages). */
export function isTeam(view: ConsultationView): boolean {
  return view.may("comment.moderate") || view.may("comment.respond") || view.may("consultation.manage");
}

/**
 * Whether the viewer could take `action` once their address is confirmed: the page then
 * offers the form (so nothing typed is lost), and the submission is refused with the
 * address and a new link until it is confirmed.
 */
export function mayOnceConfirmed(view: ConsultationView, action: Action): boolean {
  return view.may(action) || can(onceConfirmed(view.actor), action, resourceOf(view.consultation));
}

/** Like mayOnceConfirmed, for answering an information request. */
export function mayRespondOnceConfirmed(actor: Actor, relation: RequestRelation): boolean {
  return canOnRequest(onceConfirmed(actor), "request.respond", relation);
}
