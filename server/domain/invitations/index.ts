import type { Db, Dialect, Executor } from "../../../db/client.js";
import { findMemberRole, listMembers } from "../../../db/queries/consultation.js";
import {
  findInvitationById,
  insertInvitation,
  listOpenInvitations,
  markInvitationAccepted,
  renewInvitation,
  revokeInvitation,
  revokeOpenInvitationsOf,
  type InvitationRow,
  type InvitationTargetRef,
} from "../../../db/queries/invitation.js";
import { findMembership, findOrganisationById, findOrganisationBySlug } from "../../../db/queries/organisation.js";
import { findUserByEmail, findUserById, insertUser, markAddressProven, type UserProfile } from "../../../db/queries/user.js";
import type { ConsultationRole, StakeholderGroup } from "../../../db/schema.js";
import type { Locale } from "../../../common/i18n/locales.js";
import type { ConsultationView } from "../../auth/access.js";
import { hashPassword } from "../../auth/passwords.js";
import { can, type Actor } from "../../auth/policy.js";
import type { Limiter } from "../../auth/rate-limit.js";
import { hashSecret, secretMatches } from "../../auth/sessions.js";
import { AppError, forbidden, isAppError, notFound } from "../../errors.js";
import { newId, newSecret, nowIso } from "../../ids.js";
import { chainFor } from "../../ledger/append.js";
import { mailLocale, type MailService } from "../../mail/index.js";
import { setMemberRole } from "../consultations/index.js";
import { setOrganisationMember } from "../organisations/index.js";
import { invitationDraft } from "./mail.js";
import { organisationTarget, targetOfRow, teamTarget, type InvitationTarget } from "./target.js";

export type { InvitationTarget } from "./target.js";

/**
 * Invitations by mail to a consultation's team or an organisation (issue 16), for
 * people with or without an account. The inviter is never told which: every new
 * address gets the same mail and the inviter the same answer. The link carries
 * `id.secret`; only a SHA-256 of the secret is stored. A link works once, until it
 * expires or is revoked; accepting goes through the same membership functions (and
 * ledger entries) as adding a member by hand, in one transaction with marking it used.
 */
export interface InvitationDeps {
  db: Db;
  mail: MailService;
  ttlDays: number;
  /** Invitation mails per inviting account, and per invited address. */
  perUser: Limiter;
  perAddress: Limiter;
}

const DAY_MS = 86_400_000;
const TOKEN_PATTERN = /^([a-z2-7]{16})\.([a-z2-7]{24})$/;

/** The one message for every link that cannot be used: unknown, mistyped, used, revoked or expired alike. */
export const INVITATION_UNUSABLE = "This invitation link cannot be used: it has been used or withdrawn, it has expired, or it is incomplete. Ask whoever invited you to send a new one.";

const unusable = () => new AppError("not_found", INVITATION_UNUSABLE);

/** An invitation still waiting for its answer, as the team card and the organisation page list it. */
export interface OpenInvitation {
  id: string;
  email: string;
  role: ConsultationRole | null;
  sentAt: string;
  expiresAt: string;
  expired: boolean;
}

function present(row: InvitationRow, now: Date): OpenInvitation {
  return { id: row.id, email: row.email, role: row.role, sentAt: row.created_at, expiresAt: row.expires_at, expired: row.expires_at <= nowIso(now) };
}

async function queueInvitationMail(deps: InvitationDeps, tx: Executor, invitation: { id: string; email: string; locale: Locale }, target: InvitationTarget, inviterName: string, secret: string, expiresAt: string) {
  const url = deps.mail.link(`/invitations/${invitation.id}.${secret}`);
  const site = new URL(deps.mail.origin()).host;
  await deps.mail.queue(tx, { kind: "invitation", to: invitation.email, userId: null, locale: invitation.locale, draft: invitationDraft(invitation.locale, target, inviterName, url, expiresAt, site) });
}

async function spendBudget(deps: InvitationDeps, inviterId: string, email: string) {
  await deps.perUser.consume(inviterId);
  await deps.perAddress.consume(email);
}

