import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { localeCookie } from "../../../common/i18n/locales.js";
import type { UserProfile } from "../../../db/queries/user.js";
import { changePassword, createApiToken, revokeApiToken, schemas, signOutEverywhere, updateLocale, updateProfile } from "../../utils/services.server.js";
import { fields, firstValues, formError, intentsFor, type IntentHandler } from "../../utils/intents.server.js";
import { redirectWithFlash } from "../../utils/request.server.js";

export interface AccountActionContext {
  services: ActionFunctionArgs["context"]["margin"]["services"];
  user: UserProfile;
  /** The session making the request. */
  sessionId: string;
  /** The request's context (its language, the client's address). */
  context: ActionFunctionArgs["context"];
}

/** A new token is shown once, on the page that created it, rather than after a redirect. */
export type TokenCreated = { ok: true; token: string; name: string };

type Intent = IntentHandler<AccountActionContext, TokenCreated>;
const intent = intentsFor<AccountActionContext, TokenCreated>();

/** The account page's forms, by their `intent` (the address's own, and deletion, are in email-intents.server.ts). */
export const ACCOUNT_INTENTS: Record<string, Intent> = {
  "revoke-session": intent(firstValues(z.object({ sessionId: z.string() }), ["sessionId"]), async ({ services, user, sessionId }, d) => {
    if (!(await services.sessions.revokeOfUser(user.id, d.sessionId))) return formError("That session no longer exists.", 404);
    if (d.sessionId === sessionId) {
      return redirectWithFlash("/", "You are signed out.", [["Set-Cookie", services.sessions.blankCookie()]]);
    }
    return redirectWithFlash("/account", "That session is signed out.");
  }),

  "revoke-all": intent(firstValues(z.object({}), []), async ({ services, user }) => {
    await signOutEverywhere(services.db, services.sessions, user.id);
    return redirectWithFlash("/login", "You are signed out on every device, and your API tokens are revoked.", [["Set-Cookie", services.sessions.blankCookie()]]);
  }),

  password: intent(fields(schemas.ChangePasswordSchema, ["currentPassword", "newPassword"]), async ({ services, user, sessionId }, d) => {
    // Guessing the current password from a borrowed session is a sign-in attempt like any other.
    await services.limiters.loginPerEmail.consume(user.email);
    await changePassword(services.db, services.sessions, user, sessionId, d.currentPassword, d.newPassword);
    return redirectWithFlash("/account", "Your password is changed. Your other sessions are signed out and your API tokens revoked.");
  }),

  profile: intent(fields(schemas.ProfileSchema, ["displayName", "organisation"]), async ({ services, user }, d) => {
    await updateProfile(services.db, user.id, d);
    return redirectWithFlash("/account", "Your name and organisation are saved.");
  }),

  // The account's language wins on every device; the cookie is set to match (it outlives a sign-out),
  // or cleared when the browser should decide, so Accept-Language is what counts again.
  language: intent(fields(schemas.AccountLocaleSchema, ["locale"]), async ({ services, user }, d) => {
    await updateLocale(services.db, user.id, d.locale);
    return redirectWithFlash("/account", { id: "account.language.saved" }, [["Set-Cookie", localeCookie(d.locale ?? null)]]);
  }),

  "create-token": intent(fields(schemas.ApiTokenNameSchema, ["name"]), async ({ services, user }, d) => {
    const created = await createApiToken(services.db, user.id, d.name);
    return { ok: true as const, token: created.token, name: d.name };
  }),

  "revoke-token": intent(firstValues(z.object({ tokenId: z.string() }), ["tokenId"]), async ({ services, user }, d) => {
    const n = await revokeApiToken(services.db, user.id, d.tokenId);
    if (n === 0) return formError("That token no longer exists.", 404);
    return redirectWithFlash("/account", "The token is revoked; programs using it can no longer sign in.");
  }),
};
