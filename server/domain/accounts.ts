import type { Db } from "../../db/client.js";
import type { Locale } from "../../common/i18n/locales.js";
import type { SiteRole, StakeholderGroup } from "../../db/schema.js";
import { deleteApiTokensOfUser } from "../../db/queries/api-token.js";
import { retireAllAccountTokens } from "../../db/queries/account.js";
import { listSessionsOfUser } from "../../db/queries/session.js";
import {
  findPasswordHash,
  findUserByEmail,
  findUserCredentialsByEmail,
  insertUser,
  setUserLocale,
  updateUserPassword,
  updateUserProfile,
  updateUserSiteRole,
  type UserProfile,
} from "../../db/queries/user.js";
import type { SessionManager } from "../auth/sessions.js";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../auth/passwords.js";
import { AppError } from "../errors.js";
import { newId, nowIso } from "../ids.js";

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
  organisation: string;
  stakeholderGroup: StakeholderGroup;
  siteRole?: SiteRole;
  /** Accounts an operator makes (`margin user add`, the demo) are verified; a sign-up proves its address by mail first. */
  verified?: boolean;
}

/**
 * The one message for every failed sign-in, so it reveals nothing about which emails exist;
 * it names an unconfirmed address too, for everyone, since that fails the same way.
 */
const SIGN_IN_FAILED = "That email and password do not match an account, or the account's address is not confirmed yet: open the link we mailed you.";

/** Creates an account; a taken email is a field error on `email`. Input must already be validated. */
export async function createAccount(db: Db, input: NewAccount): Promise<UserProfile> {
  if (await findUserByEmail(db.kysely, input.email)) {
    throw new AppError("conflict", "An account with this email already exists.", {
      fieldErrors: { email: ["An account with this email already exists. Sign in instead?"] },
    });
  }
  const row = {
    id: newId(),
    email: input.email,
    display_name: input.displayName,
    organisation: input.organisation,
    stakeholder_group: input.stakeholderGroup,
    password_hash: await hashPassword(input.password),
    site_role: input.siteRole ?? "member",
    created_at: nowIso(),
    locale: null,
    email_verified_at: input.verified ? nowIso() : null,
  };
  try {
    await insertUser(db.kysely, row);
  } catch (e) {
    // Two sign-ups racing for one email: the unique index decides.
    if (await findUserByEmail(db.kysely, input.email)) {
      throw new AppError("conflict", "An account with this email already exists.", {
        fieldErrors: { email: ["An account with this email already exists. Sign in instead?"] },
      });
    }
    throw e;
  }
  const { password_hash: _omit, ...profile } = row;
  return profile;
}

/**
 * Checks credentials; unknown email and wrong password fail identically, in similar time.
 * With `requireVerifiedEmail` (REQUIRE_VERIFIED_EMAIL), an account whose address is not
 * confirmed fails the same way too, whatever the password: whoever signs up with someone
 * else's address cannot sign in with it, nor learn from a sign-in that the address was taken.
 */
export async function checkCredentials(db: Db, email: string, password: string, requireVerifiedEmail = false): Promise<UserProfile> {
  const user = await findUserCredentialsByEmail(db.kysely, email);
  const ok = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);
  if (!user || !ok || (requireVerifiedEmail && user.email_verified_at === null)) throw new AppError("unauthenticated", SIGN_IN_FAILED);
  const { password_hash: _omit, ...profile } = user;
  return profile;
}

/** Used by `margin user add` on an existing email: sets the role, and resets the password when one is given. */
export async function resetAccount(db: Db, email: string, password: string | null, siteRole: SiteRole): Promise<UserProfile> {
  const user = await findUserByEmail(db.kysely, email);
  if (!user) throw new AppError("not_found", `No account with email ${email}.`);
  if (password !== null) await updateUserPassword(db.kysely, user.id, await hashPassword(password));
  await updateUserSiteRole(db.kysely, user.id, siteRole);
  return { ...user, site_role: siteRole };
}

/**
 * Ends every session of the user, revokes every API token and retires every open mailed
 * link (confirmation, reset, change of address): nothing signed in as them, nor a link
 * asked for before, keeps working.
 */
export async function signOutEverywhere(db: Db, sessions: SessionManager, userId: string): Promise<void> {
  await deleteApiTokensOfUser(db.kysely, userId);
  await retireAllAccountTokens(db.kysely, userId, nowIso());
  await sessions.revokeAllOfUser(userId);
}

const WRONG_CURRENT_PASSWORD = "That is not your current password.";

/**
 * Changes the password after checking the current one, then ends the user's
 * other sessions, revokes all their API tokens and retires every open mailed link:
 * whoever may have learnt the old password loses whatever it let them open. The session making the change stays.
 */
export async function changePassword(db: Db, sessions: SessionManager, user: UserProfile, keepSessionId: string, current: string, next: string): Promise<void> {
  const hash = await findPasswordHash(db.kysely, user.id);
  if (!hash || !(await verifyPassword(hash, current))) {
    throw new AppError("invalid_input", WRONG_CURRENT_PASSWORD, { fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] } });
  }
  if (current === next) {
    throw new AppError("invalid_input", "Choose a password different from the current one.", { fieldErrors: { newPassword: ["Choose a password different from the current one."] } });
  }
  await updateUserPassword(db.kysely, user.id, await hashPassword(next));
  await deleteApiTokensOfUser(db.kysely, user.id);
  // A link asked for under the old password (a change of address, say) goes with it.
  await retireAllAccountTokens(db.kysely, user.id, nowIso());
  for (const s of await listSessionsOfUser(db.kysely, user.id)) {
    if (s.id !== keepSessionId) await sessions.revokeOfUser(user.id, s.id);
  }
}

/** Changes how the account is shown. Past positions keep the group they had; names follow the account. */
export async function updateProfile(db: Db, userId: string, input: { displayName: string; organisation: string }): Promise<void> {
  await updateUserProfile(db.kysely, userId, { display_name: input.displayName, organisation: input.organisation });
}

/** The account's interface language; null follows the browser (the cookie, then Accept-Language). */
export async function updateLocale(db: Db, userId: string, locale: Locale | null): Promise<void> {
  await setUserLocale(db.kysely, userId, locale);
}

/** The user's own signed-in sessions, newest activity first (never anyone else's). */
export async function listOwnSessions(db: Db, user: UserProfile) {
  return listSessionsOfUser(db.kysely, user.id);
}
