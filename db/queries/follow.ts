import type { Executor } from "../client.js";
import type { FollowTarget } from "../schema.js";

/** Follows a target; following twice is the same as once. */
export async function insertFollow(db: Executor, row: { user_id: string; target_kind: FollowTarget; target_id: string; created_at: string }): Promise<void> {
  await db
    .insertInto("follow")
    .values(row)
    .onConflict((oc) => oc.columns(["user_id", "target_kind", "target_id"]).doNothing())
    .execute();
}

export async function deleteFollow(db: Executor, userId: string, kind: FollowTarget, targetId: string): Promise<void> {
  await db.deleteFrom("follow").where("user_id", "=", userId).where("target_kind", "=", kind).where("target_id", "=", targetId).execute();
}

export async function isFollowing(db: Executor, userId: string, kind: FollowTarget, targetId: string): Promise<boolean> {
  const row = await db
    .selectFrom("follow")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("target_kind", "=", kind)
    .where("target_id", "=", targetId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Who follows any of these targets of one kind. */
export async function listFollowerIds(db: Executor, kind: FollowTarget, targetIds: readonly string[]): Promise<string[]> {
  if (targetIds.length === 0) return [];
  const rows = await db
    .selectFrom("follow")
    .select("user_id")
    .distinct()
    .where("target_kind", "=", kind)
    .where("target_id", "in", [...new Set(targetIds)])
    .execute();
  return rows.map((r) => r.user_id);
}

/** The consultations one person follows, with what their pages need; newest follow first. */
export async function listFollowedConsultations(db: Executor, userId: string) {
  return db
    .selectFrom("follow")
    .innerJoin("consultation", "consultation.id", "follow.target_id")
    .select(["consultation.id", "consultation.slug", "consultation.title", "consultation.status", "consultation.content_language", "follow.created_at"])
    .where("follow.user_id", "=", userId)
    .where("follow.target_kind", "=", "consultation")
    .orderBy("follow.created_at", "desc")
    .execute();
}

/** The sections one person follows, with their consultation; newest follow first. */
export async function listFollowedSections(db: Executor, userId: string) {
  return db
    .selectFrom("follow")
    .innerJoin("section", "section.id", "follow.target_id")
    .innerJoin("consultation", "consultation.id", "section.consultation_id")
    .select([
      "section.id",
      "section.title",
      "consultation.id as consultation_id",
      "consultation.slug",
      "consultation.title as consultation_title",
      "consultation.status",
      "consultation.content_language",
      "follow.created_at",
    ])
    .where("follow.user_id", "=", userId)
    .where("follow.target_kind", "=", "section")
    .orderBy("follow.created_at", "desc")
    .execute();
}

/** The organisations whose requests one person follows; newest follow first. */
export async function listFollowedOrganisations(db: Executor, userId: string) {
  return db
    .selectFrom("follow")
    .innerJoin("organisation", "organisation.id", "follow.target_id")
    .select(["organisation.id", "organisation.slug", "organisation.name", "follow.created_at"])
    .where("follow.user_id", "=", userId)
    .where("follow.target_kind", "=", "organisation_requests")
    .orderBy("follow.created_at", "desc")
    .execute();
}

/** The team of a consultation (site admins see every draft too): who may still see a draft. */
export async function listDraftViewerIds(db: Executor, consultationId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const ids = [...new Set(userIds)];
  const members = await db.selectFrom("consultation_member").select("user_id").where("consultation_id", "=", consultationId).where("user_id", "in", ids).execute();
  const admins = await db.selectFrom("user").select("id").where("site_role", "=", "admin").where("id", "in", ids).execute();
  return [...new Set([...members.map((m) => m.user_id), ...admins.map((a) => a.id)])];
}

/** Records that the sweep handled an event; false when it already was (by this node or another). */
export async function insertSweepMarkOnce(db: Executor, eventKey: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto("notify_sweep")
    .values({ event_key: eventKey, created_at: at })
    .onConflict((oc) => oc.column("event_key").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function hasSweepMark(db: Executor, eventKey: string): Promise<boolean> {
  return (await db.selectFrom("notify_sweep").select("event_key").where("event_key", "=", eventKey).executeTakeFirst()) !== undefined;
}

/** Open consultations with a comment window in time: the ones whose phase can change without a write. */
export async function listTimedOpenConsultations(db: Executor) {
  return db
    .selectFrom("consultation")
    .selectAll()
    .where("status", "=", "open")
    .where((eb) => eb.or([eb("opens_at", "is not", null), eb("closes_at", "is not", null)]))
    .execute();
}

/** The latest change of a consultation's status to open, if any: the start of its current comment window. */
export async function findLatestOpening(db: Executor, consultationId: string) {
  return db
    .selectFrom("phase_change")
    .select(["id", "created_at"])
    .where("consultation_id", "=", consultationId)
    .where("to_status", "=", "open")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/** The members of these organisations. */
export async function listOrganisationMemberIds(db: Executor, organisationIds: readonly string[]): Promise<{ user_id: string; organisation_id: string }[]> {
  if (organisationIds.length === 0) return [];
  return db.selectFrom("organisation_member").select(["user_id", "organisation_id"]).where("organisation_id", "in", [...new Set(organisationIds)]).execute();
}

/** Issued requests whose deadline falls in (after, until]. */
export async function listRequestsDueBetween(db: Executor, after: string, until: string) {
  return db
    .selectFrom("info_request")
    .select(["id", "slug", "title", "deadline", "time_zone", "content_language"])
    .where("status", "=", "issued")
    .where("deadline", ">", after)
    .where("deadline", "<=", until)
    .execute();
}

/** The organisations a request is addressed to, with whether each already answered or declined. */
export async function listAddressedOrganisations(db: Executor, requestId: string) {
  return db
    .selectFrom("info_request_invitation")
    .innerJoin("organisation", "organisation.id", "info_request_invitation.organisation_id")
    .leftJoin("info_response", (j) => j.onRef("info_response.request_id", "=", "info_request_invitation.request_id").onRef("info_response.organisation_id", "=", "organisation.id"))
    .select(["organisation.id", "organisation.name", "info_response.status as response_status"])
    .where("info_request_invitation.request_id", "=", requestId)
    .execute();
}

/** Whether an organisation may be followed by anyone: verified, or asked by an issued request (both public). */
export async function isOrganisationPublic(db: Executor, organisationId: string): Promise<boolean> {
  const org = await db.selectFrom("organisation").select("verified_at").where("id", "=", organisationId).executeTakeFirst();
  if (!org) return false;
  if (org.verified_at) return true;
  const asked = await db
    .selectFrom("info_request_invitation")
    .innerJoin("info_request", "info_request.id", "info_request_invitation.request_id")
    .select("info_request.id")
    .where("info_request_invitation.organisation_id", "=", organisationId)
    .where("info_request.status", "=", "issued")
    .executeTakeFirst();
  return asked !== undefined;
}

/** The number of a consultation's latest public version, or null. */
export async function findMaxPublicVersionNumber(db: Executor, consultationId: string): Promise<number | null> {
  const row = await db.selectFrom("version").select((eb) => eb.fn.max("number").as("n")).where("consultation_id", "=", consultationId).where("public", "=", 1).executeTakeFirst();
  return row?.n === null || row?.n === undefined ? null : Number(row.n);
}

export async function findOrganisationSummary(db: Executor, id: string) {
  return db.selectFrom("organisation").select(["id", "slug", "name"]).where("id", "=", id).executeTakeFirst();
}
