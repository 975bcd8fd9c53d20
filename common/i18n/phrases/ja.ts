/**
 * Japanese for the server's English phrases (see ../phrases.ts). One object per
 * area, merged below, so each area's phrases are kept together.
 */
import { ACCOUNT_LINKS_JA, ACCOUNT_LINKS_PATTERNS_JA } from "./ja-account-links.js";
import { ACCOUNTS_JA, ACCOUNTS_PATTERNS_JA } from "./ja-accounts.js";
import { COMMENTS_JA, COMMENTS_PATTERNS_JA } from "./ja-comments.js";
import { FIELDS_JA } from "./ja-fields.js";
import { FOLLOW_JA } from "./ja-follow.js";
import { PASSAGES_JA } from "./ja-passages.js";
import { WORKING_COPY_JA } from "./ja-working-copy.js";
import { FORM_JA, FORM_PATTERNS_JA } from "./ja-form.js";
import { HISTORY_JA, HISTORY_PATTERNS_JA } from "./ja-history.js";
import { INVITATIONS_JA } from "./ja-invitations.js";
import { MAIL_JA, MAIL_PATTERNS_JA } from "./ja-mail.js";
import { MISC_JA, MISC_PATTERNS_JA } from "./ja-misc.js";
import { MY_SUBMISSIONS_JA } from "./ja-my-submissions.js";
import { NOTIFICATIONS_JA } from "./ja-notifications.js";
import { REQUESTS_JA, REQUESTS_PATTERNS_JA } from "./ja-requests.js";
import { SEARCH_JA, SEARCH_PATTERNS_JA } from "./ja-search.js";
import { GROUP_RESPONSE_JA } from "./ja-group-response.js";
import { GROUPS_JA } from "./ja-groups.js";

export const PHRASES_JA: Record<string, string> = {
  ...ACCOUNT_LINKS_JA,
  ...ACCOUNTS_JA,
  ...COMMENTS_JA,
  ...FIELDS_JA,
  ...FOLLOW_JA,
  ...PASSAGES_JA,
  ...WORKING_COPY_JA,
  ...FORM_JA,
  ...HISTORY_JA,
  ...INVITATIONS_JA,
  ...MAIL_JA,
  ...MISC_JA,
  ...MY_SUBMISSIONS_JA,
  ...NOTIFICATIONS_JA,
  ...REQUESTS_JA,
  ...SEARCH_JA,
  ...GROUP_RESPONSE_JA,
  ...GROUPS_JA,
};

/** Phrases with a varying part, written with {name} placeholders on both sides (the general forms' patterns last). */
export const PATTERNS_JA: Record<string, string> = {
  ...ACCOUNT_LINKS_PATTERNS_JA,
  ...ACCOUNTS_PATTERNS_JA,
  ...COMMENTS_PATTERNS_JA,
  ...HISTORY_PATTERNS_JA,
  ...MAIL_PATTERNS_JA,
  ...MISC_PATTERNS_JA,
  ...REQUESTS_PATTERNS_JA,
  ...SEARCH_PATTERNS_JA,
  ...FORM_PATTERNS_JA,
};
