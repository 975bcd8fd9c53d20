/**
 * The interface's message catalogs (ICU MessageFormat, ADR 020), one file per
 * area in each language. The Japanese tables are typed by the English ones, so
 * a message missing in either language is a compile error.
 */
import { core as enCore } from "./en/core.js";
import { core as jaCore } from "./ja/core.js";
import { request as enRequest } from "./en/request.js";
import { request as jaRequest } from "./ja/request.js";
import { respond as enRespond } from "./en/respond.js";
import { respond as jaRespond } from "./ja/respond.js";
import { results as enResults } from "./en/results.js";
import { results as jaResults } from "./ja/results.js";
import { orgs as enOrgs } from "./en/orgs.js";
import { orgs as jaOrgs } from "./ja/orgs.js";
import { transparency as enTransparency } from "./en/transparency.js";
import { transparency as jaTransparency } from "./ja/transparency.js";
import { submissions as enSubmissions } from "./en/submissions.js";
import { submissions as jaSubmissions } from "./ja/submissions.js";

export const EN = {
  ...enCore,
  ...enRequest,
  ...enRespond,
  ...enResults,
  ...enOrgs,
  ...enTransparency,
  ...enSubmissions,
};

export type MessageId = keyof typeof EN;

export const JA: Record<MessageId, string> = {
  ...jaCore,
  ...jaRequest,
  ...jaRespond,
  ...jaResults,
  ...jaOrgs,
  ...jaTransparency,
  ...jaSubmissions,
};
