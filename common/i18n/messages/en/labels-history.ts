/**
 * Enum labels the history, version, report, moderation and settings pages
 * show (the same words as common/labels.ts, which stays the English of
 * exports and feeds). Read through app/components/history/labels.ts.
 */
export const labelsHistory = {
  "labelh.outcome.open": "Awaiting response",
  "labelh.phaseAction.open": "Open for comment",
  "labelh.phaseAction.closed": "Close for comment",
  "labelh.phaseAction.final": "Mark as final",
  "labelh.role.owner": "owner",
  "labelh.role.drafter": "drafter",
  "labelh.role.moderator": "moderator",
  "labelh.role.admin": "admin",
  "labelh.role.author": "author",
  "labelh.modStatus.pending": "Awaiting approval",
  "labelh.modStatus.published": "Published, reported",
  "labelh.modStatus.hidden": "Hidden",
  "labelh.modAction.approve": "Approved",
  "labelh.modAction.hide": "Hidden",
  "labelh.modAction.restore": "Restored",
  "labelh.modAction.reject": "Rejected",
  "labelh.modAction.review_requested": "Review requested by the author",
  "labelh.carry.exact": "Passage unchanged in this version",
  "labelh.carry.moved": "Passage unchanged, moved within the section",
  "labelh.carry.changed": "Passage edited in this version",
  "labelh.carry.orphaned": "Passage removed in this version",
} as const;
