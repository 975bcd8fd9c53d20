import { isCommentWindowOpen } from "../../common/phase.js";
import type { CommentStatus, ConsultationRole, ConsultationStatus, OrganisationRole, SiteRole, Visibility } from "../../db/schema.js";

/** Who is acting. `role` is the actor's role in the consultation being acted on, if any. */
export type Actor =
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: string;
      siteRole: SiteRole;
      role: ConsultationRole | null;
      /**
       * Whether they read this consultation's confidential submissions: members of the
       * recipient bodies it names, or (none named) its owners and drafters. Being on the
       * team is not enough (ADR 019); absent means no.
       */
      readsConfidential?: boolean;
      /** For organisation actions: the actor's role in the organisation acted on, if any; absent means none. */
      organisationRole?: OrganisationRole | null;
      /**
       * The address they have yet to confirm, when the site requires a confirmed address to
       * submit (REQUIRE_VERIFIED_EMAIL): until then they read and follow, but submit nothing.
       */
      mustVerify?: string;
    };

export interface ConsultationResource {
  status: ConsultationStatus;
  opensAt: string | null;
  closesAt: string | null;
  /**
   * For comment actions: the comment's state and author. A reply carries its thread's
   * visibility, and `threadAuthorId` (the author of the thread's first comment), since a
   * confidential thread belongs to its submitter as well as to the team.
   */
  comment?: { status: CommentStatus; visibility: Visibility; authorId: string; threadAuthorId?: string };
}

export type Action =
  | "consultation.create"
  | "consultation.view"
  | "consultation.manage"
  | "consultation.changePhase"
  | "consultation.manageMembers"
  | "consultation.invite"
  | "section.view"
  | "section.manage"
  | "section.edit"
  | "comment.view"
  | "comment.report"
  | "comment.create"
  | "comment.amend"
  | "position.take"
  | "comment.moderate"
  | "comment.respond"
  | "version.publish"
  | "history.viewDrafting"
  | "site.admin"
  | "organisation.manage"
  | "organisation.invite";

export const ACTIONS: readonly Action[] = [
  "consultation.create",
  "consultation.view",
  "consultation.manage",
  "consultation.changePhase",
  "consultation.manageMembers",
  "consultation.invite",
  "section.view",
  "section.manage",
  "section.edit",
  "comment.view",
  "comment.report",
  "comment.create",
  "comment.amend",
  "position.take",
  "comment.moderate",
  "comment.respond",
  "version.publish",
  "history.viewDrafting",
  "site.admin",
  "organisation.manage",
  "organisation.invite",
];

/**
 * The one place that decides "may this actor do this". Anything not explicitly
 * allowed below is refused. Submitting (commenting, replying, suggesting, taking
 * a position, amending) also needs a confirmed address where the site requires one.
 */
export function can(actor: Actor, action: Action, resource: ConsultationResource | null, now: Date = new Date()): boolean {
  const user = actor.kind === "user" ? actor : null;
  const admin = user?.siteRole === "admin";
  const role = user?.role ?? null;
  const team = admin || role === "owner" || role === "drafter" || role === "moderator";
  const owner = admin || role === "owner";
  const drafter = owner || role === "drafter";
  const moderator = owner || role === "moderator";
  const recipient = user?.readsConfidential === true;
  const confidential = resource?.comment?.visibility === "confidential";

  if (action === "site.admin") return admin;
  // Registering, verifying and staffing an organisation vouches for it in public: site admins only.
  if (action === "organisation.manage") return admin;
  // Inviting someone into an organisation by mail: its representatives speak for it, and site admins staff it.
  if (action === "organisation.invite") return admin || (user?.organisationRole ?? null) === "representative";
  // Publishing speaks for an institution: only the site roles an admin grants.
  if (action === "consultation.create") return admin || user?.siteRole === "convener";
  if (!resource) return false;

  const status = resource.status;
  switch (action) {
    case "consultation.view":
    case "section.view":
      return status !== "draft" || team;
    case "consultation.manage":
    case "consultation.changePhase":
    case "consultation.manageMembers":
    case "consultation.invite":
    case "section.manage":
      return owner;
    case "section.edit":
      return drafter && (status === "draft" || status === "open" || status === "closed");
    case "version.publish":
      // Versions published while drafting stay with the team, like the drafting itself.
      return drafter;
    case "history.viewDrafting":
      return team;
    case "comment.respond":
      // A confidential submission is answered by those who read it, and only by them (ADR 019).
      if (confidential) return recipient && status !== "draft";
      return drafter && status !== "draft";
    case "comment.moderate":
      if (confidential) return moderator && recipient && status !== "draft";
      return moderator && status !== "draft";
    case "comment.create":
    case "position.take":
      return user !== null && !user.mustVerify && isCommentWindowOpen(resource, now);
    case "comment.view": {
      // Listed at all (deleted and hidden ones as tombstones without their text).
      const c = resource.comment;
      if (!c || (status === "draft" && !team)) return false;
      if (c.authorId === user?.userId) return true;
      // Confidential: its recipients and the thread's submitter; the rest of the team is not told.
      if (c.visibility === "confidential") return recipient || (user !== null && c.threadAuthorId === user.userId && c.status !== "pending");
      if (team) return true;
      return c.status !== "pending";
    }
    case "comment.amend": {
      // After the close the record is frozen: what was submitted is what gets answered.
      const c = resource.comment;
      return user !== null && !user.mustVerify && c !== undefined && c.authorId === user.userId && isCommentWindowOpen(resource, now);
    }
    case "comment.report": {
      // The team acts through moderation, in the open log, never through anonymous-looking reports.
      const c = resource.comment;
      return user !== null && !team && c !== undefined && status !== "draft" && c.visibility === "public" && c.status === "published" && c.authorId !== user.userId;
    }
    default:
      return false;
  }
}

/** The address a signed-in actor must confirm before submitting, or null when nothing holds them back. */
export function addressToConfirm(actor: Actor): string | null {
  return actor.kind === "user" && actor.mustVerify ? actor.mustVerify : null;
}

/** The same actor once their address is confirmed: what a page may offer now, to be submitted after confirming. */
export function onceConfirmed(actor: Actor): Actor {
  if (actor.kind !== "user" || !actor.mustVerify) return actor;
  const { mustVerify: _pending, ...confirmed } = actor;
  return confirmed;
}
