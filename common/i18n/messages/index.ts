/**
 * The interface's message catalogs (ICU MessageFormat, ADR 020), one file per
 * area in each language. The Japanese tables are typed by the English ones, so
 * a message missing in either language is a compile error.
 */
import { core as enCore } from "./en/core.js";
import { core as jaCore } from "./ja/core.js";
import { account as enAccount } from "./en/account.js";
import { account as jaAccount } from "./ja/account.js";
import { accountFlow as enAccountFlow } from "./en/account-flow.js";
import { accountFlow as jaAccountFlow } from "./ja/account-flow.js";
import { accountMail as enAccountMail } from "./en/account-mail.js";
import { accountMail as jaAccountMail } from "./ja/account-mail.js";
import { auth as enAuth } from "./en/auth.js";
import { auth as jaAuth } from "./ja/auth.js";
import { cli as enCli } from "./en/cli.js";
import { cli as jaCli } from "./ja/cli.js";
import { comments as enComments } from "./en/comments.js";
import { comments as jaComments } from "./ja/comments.js";
import { consultation as enConsultation } from "./en/consultation.js";
import { consultation as jaConsultation } from "./ja/consultation.js";
import { create as enCreate } from "./en/create.js";
import { create as jaCreate } from "./ja/create.js";
import { editor as enEditor } from "./en/editor.js";
import { editor as jaEditor } from "./ja/editor.js";
import { fields as enFields } from "./en/fields.js";
import { fields as jaFields } from "./ja/fields.js";
import { firstRun as enFirstRun } from "./en/first-run.js";
import { firstRun as jaFirstRun } from "./ja/first-run.js";
import { follow as enFollow } from "./en/follow.js";
import { follow as jaFollow } from "./ja/follow.js";
import { forms as enForms } from "./en/forms.js";
import { forms as jaForms } from "./ja/forms.js";
import { history as enHistory } from "./en/history.js";
import { history as jaHistory } from "./ja/history.js";
import { home as enHome } from "./en/home.js";
import { home as jaHome } from "./ja/home.js";
import { invitations as enInvitations } from "./en/invitations.js";
import { invitations as jaInvitations } from "./ja/invitations.js";
import { labels as enLabels } from "./en/labels.js";
import { labels as jaLabels } from "./ja/labels.js";
import { labelsHistory as enLabelsHistory } from "./en/labels-history.js";
import { labelsHistory as jaLabelsHistory } from "./ja/labels-history.js";
import { mail as enMail } from "./en/mail.js";
import { mail as jaMail } from "./ja/mail.js";
import { mailAdmin as enMailAdmin } from "./en/mail-admin.js";
import { mailAdmin as jaMailAdmin } from "./ja/mail-admin.js";
import { mailTest as enMailTest } from "./en/mail-test.js";
import { mailTest as jaMailTest } from "./ja/mail-test.js";
import { moderation as enModeration } from "./en/moderation.js";
import { moderation as jaModeration } from "./ja/moderation.js";
import { mySubmissions as enMySubmissions } from "./en/my-submissions.js";
import { mySubmissions as jaMySubmissions } from "./ja/my-submissions.js";
import { notifications as enNotifications } from "./en/notifications.js";
import { notifications as jaNotifications } from "./ja/notifications.js";
import { notify as enNotify } from "./en/notify.js";
import { notify as jaNotify } from "./ja/notify.js";
import { orgs as enOrgs } from "./en/orgs.js";
import { orgs as jaOrgs } from "./ja/orgs.js";
import { publication as enPublication } from "./en/publication.js";
import { publication as jaPublication } from "./ja/publication.js";
import { reader as enReader } from "./en/reader.js";
import { reader as jaReader } from "./ja/reader.js";
import { reading as enReading } from "./en/reading.js";
import { reading as jaReading } from "./ja/reading.js";
import { report as enReport } from "./en/report.js";
import { report as jaReport } from "./ja/report.js";
import { request as enRequest } from "./en/request.js";
import { request as jaRequest } from "./ja/request.js";
import { respond as enRespond } from "./en/respond.js";
import { respond as jaRespond } from "./ja/respond.js";
import { results as enResults } from "./en/results.js";
import { results as jaResults } from "./ja/results.js";
import { search as enSearch } from "./en/search.js";
import { search as jaSearch } from "./ja/search.js";
import { section as enSection } from "./en/section.js";
import { section as jaSection } from "./ja/section.js";
import { settings as enSettings } from "./en/settings.js";
import { settings as jaSettings } from "./ja/settings.js";
import { submissions as enSubmissions } from "./en/submissions.js";
import { submissions as jaSubmissions } from "./ja/submissions.js";
import { takingPart as enTakingPart } from "./en/taking-part.js";
import { takingPart as jaTakingPart } from "./ja/taking-part.js";
import { transparency as enTransparency } from "./en/transparency.js";
import { transparency as jaTransparency } from "./ja/transparency.js";
import { versions as enVersions } from "./en/versions.js";
import { versions as jaVersions } from "./ja/versions.js";
import { campaigns as enCampaigns } from "./en/campaigns.js";
import { campaigns as jaCampaigns } from "./ja/campaigns.js";
import { groups as enGroups } from "./en/groups.js";
import { groups as jaGroups } from "./ja/groups.js";
import { groupResponse as enGroupResponse } from "./en/group-response.js";
import { groupResponse as jaGroupResponse } from "./ja/group-response.js";
import { egov as enEgov } from "./en/egov.js";
import { egov as jaEgov } from "./ja/egov.js";
import { heat as enHeat } from "./en/heat.js";
import { heat as jaHeat } from "./ja/heat.js";
import { workingCopy as enWorkingCopy } from "./en/working-copy.js";
import { workingCopy as jaWorkingCopy } from "./ja/working-copy.js";

