// The account's life by e-mail (issue 16): signing up with a confirmed address,
// resetting a lost password, moving to a new address, deleting the account.
// Every link is single-use and expiring; only a SHA-256 of its secret is stored.
// Nothing here tells a caller whether an address has an account: the answers are
// the same either way, and the address's owner is told by mail instead.
import type { Db, Executor } from "../../db/client.js";
import {
  deletePersonalRows,
  emailTaken,
  findAccountToken,
  findMailableUser,
  insertAccountToken,
  retireAccountTokens,
  retireAllAccountTokens,
  scrubUser,
  setEmailVerified,
  updateUserEmail,
  useAccountToken,
  type AccountTokenRow,
} from "../../db/queries/account.js";
import { forgetInvitedAddress, revokeOpenInvitationsSentBy } from "../../db/queries/invitation.js";
import { findPasswordHash, findUserByEmail, insertUser, updateUserPassword, type UserProfile } from "../../db/queries/user.js";
import type { AccountTokenPurpose, DeletedShownAs, StakeholderGroup } from "../../db/schema.js";
import { translator } from "../../common/i18n/intl.js";
import type { Locale } from "../../common/i18n/locales.js";
import { hashPassword, verifyPassword } from "../auth/passwords.js";
import { hashSecret, secretMatches, type SessionManager } from "../auth/sessions.js";
import { AppError } from "../errors.js";
import { newId, newSecret, nowIso } from "../ids.js";
import { mailLocale, type MailService } from "../mail/index.js";
import { signOutEverywhere } from "./accounts.js";
import { FORMER_PARTICIPANT } from "./shown-author.js";

export interface AccountLinkDeps {
  db: Db;
  mail: MailService;
  sessions: SessionManager;
  ttlMinutes: Record<AccountTokenPurpose, number>;
}

/** The one answer for a link that is unknown, expired, already used or no longer applies. */
export const LINK_INVALID = "This link does not work any more: it may have expired or been used already. Ask for a new one.";
const WRONG_PASSWORD = "That is not your current password.";
const NOT_THE_PASSWORD = "That is not this account's password.";
/** A token in a link: two base32 parts, the row's id and the secret. */
const TOKEN_PATTERN = /^([a-z2-7]{24})\.([a-z2-7]{24})$/;

/** A deleted account's address: unique, never deliverable, so the real address can sign up again. */
const DELETED_DOMAIN = "@deleted.invalid";
function placeholderEmail(userId: string): string {
  return `deleted-${userId.toLowerCase()}${DELETED_DOMAIN}`;
}

async function issueToken(tx: Executor, deps: AccountLinkDeps, userId: string, purpose: AccountTokenPurpose, email: string): Promise<string> {
  const id = newSecret();
  const secret = newSecret();
  const now = new Date();
  // A new link replaces the earlier ones of the same purpose: only the latest mail works.
  await retireAccountTokens(tx, userId, purpose, now.toISOString());
  await insertAccountToken(tx, {
    id,
    user_id: userId,
    purpose,
    secret_hash: hashSecret(secret),
    email,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + deps.ttlMinutes[purpose] * 60_000).toISOString(),
    used_at: null,
  });
  return `${id}.${secret}`;
}

/** The token's row when the link is one of ours for `purpose`, unused and unexpired; null otherwise. Does not use it up. */
export async function findUsableToken(db: Executor, purpose: AccountTokenPurpose, token: string): Promise<AccountTokenRow | null> {
  const m = TOKEN_PATTERN.exec(token);
  if (!m) return null;
  const row = await findAccountToken(db, m[1]!);
  if (!row || row.purpose !== purpose || !secretMatches(m[2]!, row.secret_hash)) return null;
  if (row.used_at !== null || Date.parse(row.expires_at) <= Date.now()) return null;
  return row;
}

/** Uses the link up (only one of two racing requests succeeds) or throws the one message for a link that does not work. */
async function spendToken(tx: Executor, purpose: AccountTokenPurpose, token: string): Promise<AccountTokenRow> {
  const row = await findUsableToken(tx, purpose, token);
  if (!row || !(await useAccountToken(tx, row.id, nowIso()))) throw new AppError("invalid_input", LINK_INVALID);
  return row;
}

