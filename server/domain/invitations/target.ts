import type { Executor } from "../../../db/client.js";
import { findConsultationById } from "../../../db/queries/consultation.js";
import type { InvitationRow, InvitationTargetRef } from "../../../db/queries/invitation.js";
import { findOrganisationById } from "../../../db/queries/organisation.js";
import type { ConsultationRole, ConsultationRow, OrganisationRow } from "../../../db/schema.js";

/** What an invitation leads to, as its mail and its page name it. */
export interface InvitationTarget {
  kind: "team" | "organisation";
  ref: InvitationTargetRef;
  /** The consultation's title, or the organisation's name. */
  title: string;
  slug: string;
  /** The team role offered; an organisation invitation makes a member (null). */
  role: ConsultationRole | null;
  /** Dates in the mail: the consultation's zone; organisations have none, so UTC. */
  timeZone: string;
  /** The consultation's content language: the title is written in it. */
  contentLanguage: string | null;
}

export function teamTarget(c: ConsultationRow, role: ConsultationRole): InvitationTarget {
  return { kind: "team", ref: { kind: "team", consultationId: c.id }, title: c.title, slug: c.slug, role, timeZone: c.time_zone, contentLanguage: c.content_language };
}

export function organisationTarget(org: OrganisationRow): InvitationTarget {
  return { kind: "organisation", ref: { kind: "organisation", organisationId: org.id }, title: org.name, slug: org.slug, role: null, timeZone: "UTC", contentLanguage: null };
}

/** The target of a stored invitation, or undefined when it is gone (or the row is inconsistent). */
export async function targetOfRow(db: Executor, row: InvitationRow): Promise<InvitationTarget | undefined> {
  if (row.target_kind === "team") {
    const c = row.consultation_id ? await findConsultationById(db, row.consultation_id) : undefined;
    return c && row.role ? teamTarget(c, row.role) : undefined;
  }
  const org = row.organisation_id ? await findOrganisationById(db, row.organisation_id) : undefined;
  return org ? organisationTarget(org) : undefined;
}
