import type { OrganisationRole, RequestStatus } from "../../db/schema.js";
import type { Actor } from "./policy.js";

/**
 * Who may do what with an information request (issue 14). Like `can`, one place,
 * default deny. The caller works out the actor's relation to the request once
 * (server/domain/requests/relation.ts) and asks here.
 *
 * - convener: the request's creator (or a site admin) manages it; managing never
 *   includes reading restricted answers.
 * - recipient: a member of a recipient body the request names reads the answers
 *   given at "recipients" level (and the public ones) as they arrive; each read is logged.
 * - respondent: a member of an organisation the request invites (or a verified one of
 *   an invited kind). Its representatives answer or decline until the deadline; every
 *   member sees the organisation's own answers and who read them.
 * - everyone: the public part once issued; results and participation after the deadline.
 * No one reads an "aggregate" answer through Margin except its own organisation.
 */
export type RequestAction =
  | "request.create"
  | "request.view"
  | "request.manage"
  | "request.respond"
  | "request.viewOwnResponse"
  | "request.readRestricted"
  | "request.viewResults";

export const REQUEST_ACTIONS: readonly RequestAction[] = [
  "request.create",
  "request.view",
  "request.manage",
  "request.respond",
  "request.viewOwnResponse",
  "request.readRestricted",
  "request.viewResults",
];

export interface RequestRelation {
  status: RequestStatus;
  deadline: string;
  /** The actor created the request, or is a site admin. */
  convener: boolean;
  /** The actor is in a recipient body the request names. */
  recipient: boolean;
  /** The actor's role in an organisation the request invites (by name or kind), or null. */
  respondent: OrganisationRole | null;
}

export function isPastDeadline(rel: Pick<RequestRelation, "deadline">, now: Date): boolean {
  return now.getTime() >= Date.parse(rel.deadline);
}

export function canOnRequest(actor: Actor, action: RequestAction, rel: RequestRelation | null, now: Date = new Date()): boolean {
  const user = actor.kind === "user" ? actor : null;
  if (action === "request.create") return user?.siteRole === "admin" || user?.siteRole === "convener";
  if (!rel) return false;
  const issued = rel.status === "issued";
  const convener = user !== null && rel.convener;
  switch (action) {
    case "request.view":
      return issued || convener;
    case "request.manage":
      return convener;
    case "request.respond":
      // Answering is submitting: it waits for a confirmed address where the site requires one.
      return user !== null && !user.mustVerify && issued && rel.respondent === "representative" && !isPastDeadline(rel, now);
    case "request.viewOwnResponse":
      return user !== null && issued && rel.respondent !== null;
    case "request.readRestricted":
      return user !== null && issued && rel.recipient;
    case "request.viewResults":
      return issued && isPastDeadline(rel, now);
    default:
      return false;
  }
}