const hours = (minutes: number) => Math.max(1, Math.round(minutes / 60));

async function queueVerifyMail(tx: Executor, deps: AccountLinkDeps, user: { id: string; email: string; display_name: string }, locale: Locale): Promise<void> {
  const token = await issueToken(tx, deps, user.id, "verify", user.email);
  const { t } = translator(locale);
  await deps.mail.queue(tx, {
    kind: "account.verify",
    to: user.email,
    userId: user.id,
    locale,
    draft: {
      subject: t("accountMail.verify.subject"),
      name: user.display_name,
      paragraphs: [t("accountMail.verify.body")],
      action: { label: t("accountMail.verify.action"), url: deps.mail.link(`/verify/${token}`) },
      after: [t("accountMail.verify.after", { hours: hours(deps.ttlMinutes.verify) })],
    },
  });
}

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  organisation: string;
  stakeholderGroup: StakeholderGroup;
}

/**
 * A sign-up: a new, unconfirmed account and a mail with its confirmation link.
 * For an address that already has an account nothing is created; its owner gets
 * a mail saying so. The caller cannot tell which happened, by the answer or by
 * its time (the password is hashed either way).
 */
export async function signUp(deps: AccountLinkDeps, input: SignUpInput, locale: Locale): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const at = nowIso();
  const tellOwner = async (tx: Executor) => {
    const existing = await findUserByEmail(tx, input.email);
    if (!existing) return false;
    if (!existing.email.endsWith(DELETED_DOMAIN)) await queueExistsMail(tx, deps, existing, locale);
    return true;
  };
  try {
    await deps.db.kysely.transaction().execute(async (tx) => {
      if (await tellOwner(tx)) return;
      const user = { id: newId(), email: input.email, display_name: input.displayName };
      await insertUser(tx, {
        ...user,
        organisation: input.organisation,
        stakeholder_group: input.stakeholderGroup,
        password_hash: passwordHash,
        site_role: "member",
        created_at: at,
        locale: null,
        email_verified_at: null,
        consented_at: at,
      });
      await queueVerifyMail(tx, deps, user, locale);
    });
  } catch (e) {
    // Two sign-ups racing for one address: the unique index lets one in; the other is a taken address like any other.
    if (!(await deps.db.kysely.transaction().execute(tellOwner))) throw e;
  }
  deps.mail.kick();
}

async function queueExistsMail(tx: Executor, deps: AccountLinkDeps, owner: UserProfile, requestLocale: Locale): Promise<void> {
  const locale = mailLocale(owner.locale, requestLocale);
  const { t } = translator(locale);
  await deps.mail.queue(tx, {
    kind: "account.exists",
    to: owner.email,
    userId: owner.id,
    locale,
    draft: {
      subject: t("accountMail.exists.subject"),
      name: owner.display_name,
      paragraphs: [t("accountMail.exists.body")],
      action: { label: t("accountMail.exists.action"), url: deps.mail.link("/login") },
      after: [t("accountMail.exists.after", { url: deps.mail.link("/forgot") })],
    },
  });
}

/** A fresh confirmation link for a signed-in account; false when the address is already confirmed. */
export async function resendVerification(deps: AccountLinkDeps, user: UserProfile, requestLocale: Locale): Promise<boolean> {
  if (user.email_verified_at !== null) return false;
  await deps.db.kysely.transaction().execute((tx) => queueVerifyMail(tx, deps, user, mailLocale(user.locale, requestLocale)));
  deps.mail.kick();
  return true;
}

/**
 * Confirms the address the link was sent to (if it is still the account's address),
 * given the account's password: a link mailed to someone whose address a stranger
 * signed up with cannot confirm the stranger's account. A wrong password leaves the
 * link usable (the caller limits the attempts). Ends every other session and API token
 * of the account and retires its other links; returns the account's id.
 */
