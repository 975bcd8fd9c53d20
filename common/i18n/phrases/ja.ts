/**
 * Japanese for the server's English phrases (see ../phrases.ts). One object per
 * area, merged below, so each area's phrases are kept together.
 */
import { ACCOUNTS_JA, ACCOUNTS_PATTERNS_JA } from "./ja-accounts.js";
import { COMMENTS_JA, COMMENTS_PATTERNS_JA } from "./ja-comments.js";
import { FIELDS_JA } from "./ja-fields.js";
import { FOLLOW_JA } from "./ja-follow.js";
import { FORM_JA, FORM_PATTERNS_JA } from "./ja-form.js";
import { HISTORY_JA, HISTORY_PATTERNS_JA } from "./ja-history.js";
import { MISC_JA, MISC_PATTERNS_JA } from "./ja-misc.js";
import { REQUESTS_JA, REQUESTS_PATTERNS_JA } from "./ja-requests.js";
import { SEARCH_JA, SEARCH_PATTERNS_JA } from "./ja-search.js";

export const PHRASES_JA: Record<string, string> = {
  ...ACCOUNTS_JA,
  ...COMMENTS_JA,
  ...FIELDS_JA,
  ...FOLLOW_JA,
  ...FORM_JA,
  ...HISTORY_JA,
  ...MISC_JA,
  ...REQUESTS_JA,
  ...SEARCH_JA,
};

/** Phrases with a varying part, written with {name} placeholders on both sides (the general forms' patterns last). */
export const PATTERNS_JA: Record<string, string> = {
  ...ACCOUNTS_PATTERNS_JA,
  ...COMMENTS_PATTERNS_JA,
  ...HISTORY_PATTERNS_JA,
  ...MISC_PATTERNS_JA,
  ...REQUESTS_PATTERNS_JA,
  ...SEARCH_PATTERNS_JA,
  ...FORM_PATTERNS_JA,
};
