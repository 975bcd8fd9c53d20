import type { Db, Dialect, Executor } from "../../../db/client.js";
import {
  deleteMembership,
  findMembership,
  findOrganisationBySlug,
  insertOrganisation,
  listOrganisationMembers,
  listOrganisationRows,
  markOrganisationVerified,
  upsertMembership,
  verifiedOrganisationsOfUsers,
} from "../../../db/queries/organisation.js";
import { revokeOpenInvitationsSentBy } from "../../../db/queries/invitation.js";
import { findUserByEmail } from "../../../db/queries/user.js";
import type { OrganisationKind, OrganisationRole, OrganisationRow } from "../../../db/schema.js";
import { can, type Actor } from "../../auth/policy.js";
import { AppError, notFound } from "../../errors.js";
import { slugify } from "../../text/markdown.js";
import { newId, nowIso } from "../../ids.js";
import { appendToChain } from "../../ledger/append.js";
import { PUBLIC_CHAIN } from "../../ledger/chain.js";
import { organisationCreatedEvent, organisationMemberEvent, organisationVerifiedEvent } from "./ledger.js";

/**
 * Organisations as verified parties (issue 14). Only a site admin registers,
 * verifies and staffs them; the CLI acts as the `operator` (whoever holds the
 * server's database may do this anyway). Each change is a public ledger entry
 * written in the same transaction.
 */
export type OrganisationActor = Actor | "operator";

/** Someone else gets a 404: the admin pages do not exist for them. */
function requireManager(actor: OrganisationActor): string | null {
  if (actor === "operator") return null;
  if (!can(actor, "organisation.manage", null)) throw notFound();
  return actor.kind === "user" ? actor.userId : null;
}

const SLUG_FROM_NAME_MAX = 60;

/**
 * A readable address from a name ("Ministry of Economy" → "ministry-of-economy"); for a name
 * with no Latin words (a Japanese one), `<prefix>-` and a short random tail (see slugify).
 */
export function slugFromName(name: string, prefix = "org"): string {
  return slugify(name, prefix, SLUG_FROM_NAME_MAX);
}

export interface NewOrganisation {
  name: string;
  kind: OrganisationKind;
  slug: string | null;
  emailDomain: string | null;
}

export async function createOrganisation(db: Db, actor: OrganisationActor, input: NewOrganisation): Promise<OrganisationRow> {
  requireManager(actor);
  const row: OrganisationRow = {
    id: newId(),
    slug: input.slug ?? slugFromName(input.name),
    name: input.name,
    kind: input.kind,
    email_domain: input.emailDomain,
    verified_at: null,
    verified_by: null,
    verification_evidence: null,
    created_at: nowIso(),
  };
  await db.kysely.transaction().execute(async (tx) => {
    if (await findOrganisationBySlug(tx, row.slug)) {
      const message = `The address “${row.slug}” is taken by another organisation. Choose another.`;
      throw new AppError("conflict", message, { fieldErrors: { slug: [message] } });
    }
    await insertOrganisation(tx, row);
    await appendToChain(tx, db.dialect, PUBLIC_CHAIN, organisationCreatedEvent(row));
  });
  return row;
}

async function requireOrganisation(tx: Executor, slug: string): Promise<OrganisationRow> {
  const org = await findOrganisationBySlug(tx, slug);
  if (!org) {
    const message = `No organisation has the address “${slug}”.`;
    throw new AppError("not_found", message, { fieldErrors: { slug: [message] } });
  }
  return org;
}

/** Records who verified it and how; verifying again replaces the evidence (and is recorded again). */
export async function verifyOrganisation(db: Db, actor: OrganisationActor, slug: string, evidence: string): Promise<OrganisationRow> {
  const by = requireManager(actor);
  return db.kysely.transaction().execute(async (tx) => {
    const org = await requireOrganisation(tx, slug);
    const at = nowIso();
    await markOrganisationVerified(tx, org.id, by, evidence, at);
    await appendToChain(tx, db.dialect, PUBLIC_CHAIN, organisationVerifiedEvent(org, evidence, at));
    return { ...org, verified_at: at, verified_by: by, verification_evidence: evidence };
  });
}

