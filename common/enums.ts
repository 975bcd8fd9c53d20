/**
 * The value lists of the database enums that pages and the server both show or
 * check. db/schema.ts keeps its own copies (db imports nothing of ours);
 * common/enums.test.ts fails, at compile time and at run time, if the two ever differ.
 */

export const CONSULTATION_STATUSES = ["draft", "open", "closed", "final"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const STAKEHOLDER_GROUPS = ["government", "industry", "startup", "academia", "civil_society", "individual", "other"] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

export const STANCES = ["support", "support_with_changes", "oppose", "neutral"] as const;
export type Stance = (typeof STANCES)[number];

export const DISPOSITION_OUTCOMES = ["adopted", "partly_adopted", "not_adopted", "noted", "out_of_scope"] as const;
export type DispositionOutcome = (typeof DISPOSITION_OUTCOMES)[number];

/** Reasons a moderator may give; "reported" is the system's own (hidden after several reports). */
export const MODERATION_REASONS = ["off_topic", "abusive", "spam", "personal_data", "duplicate", "other"] as const;
export type ModerationReason = (typeof MODERATION_REASONS)[number] | "reported";

export const ORGANISATION_KINDS = ["government", "company", "startup", "academia", "civil_society", "other"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Information requests (issue 14): from most open to most closed. */
export const DISCLOSURE_LEVELS = ["public_named", "public_unnamed", "recipients", "aggregate"] as const;
export type DisclosureLevel = (typeof DISCLOSURE_LEVELS)[number];

export const QUESTION_KINDS = ["text", "single", "multiple", "number", "yes_no"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** What search finds (the search page's "Show" filter). */
export const SEARCH_KINDS = ["consultation", "section", "comment", "response", "request"] as const;