/** A new invitation (replacing any open one of the same address to the same target) and its mail, in one transaction. */
async function createInvitation(deps: InvitationDeps, target: InvitationTarget, inviter: UserProfile, email: string, locale: Locale): Promise<void> {
  await spendBudget(deps, inviter.id, email);
  const now = new Date();
  const id = newId();
  const secret = newSecret();
  const expiresAt = nowIso(new Date(now.getTime() + deps.ttlDays * DAY_MS));
  await deps.db.kysely.transaction().execute(async (tx) => {
    await revokeOpenInvitationsOf(tx, target.ref, email, nowIso(now));
    await insertInvitation(tx, {
      id,
      email,
      target_kind: target.kind,
      consultation_id: target.ref.kind === "team" ? target.ref.consultationId : null,
      role: target.role,
      organisation_id: target.ref.kind === "organisation" ? target.ref.organisationId : null,
      secret_hash: hashSecret(secret),
      invited_by: inviter.id,
      locale,
      created_at: nowIso(now),
      expires_at: expiresAt,
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
    });
    await queueInvitationMail(deps, tx, { id, email, locale }, target, inviter.display_name, secret, expiresAt);
  });
  deps.mail.kick();
}

/** A new link (the old one stops working), a new expiry, and the mail again in the language first chosen. */
async function resendInvitation(deps: InvitationDeps, ref: InvitationTargetRef, sender: UserProfile, id: string): Promise<void> {
  const row = await findInvitationById(deps.db.kysely, id);
  if (!row || row.accepted_at || row.revoked_at || !sameTarget(row, ref)) throw notFound("That invitation");
  await spendBudget(deps, sender.id, row.email);
  const secret = newSecret();
  const expiresAt = nowIso(new Date(Date.now() + deps.ttlDays * DAY_MS));
  await deps.db.kysely.transaction().execute(async (tx) => {
    const target = await targetOfRow(tx, row);
    if (!target || !(await renewInvitation(tx, ref, id, hashSecret(secret), expiresAt))) throw notFound("That invitation");
    await queueInvitationMail(deps, tx, { id, email: row.email, locale: mailLocale(row.locale) }, target, sender.display_name, secret, expiresAt);
  });
  deps.mail.kick();
}

function sameTarget(row: InvitationRow, ref: InvitationTargetRef): boolean {
  return ref.kind === "team" ? row.target_kind === "team" && row.consultation_id === ref.consultationId : row.target_kind === "organisation" && row.organisation_id === ref.organisationId;
}

async function revokeFor(db: Db, ref: InvitationTargetRef, id: string): Promise<void> {
  if (!(await revokeInvitation(db.kysely, ref, id, nowIso()))) throw notFound("That invitation");
}

// ————— A consultation's team —————

export type TeamInviteResult = { kind: "invited" } | { kind: "changed"; name: string } | { kind: "unchanged"; name: string };

/**
 * Invites an address to the team with a role. Someone already on the team (whose address
 * the team card lists anyway) has their role changed at once, as before; any other address
 * gets an invitation mail, whether or not it has an account, and the answer says only that.
 */
export async function inviteToTeam(deps: InvitationDeps, view: ConsultationView, inviter: UserProfile, input: { email: string; role: ConsultationRole; locale: Locale }): Promise<TeamInviteResult> {
  if (!view.may("consultation.invite")) throw forbidden();
  const c = view.consultation;
  const member = (await listMembers(deps.db.kysely, c.id)).find((m) => m.email === input.email);
  if (!member) {
    await createInvitation(deps, teamTarget(c, input.role), inviter, input.email, input.locale);
    return { kind: "invited" };
  }
  if (member.role === input.role) return { kind: "unchanged", name: member.display_name };
  await deps.db.kysely.transaction().execute(async (tx) => {
    // Locks the consultation on PostgreSQL, so the role recorded as "from" is the one replaced.
    await chainFor(tx, deps.db.dialect, c.id);
    const current = (await findMemberRole(tx, c.id, member.user_id)) ?? null;
    if (current === "owner") {
      throw new AppError("conflict", "That person is an owner already.", { fieldErrors: { email: ["That person is an owner already."] } });
    }
    await setMemberRole(tx, deps.db.dialect, c.id, member.user_id, current, input.role, nowIso());
  });
  return { kind: "changed", name: member.display_name };
}

export async function listTeamInvitations(db: Db, view: ConsultationView): Promise<OpenInvitation[]> {
  if (!view.may("consultation.invite")) throw forbidden();
  const now = new Date();
  return (await listOpenInvitations(db.kysely, { kind: "team", consultationId: view.consultation.id })).map((r) => present(r, now));
}

