import type { Db } from "../../../db/client.js";
import { countOwners, deleteMember, findMemberRole, listMembers, upsertMember } from "../../../db/queries/consultation.js";
import { findUserByEmail, type UserProfile } from "../../../db/queries/user.js";
import type { ConsultationView } from "../../auth/access.js";
import { AppError, forbidden, notFound } from "../../errors.js";
import { nowIso } from "../../ids.js";

export async function members(db: Db, view: ConsultationView) {
  if (!view.may("consultation.manageMembers")) throw forbidden();
  return listMembers(db.kysely, view.consultation.id);
}

/** Adds an existing account to the team as drafter or moderator. */
export async function inviteMember(db: Db, view: ConsultationView, email: string, role: "drafter" | "moderator"): Promise<UserProfile> {
  if (!view.may("consultation.manageMembers")) throw forbidden();
  const user = await findUserByEmail(db.kysely, email);
  if (!user) {
    throw new AppError("not_found", "No account uses that email.", {
      fieldErrors: { email: ["No account uses that email. Ask them to sign up first, then invite them."] },
    });
  }
  const current = await findMemberRole(db.kysely, view.consultation.id, user.id);
  if (current === "owner") {
    throw new AppError("conflict", "That person is an owner already.", { fieldErrors: { email: ["That person is an owner already."] } });
  }
  await upsertMember(db.kysely, { consultation_id: view.consultation.id, user_id: user.id, role, created_at: nowIso() });
  return user;
}

export async function removeMember(db: Db, view: ConsultationView, userId: string): Promise<void> {
  if (!view.may("consultation.manageMembers")) throw forbidden();
  const role = await findMemberRole(db.kysely, view.consultation.id, userId);
  if (!role) throw notFound("That member");
  if (role === "owner" && (await countOwners(db.kysely, view.consultation.id)) <= 1) {
    throw new AppError("conflict", "A consultation needs at least one owner.");
  }
  await deleteMember(db.kysely, view.consultation.id, userId);
}