/**
 * Adds an account to an organisation, or changes its role there. A person belongs
 * to one organisation at most: moving them is removing them first, on purpose.
 */
export async function addOrganisationMember(db: Db, actor: OrganisationActor, slug: string, email: string, role: OrganisationRole): Promise<MemberChangeResult> {
  requireManager(actor);
  return db.kysely.transaction().execute(async (tx) => {
    const org = await requireOrganisation(tx, slug);
    const user = await findUserByEmail(tx, email);
    if (!user) {
      const message = "No account uses that email. Ask them to sign up first, then add them.";
      throw new AppError("not_found", message, { fieldErrors: { email: [message] } });
    }
    return setOrganisationMember(tx, db.dialect, org, user, role, "email");
  });
}

export type MemberChangeResult = "added" | "changed" | "unchanged";

/**
 * Gives `user` the role in `org` and records it in the public ledger, in the caller's
 * transaction: the one path of every membership change (the admin page, an accepted
 * invitation). Someone in another organisation is refused, with the error on `field`.
 * A representative made a plain member takes back the invitations they sent to it.
 */
export async function setOrganisationMember(
  tx: Executor,
  dialect: Dialect,
  org: OrganisationRow,
  user: { id: string; display_name: string },
  role: OrganisationRole,
  field: string,
): Promise<MemberChangeResult> {
  const current = await findMembership(tx, user.id);
  if (current && current.organisation_id !== org.id) {
    const message = "That person already belongs to another organisation. Remove them there first.";
    throw new AppError("conflict", message, { fieldErrors: { [field]: [message] } });
  }
  if (current?.role === role) return "unchanged";
  const at = nowIso();
  await upsertMembership(tx, { organisation_id: org.id, user_id: user.id, role, added_at: at }, current !== undefined);
  await appendToChain(tx, dialect, PUBLIC_CHAIN, organisationMemberEvent(org, { userId: user.id, displayName: user.display_name, from: current?.role ?? null, to: role }, at));
  if (current?.role === "representative") await revokeOpenInvitationsSentBy(tx, user.id, at, { kind: "organisation", organisationId: org.id });
  return current ? "changed" : "added";
}

export async function removeOrganisationMember(db: Db, actor: OrganisationActor, slug: string, userId: string): Promise<void> {
  requireManager(actor);
  await db.kysely.transaction().execute(async (tx) => {
    const org = await requireOrganisation(tx, slug);
    const current = await findMembership(tx, userId);
    if (!current || current.organisation_id !== org.id) throw notFound("That member");
    const user = (await listOrganisationMembers(tx)).find((m) => m.user_id === userId);
    const at = nowIso();
    await deleteMembership(tx, userId);
    await appendToChain(tx, db.dialect, PUBLIC_CHAIN, organisationMemberEvent(org, { userId, displayName: user?.display_name ?? "", from: current.role, to: null }, at));
    // What a representative offered stops with their role.
    await revokeOpenInvitationsSentBy(tx, userId, at, { kind: "organisation", organisationId: org.id });
  });
}

/** Every organisation with its members, for the admin page. */
export async function listOrganisations(db: Db, actor: OrganisationActor) {
  requireManager(actor);
  const [orgs, members] = await Promise.all([listOrganisationRows(db.kysely), listOrganisationMembers(db.kysely)]);
  return orgs.map((org) => ({ ...org, members: members.filter((m) => m.organisation_id === org.id) }));
}

/** What a badge says: the verified organisation someone speaks from. */
export interface VerifiedOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
}

const IDS_PER_QUERY = 500;

/** The verified organisation of each of these people, if any (in chunks: SQLite limits a query's parameters). */
export async function verifiedOrganisationsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, VerifiedOrganisation>> {
  const ids = [...new Set(userIds)];
  const out = new Map<string, VerifiedOrganisation>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    for (const r of await verifiedOrganisationsOfUsers(db, ids.slice(i, i + IDS_PER_QUERY))) out.set(r.user_id, { slug: r.slug, name: r.name, kind: r.kind });
  }
  return out;
}
