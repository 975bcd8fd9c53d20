/**
 * Length limits of user text, in UTF-16 units: the server's zod schemas
 * (server/domain/schemas.ts) refuse past them, and forms set the same numbers
 * as `maxLength`/`minLength`, so the browser stops people before the server has to.
 */

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 5000;
export const NAME_MAX = 100;
export const ORGANISATION_MAX = 200;
export const SLUG_MIN = 3;
export const SLUG_MAX = 80;
export const EMAIL_MAX = 254;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export const COMMENT_BODY_MAX = 10_000;
export const QUOTE_MAX = 2_000;
/** A quote's prefix or suffix as a client sends it (the server keeps its own, shorter, cut). */
export const QUOTE_CONTEXT_MAX = 200;
/** A moderator's note for the team. */
export const MODERATION_NOTE_MAX = 1000;

export const VERSION_NAME_MAX = 120;
export const VERSION_NOTE_MAX = 2000;
export const DISPOSITION_RESPONSE_MAX = 5000;
/** How many change sets one disposition may point to. */
export const DISPOSITION_LINKS_MAX = 20;

/** Information requests (issue 14). */
export const REQUEST_PURPOSE_MAX = 5000;
export const REQUEST_LEGAL_BASIS_MAX = 1000;
export const REQUEST_QUESTIONS_MAX = 50;
export const QUESTION_PROMPT_MAX = 1000;
export const QUESTION_HELP_MAX = 2000;
export const QUESTION_CHOICES_MAX = 30;
export const CHOICE_LABEL_MAX = 200;
export const ANSWER_TEXT_MAX = 20_000;
/** Numbers an answer may give: finite, within ±1e15 (exact in a double). */
export const ANSWER_NUMBER_ABS_MAX = 1e15;
export const DECLINE_REASON_MAX = 2000;
export const REQUEST_INVITATIONS_MAX = 500;
export const RECIPIENT_BODY_DESCRIPTION_MAX = 2000;
/** k: the smallest group whose figures are published; at least 2, default 5. */
export const K_THRESHOLD_MIN = 2;
export const K_THRESHOLD_MAX = 100;
export const K_THRESHOLD_DEFAULT = 5;
export const RETENTION_DAYS_MAX = 3650;

/** How many recipient bodies a consultation may name as the readers of its confidential submissions. */
export const CONSULTATION_RECIPIENT_BODIES_MAX = 20;

/** A search query (the header's box, the search page and /api/v1/search). */
export const SEARCH_QUERY_MAX = 200;

/**
 * A passage a position is about (ADR 028): at least this many characters (code points,
 * surrounding spaces not counted), starting and ending on word boundaries, so one letter
 * or half a word is never shown to everyone as "a passage".
 */
export const PASSAGE_MIN_CHARS = 4;
/** The most passages a section page breaks positions down by (those with the most positions). */
export const PASSAGES_SHOWN = 10;

/** Topic groups (ADR 031): the team's name for a group, and its gist of the opinions (提出意見の概要). */
export const GROUP_LABEL_MAX = 120;
export const GROUP_GIST_MAX = 2000;
/** How many comments one "move" or "split" may carry (a page of members). */
export const GROUP_MOVE_MAX = 200;
/** Topics per page of the grouping view, and members per page of a topic. */
export const GROUPS_PAGE = 20;
export const GROUP_MEMBERS_PAGE = 50;
