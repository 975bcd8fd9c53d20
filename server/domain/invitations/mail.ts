import { translator } from "../../../common/i18n/intl.js";
import type { Locale } from "../../../common/i18n/locales.js";
import type { MailDraft } from "../../mail/index.js";
import type { InvitationTarget } from "./target.js";

/** The invitation mail in `locale`: who invites, to what, the link, and until when it works. */
export function invitationDraft(locale: Locale, target: InvitationTarget, inviterName: string, url: string, expiresAt: string, site: string): MailDraft {
  const { t, dateTime } = translator(locale);
  const what =
    target.kind === "team"
      ? { subject: t("invitations.mail.team.subject", { title: target.title }), body: t("invitations.mail.team.body", { inviter: inviterName, title: target.title, role: target.role, site }) }
      : { subject: t("invitations.mail.org.subject", { name: target.title }), body: t("invitations.mail.org.body", { inviter: inviterName, name: target.title, site }) };
  return {
    subject: what.subject,
    // The address may have no account yet, so no name to greet.
    name: null,
    paragraphs: [what.body, t("invitations.mail.how")],
    action: { label: t("invitations.mail.action"), url },
    after: [t("invitations.mail.expires", { at: dateTime(expiresAt, target.timeZone) }), t("invitations.mail.ignore")],
  };
}
