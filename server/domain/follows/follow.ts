import { z } from "zod";
import { SLUG_MAX } from "../../../common/limits.js";
import type { Db } from "../../../db/client.js";
import { findConsultationBySlug } from "../../../db/queries/consultation.js";
import {
  deleteFollow,
  findOrganisationSummary,
  insertFollow,
  isFollowing,
  isOrganisationPublic,
  listDraftViewerIds,
  listFollowedConsultations,
  listFollowedOrganisations,
  listFollowedSections,
} from "../../../db/queries/follow.js";
import { findMembership, findOrganisationBySlug } from "../../../db/queries/organisation.js";
import { findSectionById } from "../../../db/queries/section.js";
import type { UserProfile } from "../../../db/queries/user.js";
import { FOLLOW_TARGETS, type FollowTarget } from "../../../db/schema.js";
import { requireConsultation, requireSectionById } from "../../auth/access.js";
import { notFound, unauthenticated } from "../../errors.js";
import { nowIso } from "../../ids.js";

/** The follow button's form: what to follow (a consultation's slug, a section's id, an organisation's slug) and whether to start or stop. */
export const FollowFormSchema = z.object({
  intent: z.enum(["follow", "unfollow"], { error: "Choose follow or unfollow." }),
  kind: z.enum(FOLLOW_TARGETS, { error: "Choose what to follow." }),
  target: z.string().trim().min(1, "Choose what to follow.").max(SLUG_MAX, "Choose what to follow."),
});
export type FollowForm = z.infer<typeof FollowFormSchema>;

export interface FollowedTarget {
  kind: FollowTarget;
  id: string;
  /** Its page. */
  path: string;
}

/** A target the person may see (a hidden draft, a section of one, an unknown organisation: not found). */
async function visibleTarget(db: Db, user: UserProfile, kind: FollowTarget, target: string): Promise<FollowedTarget> {
  if (kind === "consultation") {
    const view = await requireConsultation(db, target, user);
    return { kind, id: view.consultation.id, path: `/c/${view.consultation.slug}` };
  }
  if (kind === "section") {
    const { view, section } = await requireSectionById(db, target, user);
    return { kind, id: section.id, path: `/c/${view.consultation.slug}/s/${section.id}` };
  }
  const org = await findOrganisationBySlug(db.kysely, target);
  // Anyone may follow an organisation that is public (verified, or asked by an issued request); its members, their own.
  if (!org) throw notFound("That organisation");
  const member = (await findMembership(db.kysely, user.id))?.organisation_id === org.id;
  if (!member && !(await isOrganisationPublic(db.kysely, org.id))) throw notFound("That organisation");
  return { kind, id: org.id, path: "/requests" };
}

/** The stored id of a target, without asking whether it is still visible: stopping is always allowed. */
async function storedTargetId(db: Db, kind: FollowTarget, target: string): Promise<string | null> {
  if (kind === "consultation") return (await findConsultationBySlug(db.kysely, target))?.id ?? null;
  if (kind === "section") return (await findSectionById(db.kysely, target))?.id ?? null;
  return (await findOrganisationBySlug(db.kysely, target))?.id ?? null;
}

/**
 * Follows or stops following. Following needs the target to be visible to the
 * person (unverified accounts may follow); stopping never does, so someone who
 * lost access can still stop, and it reveals nothing either way.
 */
export async function setFollowing(db: Db, user: UserProfile | null, form: FollowForm): Promise<"followed" | "unfollowed"> {
  if (!user) throw unauthenticated();
  if (form.intent === "follow") {
    const t = await visibleTarget(db, user, form.kind, form.target);
    await insertFollow(db.kysely, { user_id: user.id, target_kind: t.kind, target_id: t.id, created_at: nowIso() });
    return "followed";
  }
  const id = await storedTargetId(db, form.kind, form.target);
  if (id) await deleteFollow(db.kysely, user.id, form.kind, id);
  return "unfollowed";
}

/** Whether this person follows a target (false for anonymous people). */
export async function followsTarget(db: Db, user: UserProfile | null, kind: FollowTarget, targetId: string): Promise<boolean> {
  return user ? isFollowing(db.kysely, user.id, kind, targetId) : false;
}

/** What one person follows, as their page lists it; drafts they can no longer see are left out. */
export async function listFollowing(db: Db, user: UserProfile) {
  const consultations = await listFollowedConsultations(db.kysely, user.id);
  const sections = await listFollowedSections(db.kysely, user.id);
  const organisations = await listFollowedOrganisations(db.kysely, user.id);
  const drafts = new Set([...consultations.filter((c) => c.status === "draft").map((c) => c.id), ...sections.filter((s) => s.status === "draft").map((s) => s.consultation_id)]);
  const seesDraft = new Set<string>();
  for (const id of drafts) if ((await listDraftViewerIds(db.kysely, id, [user.id])).length > 0) seesDraft.add(id);
  return {
    consultations: consultations.filter((c) => c.status !== "draft" || seesDraft.has(c.id)),
    sections: sections.filter((s) => s.status !== "draft" || seesDraft.has(s.consultation_id)),
    organisations,
  };
}

/** The organisation whose requests a person may follow from the requests page: their own. */
export async function ownOrganisation(db: Db, user: UserProfile | null): Promise<{ id: string; slug: string; name: string } | null> {
  if (!user) return null;
  const m = await findMembership(db.kysely, user.id);
  if (!m) return null;
  return (await findOrganisationSummary(db.kysely, m.organisation_id)) ?? null;
}

/** For each organisation (by slug): whether this person follows its requests. */
export async function followedOrganisationSlugs(db: Db, user: UserProfile | null, slugs: readonly string[]): Promise<Set<string>> {
  if (!user || slugs.length === 0) return new Set();
  const followed = await listFollowedOrganisations(db.kysely, user.id);
  return new Set(followed.map((o) => o.slug).filter((s) => slugs.includes(s)));
}
