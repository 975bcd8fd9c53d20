import type { Translator } from "../../common/i18n/intl.js";
import type { Phase } from "../../common/phase.js";

export type { Phase };
// The grapheme cutter lives in common/ (the server uses it too); re-exported for the pages.
export { ellipsize } from "../../common/graphemes.js";

/** What windowSentence needs of a consultation (its header or wire shape). */
export interface CommentWindow {
  phase: Phase;
  opensAt: string | null;
  closesAt: string | null;
  /** The consultation's IANA time zone, which its dates are shown in (UTC when absent). */
  timeZone?: string;
  /** When the window really closed (a phase change before the planned end, common/phase.ts actualWindow), if known. */
  closedAt?: string | null;
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
    case "closed": {
      const closed = c.closedAt ?? c.closesAt;
      return closed ? tr.t("consultation.window.closed", { date: tr.dateTime(closed, zone) }) : tr.t("consultation.window.closedUndated");
    }
    case "final":
      return tr.t("consultation.window.final");
  }
}
