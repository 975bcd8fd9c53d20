import type { ExpressionBuilder, Insertable, Selectable } from "kysely";
import type { Executor } from "../client.js";
import type { Database, InvitationTable } from "../schema.js";

export type InvitationRow = Selectable<InvitationTable>;
export type NewInvitationRow = Insertable<InvitationTable>;

/** Where an invitation leads: a consultation's team or an organisation. */
export type InvitationTargetRef = { kind: "team"; consultationId: string } | { kind: "organisation"; organisationId: string };

const COLUMNS = [
  "id",
  "email",
  "target_kind",
  "consultation_id",
  "role",
  "organisation_id",
  "secret_hash",
  "invited_by",
  "locale",
  "created_at",
  "expires_at",
  "accepted_at",
  "accepted_by",
  "revoked_at",
] as const;

export async function insertInvitation(db: Executor, row: NewInvitationRow): Promise<void> {
  await db.insertInto("invitation").values(row).execute();
}

export async function findInvitationById(db: Executor, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitation").select(COLUMNS).where("id", "=", id).executeTakeFirst();
}

/** The rows of one target, as a `where` condition. */
function targetIs(target: InvitationTargetRef) {
  return (eb: ExpressionBuilder<Database, "invitation">) =>
    target.kind === "team"
      ? eb.and([eb("target_kind", "=", "team"), eb("consultation_id", "=", target.consultationId)])
      : eb.and([eb("target_kind", "=", "organisation"), eb("organisation_id", "=", target.organisationId)]);
}

/** The invitations to one team or organisation that were neither accepted nor revoked (expired ones included), newest first. */
export async function listOpenInvitations(db: Executor, target: InvitationTargetRef): Promise<InvitationRow[]> {
  return db
    .selectFrom("invitation")
    .select(COLUMNS)
    .where(targetIs(target))
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}

/** Revokes the open invitations of one address to one target (a new invitation replaces them). */
export async function revokeOpenInvitationsOf(db: Executor, target: InvitationTargetRef, email: string, at: string): Promise<void> {
  await db.updateTable("invitation").set({ revoked_at: at }).where(targetIs(target)).where("email", "=", email).where("accepted_at", "is", null).where("revoked_at", "is", null).execute();
}

/** Revokes one open invitation of the target; false when there is none by that id. */
export async function revokeInvitation(db: Executor, target: InvitationTargetRef, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable("invitation").set({ revoked_at: at }).where("id", "=", id).where(targetIs(target)).where("accepted_at", "is", null).where("revoked_at", "is", null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A new secret and expiry for an open invitation of the target (the old link stops working); false when there is none. */
export async function renewInvitation(db: Executor, target: InvitationTargetRef, id: string, secretHash: string, expiresAt: string): Promise<boolean> {
  const r = await db
    .updateTable("invitation")
    .set({ secret_hash: secretHash, expires_at: expiresAt })
    .where("id", "=", id)
    .where(targetIs(target))
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Marks an invitation accepted, only while it is still usable (not accepted, not revoked,
 * not expired, the same secret): of two acceptances racing, exactly one succeeds.
 */
export async function markInvitationAccepted(db: Executor, id: string, secretHash: string, userId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable("invitation")
    .set({ accepted_at: at, accepted_by: userId })
    .where("id", "=", id)
    .where("secret_hash", "=", secretHash)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Revokes the open invitations someone sent (to one target, or to any): when they stop being
 * the team's owner or the organisation's representative, or delete their account, what they
 * offered stops with them.
 */
export async function revokeOpenInvitationsSentBy(db: Executor, userId: string, at: string, target?: InvitationTargetRef): Promise<void> {
  let q = db.updateTable("invitation").set({ revoked_at: at }).where("invited_by", "=", userId).where("accepted_at", "is", null).where("revoked_at", "is", null);
  if (target) q = q.where(targetIs(target));
  await q.execute();
}

/** A deleted account's address leaves the invitations sent to it, and the open ones are revoked. */
export async function forgetInvitedAddress(db: Executor, email: string, placeholder: string, at: string): Promise<void> {
  await db.updateTable("invitation").set({ revoked_at: at }).where("email", "=", email).where("accepted_at", "is", null).where("revoked_at", "is", null).execute();
  await db.updateTable("invitation").set({ email: placeholder }).where("email", "=", email).execute();
}