export async function revokeTeamInvitation(db: Db, view: ConsultationView, id: string): Promise<void> {
  if (!view.may("consultation.invite")) throw forbidden();
  await revokeFor(db, { kind: "team", consultationId: view.consultation.id }, id);
}

export async function resendTeamInvitation(deps: InvitationDeps, view: ConsultationView, sender: UserProfile, id: string): Promise<void> {
  if (!view.may("consultation.invite")) throw forbidden();
  await resendInvitation(deps, { kind: "team", consultationId: view.consultation.id }, sender, id);
}

// ————— An organisation —————

/** An organisation as its inviter acts on it. */
export interface OrganisationInviting {
  target: InvitationTarget;
  /** Whether the inviter is a site admin rather than one of its representatives. */
  asAdmin: boolean;
}

/**
 * The organisation the address names, for one of its representatives or a site admin;
 * anyone else gets a 404, as for an organisation that does not exist.
 */
export async function requireOrganisationInviter(db: Db, user: UserProfile | null, slug: string): Promise<OrganisationInviting> {
  const org = await findOrganisationBySlug(db.kysely, slug);
  if (!org || !user) throw notFound("That organisation");
  const membership = await findMembership(db.kysely, user.id);
  const actor: Actor = { kind: "user", userId: user.id, siteRole: user.site_role, role: null, organisationRole: membership?.organisation_id === org.id ? membership.role : null };
  if (!can(actor, "organisation.invite", null)) throw notFound("That organisation");
  return { target: organisationTarget(org), asAdmin: user.site_role === "admin" };
}

export async function inviteToOrganisation(deps: InvitationDeps, org: OrganisationInviting, inviter: UserProfile, input: { email: string; locale: Locale }): Promise<void> {
  await createInvitation(deps, org.target, inviter, input.email, input.locale);
}

export async function listOrganisationInvitations(db: Db, org: OrganisationInviting): Promise<OpenInvitation[]> {
  const now = new Date();
  return (await listOpenInvitations(db.kysely, org.target.ref)).map((r) => present(r, now));
}

export async function revokeOrganisationInvitation(db: Db, org: OrganisationInviting, id: string): Promise<void> {
  await revokeFor(db, org.target.ref, id);
}

export async function resendOrganisationInvitation(deps: InvitationDeps, org: OrganisationInviting, sender: UserProfile, id: string): Promise<void> {
  await resendInvitation(deps, org.target.ref, sender, id);
}

// ————— The link —————

/** What the invitation page shows: to what, from whom, for which address. */
export interface OpenedInvitation {
  email: string;
  target: InvitationTarget;
  inviterName: string;
  expiresAt: string;
  /**
   * Whether the invited address has an account, so the page offers signing in rather than
   * a new account. Only the holder of the link (who received the mail) sees this.
   */
  hasAccount: boolean;
}

async function usableRow(db: Executor, token: string, now: Date): Promise<{ row: InvitationRow; hash: string } | null> {
  const m = TOKEN_PATTERN.exec(token);
  if (!m) return null;
  const row = await findInvitationById(db, m[1]!);
  if (!row || !secretMatches(m[2]!, row.secret_hash)) return null;
  if (row.accepted_at || row.revoked_at || row.expires_at <= nowIso(now)) return null;
  return { row, hash: row.secret_hash };
}

/** The invitation a link opens, or null for every kind of unusable link alike. */
export async function openInvitation(db: Db, token: string): Promise<OpenedInvitation | null> {
  const found = await usableRow(db.kysely, token, new Date());
  if (!found) return null;
  const { row } = found;
  const [target, inviter, account] = await Promise.all([targetOfRow(db.kysely, row), findUserById(db.kysely, row.invited_by), findUserByEmail(db.kysely, row.email)]);
  if (!target) return null;
  return { email: row.email, target, inviterName: inviter?.display_name ?? "", expiresAt: row.expires_at, hasAccount: account !== undefined };
}

/**
 * Adds the person with the invitation's role, through the same functions (and ledger
 * entries) as adding them by hand. Accepting never takes a role away: an owner stays an
 * owner, an organisation's representative stays one.
 */
