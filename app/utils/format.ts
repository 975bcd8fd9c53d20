import { REASON_LABEL as REASON_LABELS, STAKEHOLDER_LABEL as GROUP_LABELS } from "../../common/labels.js";
import type { Phase } from "../../common/phase.js";

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

export type { Phase };
// Labels and the grapheme cutter live in common/ (the server uses them too); re-exported for the pages.
export { PHASE_LABEL } from "../../common/labels.js";
export { ellipsize } from "../../common/graphemes.js";

/**
 * The labels of common/labels.ts (typed by their enums, so none can be missing)
 * seen as plain string maps, for pages whose loader data still types these
 * values as `string`. New code: import from common/labels.ts and use `labelOf`.
 */
export const STAKEHOLDER_LABEL: Readonly<Record<string, string>> = GROUP_LABELS;
export const REASON_LABEL: Readonly<Record<string, string>> = REASON_LABELS;

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
