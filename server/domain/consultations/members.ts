import type { Db, Dialect, Executor } from "../../../db/client.js";
import { countOwners, deleteMember, findMemberRole, listMembers, upsertMember } from "../../../db/queries/consultation.js";
import { revokeOpenInvitationsSentBy } from "../../../db/queries/invitation.js";
import type { ConsultationView } from "../../auth/access.js";
import { AppError, forbidden, notFound } from "../../errors.js";
import type { ConsultationRole } from "../../../db/schema.js";
import { nowIso } from "../../ids.js";
import { appendLedger, chainFor } from "../../ledger/append.js";
import { membershipEvent } from "../../ledger/settings.js";

export async function members(db: Db, view: ConsultationView) {
  if (!view.may("consultation.manageMembers")) throw forbidden();
  return listMembers(db.kysely, view.consultation.id);
}

export async function removeMember(db: Db, view: ConsultationView, userId: string): Promise<void> {
  if (!view.may("consultation.manageMembers")) throw forbidden();
  await db.kysely.transaction().execute(async (tx) => {
    await chainFor(tx, db.dialect, view.consultation.id);
    const role = await findMemberRole(tx, view.consultation.id, userId);
    if (!role) throw notFound("That member");
    if (role === "owner" && (await countOwners(tx, view.consultation.id)) <= 1) {
      throw new AppError("conflict", "A consultation needs at least one owner.");
    }
    await setMemberRole(tx, db.dialect, view.consultation.id, userId, role, null, nowIso());
  });
}

/**
 * Adds, changes or removes (`to` null) a member and records it in the ledger
 * in the caller's transaction. Giving someone the role they have records nothing.
 * An owner who stops being one (another role, or removed) takes back the team
 * invitations they sent and nobody has accepted yet.
 */
export async function setMemberRole(tx: Executor, dialect: Dialect, consultationId: string, userId: string, from: ConsultationRole | null, to: ConsultationRole | null, at: string): Promise<void> {
  if (from === to) return;
  if (to === null) await deleteMember(tx, consultationId, userId);
  else await upsertMember(tx, { consultation_id: consultationId, user_id: userId, role: to, created_at: at });
  await appendLedger(tx, dialect, membershipEvent(consultationId, userId, from, to, at));
  if (from === "owner") await revokeOpenInvitationsSentBy(tx, userId, at, { kind: "team", consultationId });
}

