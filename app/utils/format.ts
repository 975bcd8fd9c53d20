import { REASON_LABEL as REASON_LABELS, STAKEHOLDER_LABEL as GROUP_LABELS } from "../../common/labels.js";
import type { Translator } from "../../common/i18n/intl.js";
import type { Phase } from "../../common/phase.js";

// Pages that still show English dates in UTC use these two; the translated pages use
// the translator's `dateTime`/`date` in the consultation's time zone instead.
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** @deprecated English in UTC: use `useT().dateTime(iso, timeZone)`. */
export function formatDateTime(iso: string | null): string {
  return iso ? `${DATE_TIME.format(new Date(iso))} UTC` : "not set";
}

/** @deprecated English in UTC: use `useT().date(iso, timeZone)`. */
export function formatDate(iso: string | null): string {
  return iso ? DATE.format(new Date(iso)) : "not set";
}

export type { Phase };
// Labels and the grapheme cutter live in common/ (the server uses them too); re-exported for the pages.
export { PHASE_LABEL } from "../../common/labels.js";
export { ellipsize } from "../../common/graphemes.js";

/**
 * The labels of common/labels.ts (typed by their enums, so none can be missing)
 * seen as plain string maps, for pages whose loader data still types these
 * values as `string`. New code: `useLabel()` (app/i18n/labels.ts), in the reader's language.
 */
export const STAKEHOLDER_LABEL: Readonly<Record<string, string>> = GROUP_LABELS;
export const REASON_LABEL: Readonly<Record<string, string>> = REASON_LABELS;

/** What windowSentence needs of a consultation (its header or wire shape). */
export interface CommentWindow {
  phase: Phase;
  opensAt: string | null;
  closesAt: string | null;
  /** The consultation's IANA time zone, which its dates are shown in (UTC when absent). */
  timeZone?: string;
}

/** A sentence about the comment window in `tr`'s language, its dates in the consultation's time zone, relative to `nowIso` (from the loader). */
export function windowSentence(tr: Translator, c: CommentWindow, nowIso: string): string {
  const zone = c.timeZone ?? "UTC";
  switch (c.phase) {
    case "draft":
      return tr.t("consultation.window.draft");
    case "upcoming":
      return c.opensAt
        ? tr.t("consultation.window.upcoming", { duration: tr.duration(Date.parse(c.opensAt) - Date.parse(nowIso)), date: tr.dateTime(c.opensAt, zone) })
        : tr.t("consultation.window.upcomingSoon");
    case "open":
      return c.closesAt
        ? tr.t("consultation.window.open", { left: tr.timeLeft(c.closesAt, nowIso), date: tr.dateTime(c.closesAt, zone) })
        : tr.t("consultation.window.openUndated");
    case "closed":
      return c.closesAt ? tr.t("consultation.window.closed", { date: tr.dateTime(c.closesAt, zone) }) : tr.t("consultation.window.closedUndated");
    case "final":
      return tr.t("consultation.window.final");
  }
}
