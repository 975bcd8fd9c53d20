import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { UserProfile } from "../../../db/queries/user.js";
import { acceptInvitation, acceptWithNewAccount, type InvitationTarget } from "../../../server/domain/invitations/index.js";
import { InvitedAccountSchema } from "../../../server/domain/invitations/schemas.js";
import type { Translatable } from "../../../common/i18n/intl.js";
import { fields, firstValues, intentsFor, type IntentHandler } from "../../utils/intents.server.js";
import { redirectWithFlash } from "../../utils/request.server.js";

export interface InvitationActionContext {
  services: ActionFunctionArgs["context"]["margin"]["services"];
  user: UserProfile | null;
  token: string;
  clientIp: string;
  userAgent: string;
  /** This page's own path, where signing in comes back to. */
  here: string;
}

type Intent = IntentHandler<InvitationActionContext>;
const intent = intentsFor<InvitationActionContext>();

/** Where the new member lands, with a welcome. */
function welcome(target: InvitationTarget): { to: string; message: Translatable } {
  return target.kind === "team"
    ? { to: `/c/${target.slug}`, message: { id: "invitations.flash.joinedTeam", values: { title: target.title } } }
    : { to: "/", message: { id: "invitations.flash.joinedOrg", values: { name: target.title } } };
}

function joined(services: InvitationActionContext["services"], target: InvitationTarget) {
  // Open editor connections re-check their access when the team changes.
  if (target.ref.kind === "team") services.bus.publish({ type: "consultation.changed", consultationId: target.ref.consultationId });
}

/** The invitation page's two forms: accept as the signed-in person, or create the account and accept. */
export const INVITATION_INTENTS: Record<string, Intent> = {
  accept: intent(firstValues(z.object({}), []), async ({ services, user, token, here }) => {
    if (!user) throw redirect(`/login?redirectTo=${encodeURIComponent(here)}`);
    const target = await acceptInvitation(services.db, token, user);
    joined(services, target);
    const { to, message } = welcome(target);
    return redirectWithFlash(to, message);
  }),

  create: intent(fields(InvitedAccountSchema, ["displayName", "password", "organisation", "stakeholderGroup", "consent"]), async ({ services, user, token, clientIp, userAgent, here }, d) => {
    // Signed in already: the account to accept with is that one.
    if (user) throw redirect(here);
    await services.limiters.signupPerIp.consume(clientIp);
    const { user: created, target } = await acceptWithNewAccount(services.db, token, d);
    joined(services, target);
    const { token: session } = await services.sessions.create(created.id, userAgent);
    const { to, message } = welcome(target);
    return redirectWithFlash(to, message, [["Set-Cookie", services.sessions.cookie(session)]]);
  }),
};
