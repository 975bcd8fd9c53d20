import { z } from "zod";
import { accountLinkDeps, accountSchemas, deleteAccount, requestEmailChange, resendVerification, spendAccountMail } from "../../utils/account-links.server.js";
import { fields, firstValues, intentsFor, type IntentHandler } from "../../utils/intents.server.js";
import { redirectWithFlash, safeRedirect } from "../../utils/request.server.js";
import type { AccountActionContext, TokenCreated } from "./intents.server.js";

const intent = intentsFor<AccountActionContext, TokenCreated>();

/** The account's address (its confirmation and its change) and the account's deletion. */
export const EMAIL_INTENTS: Record<string, IntentHandler<AccountActionContext, TokenCreated>> = {
  // Sent from the notice at the top of every page, which passes the page to come back to.
  "resend-verification": intent(firstValues(z.object({ redirectTo: z.string().max(2000) }), ["redirectTo"]), async ({ context, user }, d) => {
    const back = safeRedirect(d.redirectTo, "/account");
    if (user.email_verified_at !== null) return redirectWithFlash(back, "Your address is already confirmed.");
    await spendAccountMail(context, user.email);
    await resendVerification(accountLinkDeps(context), user, context.margin.locale);
    return redirectWithFlash(back, `We sent a new link to ${user.email}. It replaces the earlier ones.`);
  }),

  "change-email": intent(fields(accountSchemas.ChangeEmailSchema, ["newEmail", "emailPassword"]), async ({ context, services, user }, d) => {
    // Guessing the password from a borrowed session is a sign-in attempt like any other.
    await services.limiters.loginPerEmail.consume(user.email);
    await spendAccountMail(context, d.newEmail);
    await requestEmailChange(accountLinkDeps(context), user, d.emailPassword, d.newEmail, context.margin.locale);
    return redirectWithFlash("/account", `To finish, open the link we sent to ${d.newEmail}. Until then your address stays ${user.email}.`);
  }),

  "delete-account": intent(fields(accountSchemas.DeleteAccountSchema, ["deletePassword", "shownAs", "confirmDelete"]), async ({ context, services, user }, d) => {
    await services.limiters.loginPerEmail.consume(user.email);
    await deleteAccount(accountLinkDeps(context), user, d.deletePassword, d.shownAs);
    return redirectWithFlash("/", "Your account is deleted. What you submitted stays in the public record, shown as you chose.", [["Set-Cookie", services.sessions.blankCookie()]]);
  }),
};