async function join(tx: Executor, dialect: Dialect, target: InvitationTarget, user: { id: string; display_name: string }, at: string): Promise<void> {
  if (target.ref.kind === "team") {
    const consultationId = target.ref.consultationId;
    await chainFor(tx, dialect, consultationId);
    const current = (await findMemberRole(tx, consultationId, user.id)) ?? null;
    if (current === "owner" || !target.role) return;
    await setMemberRole(tx, dialect, consultationId, user.id, current, target.role, at);
    return;
  }
  const org = await findOrganisationById(tx, target.ref.organisationId);
  if (!org) throw unusable();
  const current = await findMembership(tx, user.id);
  if (current?.organisation_id === org.id) return;
  if (current) throw new AppError("conflict", "You already belong to another organisation. Ask a site admin to remove you there first, then open this link again.");
  await setOrganisationMember(tx, dialect, org, user, "member", "invitation");
}

/** Refused when the signed-in account is not the invited address's: a forwarded or leaked link makes nobody a member. */
export const INVITATION_OTHER_ACCOUNT = "This invitation is for another address. Sign in with the invited address to accept it, or sign out and create an account for it.";

/** Whether the account is the invited address's own (addresses are kept trimmed and lower-case, as EmailSchema gives them). */
export function isInvitedAccount(invitedEmail: string, accountEmail: string): boolean {
  return accountEmail.trim().toLowerCase() === invitedEmail.trim().toLowerCase();
}

/**
 * Accepts the invitation as the signed-in person; the link is used up. Only the account of
 * the invited address may accept (anyone else gets a 403 and the link stays open); the mail
 * has proved that address, so it counts as verified.
 */
export async function acceptInvitation(db: Db, token: string, user: UserProfile): Promise<InvitationTarget> {
  return db.kysely.transaction().execute(async (tx) => {
    const now = new Date();
    const at = nowIso(now);
    const found = await usableRow(tx, token, now);
    const target = found && (await targetOfRow(tx, found.row));
    if (!found || !target) throw unusable();
    if (!isInvitedAccount(found.row.email, user.email)) throw forbidden(INVITATION_OTHER_ACCOUNT);
    if (!(await markInvitationAccepted(tx, found.row.id, found.hash, user.id, at))) throw unusable();
    await join(tx, db.dialect, target, user, at);
    await markAddressProven(tx, user.id, user.email, at);
    return target;
  });
}

export interface InvitedAccount {
  displayName: string;
  password: string;
  organisation: string;
  stakeholderGroup: StakeholderGroup;
}

const ACCOUNT_EXISTS = "An account with this email already exists. Sign in to accept the invitation.";

/**
 * Creates the invited person's account and accepts, in one transaction. The address is the
 * invitation's (the mail proved it, so the account is verified); they agreed to the privacy
 * notice on the form.
 */
export async function acceptWithNewAccount(db: Db, token: string, input: InvitedAccount): Promise<{ user: UserProfile; target: InvitationTarget }> {
  const opened = await openInvitation(db, token);
  if (!opened) throw unusable();
  if (opened.hasAccount) throw new AppError("conflict", ACCOUNT_EXISTS);
  // Hashed before the transaction: argon2 takes a while and must not hold the database.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.kysely.transaction().execute(async (tx) => {
      const now = new Date();
      const at = nowIso(now);
      const found = await usableRow(tx, token, now);
      const target = found && (await targetOfRow(tx, found.row));
      if (!found || !target) throw unusable();
      const profile: UserProfile = {
        id: newId(),
        email: found.row.email,
        display_name: input.displayName,
        organisation: input.organisation,
        stakeholder_group: input.stakeholderGroup,
        site_role: "member",
        created_at: at,
        locale: found.row.locale,
        email_verified_at: at,
      };
      await insertUser(tx, { ...profile, password_hash: passwordHash, consented_at: at });
      if (!(await markInvitationAccepted(tx, found.row.id, found.hash, profile.id, at))) throw unusable();
      await join(tx, db.dialect, target, profile, at);
      return { user: profile, target };
    });
  } catch (e) {
    // Two acceptances racing, or a sign-up with the address in between: the unique index decides.
    if (!isAppError(e) && (await findUserByEmail(db.kysely, opened.email))) throw new AppError("conflict", ACCOUNT_EXISTS);
    throw e;
  }
}
