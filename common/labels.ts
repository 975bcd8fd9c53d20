/**
 * How enum values read in pages, exports and feeds. Each table is typed by its
 * enum, so a value without a label (or a label for a value that does not
 * exist) is a compile error.
 */
import type { ConsultationStatus, DispositionOutcome, ModerationReason, Stance, StakeholderGroup } from "./enums.js";
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
