import type { ActionFunctionArgs } from "@remix-run/node";
import type { UserProfile } from "../../../db/queries/user.js";
import {
  inviteToOrganisation,
  resendOrganisationInvitation,
  revokeOrganisationInvitation,
  type OrganisationInviting,
} from "../../../server/domain/invitations/index.js";
import { InvitationIdSchema, OrganisationInviteSchema } from "../../../server/domain/invitations/schemas.js";
import { fields, firstValues, intentsFor, type IntentHandler } from "../../utils/intents.server.js";
import { invitationDeps } from "../../utils/invitations.server.js";
import { redirectWithFlash } from "../../utils/request.server.js";

export interface OrganisationInvitationsContext {
  services: ActionFunctionArgs["context"]["margin"]["services"];
  user: UserProfile;
  org: OrganisationInviting;
  here: string;
}

type Intent = IntentHandler<OrganisationInvitationsContext>;
const intent = intentsFor<OrganisationInvitationsContext>();

export const ORGANISATION_INVITATION_INTENTS: Record<string, Intent> = {
  // The same answer for every address, account or not.
  invite: intent(fields(OrganisationInviteSchema, ["email", "locale"]), async ({ services, user, org, here }, d) => {
    await inviteToOrganisation(invitationDeps(services), org, user, d);
    return redirectWithFlash(here, { id: "invitations.flash.sent", values: { email: d.email } });
  }),

  "revoke-invitation": intent(firstValues(InvitationIdSchema, ["invitationId"]), async ({ services, org, here }, d) => {
    await revokeOrganisationInvitation(services.db, org, d.invitationId);
    return redirectWithFlash(here, { id: "invitations.flash.revoked" });
  }),

  "resend-invitation": intent(firstValues(InvitationIdSchema, ["invitationId"]), async ({ services, user, org, here }, d) => {
    await resendOrganisationInvitation(invitationDeps(services), org, user, d.invitationId);
    return redirectWithFlash(here, { id: "invitations.flash.resent" });
  }),
};
