import { checkCheckpoints } from "./checkpoints.js";
import { checkComments } from "./comments.js";
import type { RecordCheck } from "./context.js";
import { checkModeration } from "./moderation.js";
import { checkResponses } from "./responses.js";
import { checkGroupResponses } from "./group-responses.js";
import { checkMembership } from "./membership.js";
import { checkFrozenReports } from "./reports.js";
import { checkSettings } from "./settings.js";
import { checkPositions } from "./positions.js";
import { checkPublications } from "./publications.js";
import { checkPrivateTexts } from "./private-texts.js";
import { checkVersions } from "./versions.js";
import { checkOrganisations } from "./organisations.js";
import { checkRequests } from "./requests.js";
import { checkRecipients } from "./recipients.js";

/**
 * The checks of what readers are shown against the ledger, run by `margin verify`
 * after the chains and the text history check out. Each lives in its own file.
 */
export const RECORD_CHECKS: { name: string; run: RecordCheck }[] = [
  { name: "signed checkpoints", run: checkCheckpoints },
  { name: "comments", run: checkComments },
  { name: "private texts", run: checkPrivateTexts },
  { name: "responses", run: checkResponses },
  { name: "group responses", run: checkGroupResponses },
  { name: "moderation", run: checkModeration },
  { name: "settings", run: checkSettings },
  { name: "team", run: checkMembership },
  { name: "frozen reports", run: checkFrozenReports },
  { name: "positions", run: checkPositions },
  { name: "working-copy publications", run: checkPublications },
  { name: "versions", run: checkVersions },
  { name: "organisations", run: checkOrganisations },
  { name: "information requests", run: checkRequests },
  { name: "readers of confidential submissions", run: checkRecipients },
];
