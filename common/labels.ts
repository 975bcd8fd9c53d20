/**
 * How enum values read in pages, exports and feeds. Each table is typed by its
 * enum, so a value without a label (or a label for a value that does not
 * exist) is a compile error.
 */
import type { ConsultationStatus, DisclosureLevel, DispositionOutcome, ModerationReason, OrganisationKind, QuestionKind, Stance, StakeholderGroup } from "./enums.js";
import type { Phase } from "./phase.js";

export const STANCE_LABEL: Record<Stance, string> = {
  support: "Support",
  support_with_changes: "Support with changes",
  oppose: "Oppose",
  neutral: "Neutral",
};

/** How each disposition outcome reads in pages and exports. */
export const DISPOSITION_LABEL: Record<DispositionOutcome, string> = {
  adopted: "Adopted",
  partly_adopted: "Partly adopted",
  not_adopted: "Not adopted",
  noted: "Noted",
  out_of_scope: "Out of scope",
};

export const STAKEHOLDER_LABEL: Record<StakeholderGroup, string> = {
  government: "Government",
  industry: "Industry",
  startup: "Start-up",
  academia: "Academia",
  civil_society: "Civil society",
  individual: "Individual",
  other: "Other",
};

/** Moderation reason codes as the public reads them. */
export const REASON_LABEL: Record<ModerationReason, string> = {
  off_topic: "Off-topic",
  abusive: "Abusive",
  spam: "Spam",
  personal_data: "Personal data",
  duplicate: "Duplicate",
  other: "Other",
  reported: "Hidden after several reports, pending review",
};

export const PHASE_LABEL: Record<Phase, string> = {
  draft: "Draft",
  upcoming: "Opening soon",
  open: "Open for comment",
  closed: "Closed",
  final: "Final",
};

/** A phase change as the timeline and the feed announce it (a consultation never moves back to draft). */
export const PHASE_CHANGE_LABEL: Record<Exclude<ConsultationStatus, "draft">, string> = {
  open: "Opened for comment",
  closed: "Closed for comment",
  final: "Marked final",
};

/**
 * A label for a value that comes as a plain string (a row read as text, a
 * JSON payload): the label when it is a known value, else the value itself.
 */
export function labelOf<K extends string>(labels: Record<K, string>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value as K] : value;
}

export const ORGANISATION_KIND_LABEL: Record<OrganisationKind, string> = {
  government: "Government body",
  company: "Company",
  startup: "Start-up",
  academia: "Academia",
  civil_society: "Civil society",
  other: "Other",
};

/** A disclosure level in a few words (forms, lists). */
export const DISCLOSURE_LABEL: Record<DisclosureLevel, string> = {
  public_named: "Public, with your organisation's name",
  public_unnamed: "Public, without your organisation's name",
  recipients: "Recipients only",
  aggregate: "Statistics only",
};

/** Who can read an answer at each level, said plainly before the respondent submits. */
export const DISCLOSURE_READERS: Record<DisclosureLevel, string> = {
  public_named: "Anyone, after the deadline, with your organisation's name.",
  public_unnamed:
    "Anyone, after the deadline, with nothing that identifies your organisation: no name, your kind of organisation only if at least k organisations of that kind answered, the day but not the time, in shuffled order.",
  recipients: "Only the members of the recipient bodies listed on this request, each read logged for your organisation to see.",
  aggregate: "No one reads this answer itself, not even recipients or site administrators: it is only counted in published statistics that hide groups smaller than k.",
};

export const QUESTION_KIND_LABEL: Record<QuestionKind, string> = {
  text: "Free text",
  single: "Single choice",
  multiple: "Multiple choice",
  number: "Number",
  yes_no: "Yes or no",
};
