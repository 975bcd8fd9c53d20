import type { OrganisationRole, OrganisationRow } from "../../../db/schema.js";
import type { SiteLedgerEvent } from "../../ledger/append.js";
import { newSalt, saltedDigest } from "../../ledger/chain.js";

/**
 * The ledger entries for organisations (kind `organisation`, on the public chain,
 * tied to no consultation). What they say is public: the organisation's name and
 * kind, the evidence behind a verification, and its representatives by name,
 * since they speak for it. A plain member is recorded by a salted digest only:
 * belonging to an organisation is theirs to show, by speaking under their name.
 */
function event(org: OrganisationRow, at: string, payload: Record<string, unknown>, salt: string | null = null): SiteLedgerEvent {
  return { kind: "organisation", consultationId: null, subjectId: org.id, createdAt: at, payload: { slug: org.slug, ...payload }, salt };
}

export function organisationCreatedEvent(org: OrganisationRow): SiteLedgerEvent {
  return event(org, org.created_at, { action: "registered", name: org.name, kind: org.kind, emailDomain: org.email_domain });
}

export function organisationVerifiedEvent(org: OrganisationRow, evidence: string, at: string): SiteLedgerEvent {
  return event(org, at, { action: "verified", name: org.name, kind: org.kind, evidence });
}

export interface MemberChange {
  userId: string;
  displayName: string;
  from: OrganisationRole | null;
  to: OrganisationRole | null;
}

/** A member added, given another role, or removed (`to` null); a representative (before or after) is named. */
export function organisationMemberEvent(org: OrganisationRow, change: MemberChange, at: string): SiteLedgerEvent {
  const role = { from: change.from, to: change.to };
  if (change.from === "representative" || change.to === "representative") {
    return event(org, at, { action: "member", role, representative: change.displayName });
  }
  const salt = newSalt();
  return event(org, at, { action: "member", role, memberDigest: saltedDigest(salt, change.userId) }, salt);
}
