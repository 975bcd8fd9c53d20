// Route glue for the account's e-mail links (sign-up, confirmation, reset, change of
// address, deletion): routes reach server/domain/account-lifecycle.ts only through here.
import type { AppLoadContext } from "@remix-run/node";
import type { AccountLinkDeps } from "../../server/domain/account-lifecycle.js";
import { isAppError } from "../../server/errors.js";

export { isAppError };

export {
  confirmEmail,
  confirmEmailChange,
  deleteAccount,
  findUsableToken,
  requestEmailChange,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signUp,
} from "../../server/domain/account-lifecycle.js";
export { mayOnceConfirmed, mayRespondOnceConfirmed } from "../../server/auth/access.js";
export * as accountSchemas from "../../server/domain/account-schemas.js";

/** What the account-link services need, from the process's services. */
export function accountLinkDeps(context: AppLoadContext): AccountLinkDeps {
  const { db, mail, sessions, env } = context.margin.services;
  return {
    db,
    mail,
    sessions,
    ttlMinutes: { verify: env.VERIFY_TOKEN_TTL_MINUTES, reset: env.RESET_TOKEN_TTL_MINUTES, email_change: env.EMAIL_CHANGE_TOKEN_TTL_MINUTES },
  };
}

/** Counts one account mail against the address's and the client's budgets (429 beyond either). */
export async function spendAccountMail(context: AppLoadContext, email: string): Promise<void> {
  const { services, clientIp } = context.margin;
  await services.limiters.accountMailPerIp.consume(clientIp);
  await services.limiters.accountMailPerEmail.consume(email);
}

/** Runs a link's action; a link that does not work (or a refused input) comes back as its message, anything else is thrown. */
export async function linkFailure(work: Promise<unknown>): Promise<string | null> {
  try {
    await work;
    return null;
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
}
