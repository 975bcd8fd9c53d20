// The server services that routes may call. Routes import server code only
// through files like this one, which never reach the browser bundle.
export {
  addSection,
  allowedNextPhases,
  changePhase,
  createConsultation,
  importMarkdown,
  importParsed,
  inviteMember,
  listConsultations,
  listSections,
  members,
  moveSection,
  phaseHistory,
  phaseOf,
  removeMember,
  removeSection,
  renameSection,
  updateConsultationSettings,
} from "../../server/domain/consultations/index.js";
export { requireConsultation, requireConsultationAction, requireSection } from "../../server/auth/access.js";
export { checkCredentials, createAccount } from "../../server/domain/accounts.js";
export { createApiToken, listApiTokens, revokeApiToken } from "../../server/auth/api-tokens.js";
export * as schemas from "../../server/domain/schemas.js";
export { listSessionsOfUser } from "../../db/queries/session.js";
export { presenceColour } from "../../server/collab/presence.js";
export { acceptSuggestion, countConfidentialSubmissions, declineSuggestion, reactToSuggestion } from "../../server/domain/comments/index.js";
export { createComment, deleteComment, editComment, listComments, myPositions, positionCounts, takePosition, threadsOf } from "../../server/domain/comments/index.js";
export { commentDeps, moderationDeps } from "../../server/http/context.js";
export { moderate, moderationLedger, moderationQueue, reportComment, requestReview } from "../../server/domain/moderation.js";
export { compareSection, parsePoint, sectionHistory, HISTORY_PAGE } from "../../server/history/history.js";
export { publishVersion, versionDetail, versionsOf } from "../../server/history/versions.js";
export { OUTCOME_LABEL, currentDispositions, recordDisposition, reportToCsv, responseReport } from "../../server/domain/dispositions/index.js";
export { countPublicCommentsByDay } from "../../db/queries/history.js";
export { listChangeSets } from "../../db/queries/collab.js";
export { consultationFeed } from "../../server/history/feed.js";
export { countLedgerByKind, listRecentEntries } from "../../db/queries/ledger.js";
export { listConsultationChanges } from "../../db/queries/history.js";
export { people } from "../../server/history/history.js";
export { importFormatOf } from "../../server/domain/import-parse.js";
export { isAppError } from "../../server/errors.js";
export { CONVENER_REQUIRED, mayCreateConsultations, publishedBy, publishersOf } from "../../server/domain/consultations/index.js";
export { changePassword, signOutEverywhere, updateProfile } from "../../server/domain/accounts.js";
export { unansweredComments } from "../../server/domain/consultations/index.js";
export { respondNotedToUnanswered } from "../../server/domain/dispositions/index.js";