export async function confirmEmail(deps: AccountLinkDeps, token: string, password: string): Promise<string> {
  const found = await findUsableToken(deps.db.kysely, "verify", token);
  if (!found) throw new AppError("invalid_input", LINK_INVALID);
  const hash = await findPasswordHash(deps.db.kysely, found.user_id);
  if (!hash || !(await verifyPassword(hash, password))) {
    throw new AppError("invalid_input", NOT_THE_PASSWORD, { fieldErrors: { password: [NOT_THE_PASSWORD] } });
  }
  const userId = await deps.db.kysely.transaction().execute(async (tx) => {
    const row = await spendToken(tx, "verify", token);
    const user = await findMailableUser(tx, row.user_id);
    // The account moved to another address since: this link no longer proves anything.
    if (!user || user.email !== row.email) throw new AppError("invalid_input", LINK_INVALID);
    await setEmailVerified(tx, row.user_id, nowIso());
    return row.user_id;
  });
  await signOutEverywhere(deps.db, deps.sessions, userId);
  return userId;
}

/** Mails a reset link if the address has an account; the caller says the same thing either way. */
export async function requestPasswordReset(deps: AccountLinkDeps, email: string, requestLocale: Locale): Promise<void> {
  let queued = false;
  await deps.db.kysely.transaction().execute(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) return;
    const token = await issueToken(tx, deps, user.id, "reset", user.email);
    const locale = mailLocale(user.locale, requestLocale);
    const { t } = translator(locale);
    await deps.mail.queue(tx, {
      kind: "account.reset",
      to: user.email,
      userId: user.id,
      locale,
      draft: {
        subject: t("accountMail.reset.subject"),
        name: user.display_name,
        paragraphs: [t("accountMail.reset.body")],
        action: { label: t("accountMail.reset.action"), url: deps.mail.link(`/reset/${token}`) },
        after: [t("accountMail.reset.after", { minutes: deps.ttlMinutes.reset })],
      },
    });
    queued = true;
  });
  if (queued) deps.mail.kick();
}

/**
 * Sets a new password from a reset link, then ends every session and revokes
 * every API token of the account: whoever knew the old password is out. The link
 * also proves the address, so an unconfirmed one is confirmed. Returns the account's id.
 */
export async function resetPassword(deps: AccountLinkDeps, token: string, password: string): Promise<string> {
  const passwordHash = await hashPassword(password);
  const userId = await deps.db.kysely.transaction().execute(async (tx) => {
    const row = await spendToken(tx, "reset", token);
    const user = await findMailableUser(tx, row.user_id);
    if (!user || user.email !== row.email) throw new AppError("invalid_input", LINK_INVALID);
    await updateUserPassword(tx, row.user_id, passwordHash);
    // Every open link goes, a pending change of address too: it was asked for under the old password.
    await retireAllAccountTokens(tx, row.user_id, nowIso());
    await setEmailVerified(tx, row.user_id, nowIso());
    return row.user_id;
  });
  await signOutEverywhere(deps.db, deps.sessions, userId);
  return userId;
}

async function requireCurrentPassword(db: Db, userId: string, password: string, field: string): Promise<void> {
  const hash = await findPasswordHash(db.kysely, userId);
  if (!hash || !(await verifyPassword(hash, password))) {
    throw new AppError("invalid_input", WRONG_PASSWORD, { fieldErrors: { [field]: [WRONG_PASSWORD] } });
  }
}

