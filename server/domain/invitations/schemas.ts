import { z } from "zod";
import { LOCALES } from "../../../common/i18n/locales.js";
import { CONSULTATION_ROLES } from "../../../db/schema.js";
import { EmailSchema, SignUpSchema } from "../schemas.js";

/** The language the invitation mail is written in. */
const MailLocaleSchema = z.enum(LOCALES, { error: "Choose the language of the mail." });

/** The team card's invitation: an address, the role offered, the mail's language. */
export const TeamInviteSchema = z.object({
  email: EmailSchema,
  role: z.enum(CONSULTATION_ROLES, { error: "Choose owner, drafter or moderator." }),
  locale: MailLocaleSchema,
});

/** An organisation's invitation: an address and the mail's language (the invited join as members). */
export const OrganisationInviteSchema = z.object({
  email: EmailSchema,
  locale: MailLocaleSchema,
});

/** An open invitation named by a button (revoke, resend). */
export const InvitationIdSchema = z.object({ invitationId: z.string().regex(/^[a-z2-7]{16}$/) });

/**
 * The account made on the invitation page: the sign-up's rules without the address (the
 * invitation's), and the privacy notice accepted.
 */
export const InvitedAccountSchema = SignUpSchema.omit({ email: true }).extend({
  consent: z.literal("on", { error: "Please read the privacy notice and tick the box to agree." }),
});