export const EN = {
  ...enCore,
  ...enAccount,
  ...enAccountFlow,
  ...enAccountMail,
  ...enAuth,
  ...enCli,
  ...enComments,
  ...enConsultation,
  ...enCreate,
  ...enEditor,
  ...enFields,
  ...enFirstRun,
  ...enFollow,
  ...enForms,
  ...enHistory,
  ...enHome,
  ...enInvitations,
  ...enLabels,
  ...enLabelsHistory,
  ...enMail,
  ...enMailAdmin,
  ...enMailTest,
  ...enModeration,
  ...enMySubmissions,
  ...enNotifications,
  ...enNotify,
  ...enOrgs,
  ...enPublication,
  ...enReader,
  ...enReading,
  ...enReport,
  ...enRequest,
  ...enRespond,
  ...enResults,
  ...enSearch,
  ...enSection,
  ...enSettings,
  ...enSubmissions,
  ...enTakingPart,
  ...enTransparency,
  ...enVersions,
  ...enWorkingCopy,
  ...enHeat,
  ...enEgov,
  ...enGroupResponse,
  ...enGroups,
  ...enCampaigns,
};

export type MessageId = keyof typeof EN;

export const JA: Record<MessageId, string> = {
  ...jaCore,
  ...jaAccount,
  ...jaAccountFlow,
  ...jaAccountMail,
  ...jaAuth,
  ...jaCli,
  ...jaComments,
  ...jaConsultation,
  ...jaCreate,
  ...jaEditor,
  ...jaFields,
  ...jaFirstRun,
  ...jaFollow,
  ...jaForms,
  ...jaHistory,
  ...jaHome,
  ...jaInvitations,
  ...jaLabels,
  ...jaLabelsHistory,
  ...jaMail,
  ...jaMailAdmin,
  ...jaMailTest,
  ...jaModeration,
  ...jaMySubmissions,
  ...jaNotifications,
  ...jaNotify,
  ...jaOrgs,
  ...jaPublication,
  ...jaReader,
  ...jaReading,
  ...jaReport,
  ...jaRequest,
  ...jaRespond,
  ...jaResults,
  ...jaSearch,
  ...jaSection,
  ...jaSettings,
  ...jaSubmissions,
  ...jaTakingPart,
  ...jaTransparency,
  ...jaVersions,
  ...jaWorkingCopy,
  ...jaHeat,
  ...jaEgov,
  ...jaGroupResponse,
  ...jaGroups,
  ...jaCampaigns,
};
