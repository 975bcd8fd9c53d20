import { DEFAULT_LOCALE, isLocale, isTimeZone, type Locale } from "../../../common/i18n/locales.js";
import type { Executor } from "../../../db/client.js";
import { findMembership } from "../../../db/queries/organisation.js";
import {
  findRequestById,
  findRequestBySlug,
  isRequestRecipient,
  listBodyMembers,
  listInvitations,
  listQuestions,
  listRequestBodies,
  listRequestSectionIds,
  type InvitedOrganisation,
} from "../../../db/queries/request.js";
import type { DisclosureLevel, InfoRequestRow, OrganisationKind, OrganisationRole, QuestionKind } from "../../../db/schema.js";
import type { Actor } from "../../auth/policy.js";
import { canOnRequest, type RequestAction, type RequestRelation } from "../../auth/request-policy.js";
import { notFound } from "../../errors.js";

export interface RequestQuestion {
  id: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  help: string | null;
  choices: string[];
  maxLevel: DisclosureLevel;
  required: boolean;
}

export interface RecipientBodyWithMembers {
  id: string;
  slug: string;
  name: string;
  description: string;
  members: { userId: string; displayName: string }[];
}

/** A request with everything its public page states: questions, who reads, whom it invites, the sections it informs. */
export interface RequestDetail {
  request: InfoRequestRow;
  /** The language the request is written in (its text is marked with it) and the time zone its deadline is shown in. */
  contentLanguage: Locale;
  timeZone: string;
  openToKinds: OrganisationKind[];
  questions: RequestQuestion[];
  bodies: RecipientBodyWithMembers[];
  invitations: InvitedOrganisation[];
  sectionIds: string[];
}

export async function loadRequestDetail(db: Executor, request: InfoRequestRow): Promise<RequestDetail> {
  const [questions, bodies, invitations, sectionIds] = await Promise.all([listQuestions(db, request.id), listRequestBodies(db, request.id), listInvitations(db, request.id), listRequestSectionIds(db, request.id)]);
  const members = await listBodyMembers(
    db,
    bodies.map((b) => b.id),
  );
  return {
    request,
    contentLanguage: isLocale(request.content_language) ? request.content_language : DEFAULT_LOCALE,
    timeZone: isTimeZone(request.time_zone) ? request.time_zone : "UTC",
    openToKinds: JSON.parse(request.open_to_kinds) as OrganisationKind[],
    questions: questions.map((q) => ({
      id: q.id,
      position: q.position,
      kind: q.kind,
      prompt: q.prompt,
      help: q.help,
      choices: q.choices === null ? [] : (JSON.parse(q.choices) as string[]),
      maxLevel: q.max_level,
      required: q.required === 1,
    })),
    bodies: bodies.map((b) => ({
      id: b.id,
      slug: b.slug,
      name: b.name,
      description: b.description,
      members: members.filter((m) => m.body_id === b.id).map((m) => ({ userId: m.user_id, displayName: m.display_name })),
    })),
    invitations,
    sectionIds,
  };
}

/** The actor's organisation, if it may answer this request: invited by name, or verified and of a kind the request is open to. */
export interface RespondingOrganisation {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  role: OrganisationRole;
  invited: boolean;
}

export async function respondingOrganisationOf(db: Executor, actor: Actor, detail: RequestDetail): Promise<RespondingOrganisation | null> {
  if (actor.kind !== "user") return null;
  const membership = await findMembership(db, actor.userId);
  if (!membership) return null;
  const org = await db.selectFrom("organisation").selectAll().where("id", "=", membership.organisation_id).executeTakeFirstOrThrow();
  const invited = detail.invitations.some((i) => i.organisation_id === org.id);
  const open = org.verified_at !== null && detail.openToKinds.includes(org.kind);
  // An organisation that has answered keeps its answers and their access log even if it is later taken off the list.
  const answered = !invited && !open && (await db.selectFrom("info_response").select("id").where("request_id", "=", detail.request.id).where("organisation_id", "=", org.id).executeTakeFirst()) !== undefined;
  if (!invited && !open && !answered) return null;
  return { id: org.id, slug: org.slug, name: org.name, kind: org.kind, role: membership.role, invited };
}

export interface RequestContext {
  detail: RequestDetail;
  relation: RequestRelation;
  organisation: RespondingOrganisation | null;
  can: (action: RequestAction) => boolean;
}

/** Works out the actor's relation to a request once; the pages and the API ask `can` from it. */
export async function requestContext(db: Executor, actor: Actor, request: InfoRequestRow, now: Date = new Date()): Promise<RequestContext> {
  const detail = await loadRequestDetail(db, request);
  const user = actor.kind === "user" ? actor : null;
  const organisation = await respondingOrganisationOf(db, actor, detail);
  const relation: RequestRelation = {
    status: request.status,
    deadline: request.deadline,
    convener: user !== null && (user.siteRole === "admin" || request.created_by === user.userId),
    recipient: user !== null && (await isRequestRecipient(db, request.id, user.userId)),
    respondent: organisation?.role ?? null,
  };
  return { detail, relation, organisation, can: (action) => canOnRequest(actor, action, relation, now) };
}

/**
 * A request the actor may see, by its address or id, or a 404 (a draft is the
 * convener's alone; nobody else learns it exists).
 */
export async function visibleRequest(db: Executor, actor: Actor, slugOrId: string, now: Date = new Date()): Promise<RequestContext> {
  const request = (await findRequestBySlug(db, slugOrId)) ?? (await findRequestById(db, slugOrId));
  if (!request) throw notFound("That request");
  const ctx = await requestContext(db, actor, request, now);
  if (!ctx.can("request.view")) throw notFound("That request");
  return ctx;
}