/** "a•••@example.org": enough for the old address's owner to recognise, not a full address for whoever reads their mail. */
function maskAddress(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

/**
 * Asks to move the account to `newEmail`: a confirmation link to the new address and
 * a notice to the old one. Nothing changes until the link is opened. Whether the new
 * address is taken is told only to that address's mailbox, never to the requester.
 */
export async function requestEmailChange(deps: AccountLinkDeps, user: UserProfile, currentPassword: string, newEmail: string, requestLocale: Locale): Promise<void> {
  await requireCurrentPassword(deps.db, user.id, currentPassword, "emailPassword");
  if (newEmail === user.email) {
    throw new AppError("invalid_input", "That is already your address.", { fieldErrors: { newEmail: ["That is already your address."] } });
  }
  const locale = mailLocale(user.locale, requestLocale);
  const { t } = translator(locale);
  await deps.db.kysely.transaction().execute(async (tx) => {
    const taken = await findUserByEmail(tx, newEmail);
    if (taken) {
      const theirs = mailLocale(taken.locale, requestLocale);
      const tt = translator(theirs).t;
      await deps.mail.queue(tx, {
        kind: "account.change_taken",
        to: newEmail,
        userId: taken.id,
        locale: theirs,
        draft: { subject: tt("accountMail.changeTaken.subject"), name: taken.display_name, paragraphs: [tt("accountMail.changeTaken.body")], after: [tt("accountMail.changeTaken.after")] },
      });
    } else {
      const token = await issueToken(tx, deps, user.id, "email_change", newEmail);
      await deps.mail.queue(tx, {
        kind: "account.change",
        to: newEmail,
        userId: user.id,
        locale,
        draft: {
          subject: t("accountMail.change.subject"),
          name: user.display_name,
          paragraphs: [t("accountMail.change.body")],
          action: { label: t("accountMail.change.action"), url: deps.mail.link(`/email-change/${token}`) },
          after: [t("accountMail.change.after", { hours: hours(deps.ttlMinutes.email_change) })],
        },
      });
    }
    // The old address hears of it either way, so a borrowed session cannot move the account quietly.
    await deps.mail.queue(tx, {
      kind: "account.change_notice",
      to: user.email,
      userId: user.id,
      locale,
      draft: {
        subject: t("accountMail.changeNotice.subject"),
        name: user.display_name,
        paragraphs: [t("accountMail.changeNotice.body", { masked: maskAddress(newEmail) })],
        after: [t("accountMail.changeNotice.after", { url: deps.mail.link("/account") })],
      },
    });
  });
  deps.mail.kick();
}

/** Moves the account to the address the link was sent to; a taken address fails like any dead link. */
export async function confirmEmailChange(deps: AccountLinkDeps, token: string): Promise<void> {
  await deps.db.kysely.transaction().execute(async (tx) => {
    const row = await spendToken(tx, "email_change", token);
    if (!(await findMailableUser(tx, row.user_id)) || (await emailTaken(tx, row.email))) throw new AppError("invalid_input", LINK_INVALID);
    await updateUserEmail(tx, row.user_id, row.email, nowIso());
    // Links sent to the old address no longer fit the account.
    await retireAccountTokens(tx, row.user_id, "verify", nowIso());
    await retireAccountTokens(tx, row.user_id, "reset", nowIso());
  });
}

/**
 * Deletes the account: the row stays, emptied, so the public record keeps its
 * submissions, shown as a former participant or under the organisation, as the
 * holder chose. The address is freed, sessions, tokens, notifications and follows
 * go, and so do the invitations they sent that nobody has accepted yet. Ledger entries are never rewritten; they named the author as shown then.
 */
export async function deleteAccount(deps: AccountLinkDeps, user: UserProfile, password: string, shownAs: DeletedShownAs): Promise<void> {
  await requireCurrentPassword(deps.db, user.id, password, "deletePassword");
  const underOrganisation = shownAs === "organisation" && user.organisation.trim() !== "";
  await deps.db.kysely.transaction().execute(async (tx) => {
    const at = nowIso();
    await scrubUser(tx, user.id, {
      email: placeholderEmail(user.id),
      displayName: underOrganisation ? user.organisation : FORMER_PARTICIPANT,
      organisation: underOrganisation ? user.organisation : "",
      // Not a hash of anything: no password matches it.
      passwordHash: "",
      shownAs: underOrganisation ? "organisation" : "former_participant",
      at,
    });
    await deletePersonalRows(tx, user.id, underOrganisation);
    await revokeOpenInvitationsSentBy(tx, user.id, at);
    // Invitations to the address (accepted or not) no longer name it.
    await forgetInvitedAddress(tx, user.email, placeholderEmail(user.id), at);
  });
  await signOutEverywhere(deps.db, deps.sessions, user.id);
}
