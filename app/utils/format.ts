// Formatting shared by server render and hydration: always UTC and a fixed
// locale, so the two renders produce the same text.

const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function formatDateTime(iso: string | null): string {
  return iso ? `${DATE_TIME.format(new Date(iso))} UTC` : "not set";
}

export function formatDate(iso: string | null): string {
  return iso ? DATE.format(new Date(iso)) : "not set";
}

/** "3 days", "5 hours", "12 minutes": the coarsest unit that is at least 1. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))} days`;
  if (minutes >= 2 * 60) return `${Math.floor(minutes / 60)} hours`;
  if (minutes === 1) return "1 minute";
  return `${minutes} minutes`;
}

export type Phase = "draft" | "upcoming" | "open" | "closed" | "final";

export const PHASE_LABEL: Record<Phase, string> = {
  draft: "Draft",
  upcoming: "Opening soon",
  open: "Open for comment",
  closed: "Closed",
  final: "Final",
};

/** A sentence about the comment window relative to `nowIso` (passed from the loader). */
export function windowSentence(phase: Phase, opensAt: string | null, closesAt: string | null, nowIso: string): string {
  const now = Date.parse(nowIso);
  switch (phase) {
    case "draft":
      return "Not yet published: only the consultation team can see it.";
    case "upcoming":
      return opensAt ? `Opens for comment in ${formatDuration(Date.parse(opensAt) - now)}, on ${formatDateTime(opensAt)}.` : "Opens for comment soon.";
    case "open":
      return closesAt
        ? `Open for comment. ${formatDuration(Date.parse(closesAt) - now)} left: closes ${formatDateTime(closesAt)}.`
        : "Open for comment, with no closing date set.";
    case "closed":
      return closesAt ? `Closed for comment on ${formatDateTime(closesAt)}. Responses are being prepared.` : "Closed for comment.";
    case "final":
      return "Final: the closing version and the response to comments are published.";
  }
}

export const STAKEHOLDER_LABEL: Record<string, string> = {
  government: "Government",
  industry: "Industry",
  startup: "Start-up",
  academia: "Academia",
  civil_society: "Civil society",
  individual: "Individual",
  other: "Other",
};

/** Moderation reason codes as the public reads them. */
export const REASON_LABEL: Record<string, string> = {
  off_topic: "Off-topic",
  abusive: "Abusive",
  spam: "Spam",
  personal_data: "Personal data",
  duplicate: "Duplicate",
  other: "Other",
  reported: "Hidden after several reports, pending review",
};

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The text shortened to at most `max` UTF-16 units with an ellipsis, cut
 * between characters (graphemes), never inside an emoji or before its
 * combining marks.
 */
export function ellipsize(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const g of GRAPHEMES.segment(text)) {
    const next = g.index + g.segment.length;
    if (next > max - 1) break;
    end = next;
  }
  return `${text.slice(0, end)}…`;
}
