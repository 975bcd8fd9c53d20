import type { Executor } from "../client.js";
import type { InfoRequestQuestionRow, InfoRequestRow, OrganisationKind, RecipientBodyRow } from "../schema.js";

// Recipient bodies.

export async function insertRecipientBody(db: Executor, row: RecipientBodyRow): Promise<void> {
  await db.insertInto("recipient_body").values(row).execute();
}

export async function findRecipientBodyBySlug(db: Executor, slug: string): Promise<RecipientBodyRow | undefined> {
  return db.selectFrom("recipient_body").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function listRecipientBodyRows(db: Executor): Promise<RecipientBodyRow[]> {
  return db.selectFrom("recipient_body").selectAll().orderBy("name").orderBy("id").execute();
}

export interface BodyMemberWithUser {
  body_id: string;
  user_id: string;
  added_at: string;
  display_name: string;
}

/** The members of these bodies (all bodies when `bodyIds` is omitted), with their public names. */
export async function listBodyMembers(db: Executor, bodyIds?: readonly string[]): Promise<BodyMemberWithUser[]> {
  if (bodyIds && bodyIds.length === 0) return [];
  let q = db
    .selectFrom("recipient_body_member")
    .innerJoin("user", "user.id", "recipient_body_member.user_id")
    .select(["recipient_body_member.body_id", "recipient_body_member.user_id", "recipient_body_member.added_at", "user.display_name"])
    .orderBy("user.display_name")
    .orderBy("recipient_body_member.user_id");
  if (bodyIds) q = q.where("recipient_body_member.body_id", "in", [...bodyIds]);
  return q.execute();
}

export async function insertBodyMember(db: Executor, row: { body_id: string; user_id: string; added_at: string }): Promise<void> {
  await db.insertInto("recipient_body_member").values(row).execute();
}

export async function deleteBodyMember(db: Executor, bodyId: string, userId: string): Promise<number> {
  const r = await db.deleteFrom("recipient_body_member").where("body_id", "=", bodyId).where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// Requests.

export async function insertRequest(db: Executor, row: InfoRequestRow): Promise<void> {
  await db.insertInto("info_request").values(row).execute();
}

export async function findRequestBySlug(db: Executor, slug: string): Promise<InfoRequestRow | undefined> {
  return db.selectFrom("info_request").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function findRequestById(db: Executor, id: string): Promise<InfoRequestRow | undefined> {
  return db.selectFrom("info_request").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateRequest(db: Executor, id: string, set: Partial<Omit<InfoRequestRow, "id">>): Promise<void> {
  await db.updateTable("info_request").set(set).where("id", "=", id).execute();
}

export async function listQuestions(db: Executor, requestId: string): Promise<InfoRequestQuestionRow[]> {
  return db.selectFrom("info_request_question").selectAll().where("request_id", "=", requestId).orderBy("position").execute();
}

export async function replaceQuestions(db: Executor, requestId: string, rows: InfoRequestQuestionRow[]): Promise<void> {
  await db.deleteFrom("info_request_question").where("request_id", "=", requestId).execute();
  if (rows.length > 0) await db.insertInto("info_request_question").values(rows).execute();
}

export async function listRequestBodies(db: Executor, requestId: string): Promise<RecipientBodyRow[]> {
  return db
    .selectFrom("info_request_recipient")
    .innerJoin("recipient_body", "recipient_body.id", "info_request_recipient.body_id")
    .selectAll("recipient_body")
    .where("info_request_recipient.request_id", "=", requestId)
    .orderBy("recipient_body.name")
    .execute();
}

export async function replaceRequestBodies(db: Executor, requestId: string, bodyIds: readonly string[]): Promise<void> {
  await db.deleteFrom("info_request_recipient").where("request_id", "=", requestId).execute();
  if (bodyIds.length > 0) await db.insertInto("info_request_recipient").values(bodyIds.map((body_id) => ({ request_id: requestId, body_id }))).execute();
}

export interface InvitedOrganisation {
  organisation_id: string;
  invited_at: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  verified_at: string | null;
}

export async function listInvitations(db: Executor, requestId: string): Promise<InvitedOrganisation[]> {
  return db
    .selectFrom("info_request_invitation")
    .innerJoin("organisation", "organisation.id", "info_request_invitation.organisation_id")
    .select(["info_request_invitation.organisation_id", "info_request_invitation.invited_at", "organisation.slug", "organisation.name", "organisation.kind", "organisation.verified_at"])
    .where("info_request_invitation.request_id", "=", requestId)
    .orderBy("organisation.name")
    .orderBy("organisation.id")
    .execute();
}

export async function insertInvitations(db: Executor, requestId: string, organisationIds: readonly string[], at: string): Promise<void> {
  if (organisationIds.length > 0) await db.insertInto("info_request_invitation").values(organisationIds.map((organisation_id) => ({ request_id: requestId, organisation_id, invited_at: at }))).execute();
}

export async function deleteInvitations(db: Executor, requestId: string, organisationIds: readonly string[]): Promise<void> {
  if (organisationIds.length > 0) await db.deleteFrom("info_request_invitation").where("request_id", "=", requestId).where("organisation_id", "in", [...organisationIds]).execute();
}

export async function listRequestSectionIds(db: Executor, requestId: string): Promise<string[]> {
  const rows = await db.selectFrom("info_request_section").select("section_id").where("request_id", "=", requestId).execute();
  return rows.map((r) => r.section_id);
}

export async function replaceRequestSections(db: Executor, requestId: string, sectionIds: readonly string[]): Promise<void> {
  await db.deleteFrom("info_request_section").where("request_id", "=", requestId).execute();
  if (sectionIds.length > 0) await db.insertInto("info_request_section").values(sectionIds.map((section_id) => ({ request_id: requestId, section_id }))).execute();
}

/** The issued requests that inform a section (shown on it). */
export async function listIssuedRequestsForSection(db: Executor, sectionId: string): Promise<Pick<InfoRequestRow, "id" | "slug" | "title" | "deadline">[]> {
  return db
    .selectFrom("info_request_section")
    .innerJoin("info_request", "info_request.id", "info_request_section.request_id")
    .select(["info_request.id", "info_request.slug", "info_request.title", "info_request.deadline"])
    .where("info_request_section.section_id", "=", sectionId)
    .where("info_request.status", "=", "issued")
    .orderBy("info_request.deadline")
    .execute();
}

/** Whether this account is in any of the request's recipient bodies. */
export async function isRequestRecipient(db: Executor, requestId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("info_request_recipient")
    .innerJoin("recipient_body_member", "recipient_body_member.body_id", "info_request_recipient.body_id")
    .select("recipient_body_member.user_id")
    .where("info_request_recipient.request_id", "=", requestId)
    .where("recipient_body_member.user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

// Lists for the request pages and the API (issue 14, the convener's side).

/** Issued requests, newest first, keyset-paged over (created_at, id) like the other lists. */
export async function listIssuedRequestRows(db: Executor, opts: { limit: number; after?: { createdAt: string; id: string } }): Promise<InfoRequestRow[]> {
  let q = db.selectFrom("info_request").selectAll().where("status", "=", "issued");
  const after = opts.after;
  if (after) q = q.where((eb) => eb.or([eb("created_at", "<", after.createdAt), eb.and([eb("created_at", "=", after.createdAt), eb("id", ">", after.id)])]));
  return q.orderBy("created_at", "desc").orderBy("id").limit(opts.limit).execute();
}

/** Drafts, newest first: one account's, or every draft when `createdBy` is null (a site admin). */
export async function listDraftRequestRows(db: Executor, createdBy: string | null): Promise<InfoRequestRow[]> {
  let q = db.selectFrom("info_request").selectAll().where("status", "=", "draft");
  if (createdBy !== null) q = q.where("created_by", "=", createdBy);
  return q.orderBy("created_at", "desc").orderBy("id").execute();
}

export interface LinkableSection {
  id: string;
  title: string;
  position: number;
  consultation_slug: string;
  consultation_title: string;
}

/**
 * Sections of consultations the public can see (not drafts), all of them or only these
 * ids: a request links only to text everyone can read, so its page never names a private draft.
 */
export async function listLinkableSections(db: Executor, ids?: readonly string[]): Promise<LinkableSection[]> {
  if (ids && ids.length === 0) return [];
  let q = db
    .selectFrom("section")
    .innerJoin("consultation", "consultation.id", "section.consultation_id")
    .select(["section.id", "section.title", "section.position", "consultation.slug as consultation_slug", "consultation.title as consultation_title"])
    .where("consultation.status", "!=", "draft");
  if (ids) q = q.where("section.id", "in", [...ids]);
  return q.orderBy("consultation.title").orderBy("section.position").execute();
}

/** A request's own public ledger entries (issued, changed, …), oldest first, for its page's history. */
export async function listRequestEntries(db: Executor, requestId: string): Promise<{ seq: number; created_at: string; payload: string }[]> {
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["seq", "created_at", "payload"])
    .where("chain", "=", "public")
    .where("kind", "=", "request")
    .where("subject_id", "=", requestId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** Organisations by name, for the convener's invitation list (names, kinds and verification are public). */
export async function listOrganisationChoices(db: Executor): Promise<{ slug: string; name: string; kind: OrganisationKind; verified_at: string | null }[]> {
  return db.selectFrom("organisation").select(["slug", "name", "kind", "verified_at"]).orderBy("name").orderBy("id").execute();
}
