// The server services that routes may call. Routes import server code only
// through files like this one, which never reach the browser bundle. Only
// server functions are re-exported here, never raw queries from db/: each of
// these asks the policy (through a ConsultationView or the signed-in user) or
// serves data that is public by design.
export { requireConsultation, requireConsultationAction, requireSection } from "../../server/auth/access.js";
export {
  CONVENER_REQUIRED,
  actualWindowsOf,
  addSection,
  allowedNextPhases,
  changePhase,
  createConsultation,
  importParsed,
  listConsultations,
  listSections,
  mayCreateConsultations,
  members,
  moveSection,
  phaseHistory,
  phaseOf,
  publishedBy,
  publishersOf,
  removeMember,
  removeSection,
  renameSection,
  unansweredComments,
  updateConsultationSettings,
} from "../../server/domain/consultations/index.js";
export { listVariations, PUBLIC_VIEWER, readCampaign } from "../../server/domain/grouping/campaign-read.js";
export { changePassword, checkCredentials, listOwnSessions, signOutEverywhere, updateLocale, updateProfile } from "../../server/domain/accounts.js";
export { createApiToken, listApiTokens, revokeApiToken } from "../../server/auth/api-tokens.js";
export * as schemas from "../../server/domain/schemas.js";
export { presenceColour } from "../../server/collab/presence.js";
export {
  acceptSuggestion,
  countConfidentialSubmissions,
  createComment,
  declineSuggestion,
  deleteComment,
  editComment,
  heatOf,
  myPositions,
  positionCounts,
  positionsByPassage,
  railPage,
  reactToSuggestion,
  readerText,
  takePosition,
} from "../../server/domain/comments/index.js";
export { commentDeps, moderationDeps } from "../../server/http/context.js";
export { moderate, moderationLedger, moderationQueue, reportComment, requestReview } from "../../server/domain/moderation.js";
export { FROZEN_REPORT_HEADER, currentDispositions, recordDisposition, reportSummaries, reportToCsv, respondNotedToUnanswered, servedReport } from "../../server/domain/dispositions/index.js";
export { groupForAnswer, publicGroupAnswer, respondToGroup, togetherOf } from "../../server/domain/dispositions/index.js";
export { egovResults, resultsHtml, resultsLocale, resultsToCsv, resultsToJson } from "../../server/domain/dispositions/index.js";
export { PdfBusyError, PdfTimeoutError, PdfUnavailableError, pdfRenderer } from "../../server/pdf/chromium.js";
export { IMPORT_REPORT_IMAGES_MAX, importFormatOf, skippedImages } from "../../server/domain/import-parse.js";
export { fitsFlash } from "../../server/http/flash.js";
export { parsePoint, people, sectionHistory, HISTORY_PAGE } from "../../server/history/history.js";
export { compareOrEmpty, pageComparisons, peopleWithColours, toClient } from "../../server/history/compare.js";
export { publishVersion, versionDetail, versionsOf } from "../../server/history/versions.js";
export { versionComments } from "../../server/history/version-comments.js";
export { consultationChanges, linkableChanges, publicCommentsByDay, publicCommentsBySection } from "../../server/history/activity.js";
export { countPublicEntriesByKind, recentPublicEntries } from "../../server/history/transparency.js";
export { searchSite } from "../../server/domain/search/index.js";
export { consultationFeed } from "../../server/history/feed.js";
export { isNotModified, validatorHeaders } from "../../server/http/conditional.js";
export { latestPublicCheckpoint } from "../../server/ledger/checkpoints.js";
export { isOwnReceipt, ownReceiptDocument, receiptPath } from "../../server/domain/receipts.js";
export { confidentialReaders, confidentialSummary, setConfidentialRecipients } from "../../server/domain/consultations/index.js";
export { MySubmissionsQuerySchema, allMySubmissions, mySubmissions } from "../../server/domain/my-submissions.js";
export { ConsultationRecipientsSchema } from "../../server/domain/request-schemas.js";
export { commentBodyHtml, logShownConfidential } from "../../server/domain/comments/index.js";
export { currentDocument, documentFile, versionDocument } from "../../server/history/document.js";
export { DraftingModeSchema, PublishWorkingCopySchema, publishWorkingCopy, setDraftingMode, workingCopyStatus } from "../../server/domain/consultations/index.js";
export { mergeTopic, mergedTopicTarget, moveToTopic, renameTopic, requireGrouping, splitTopic, topicDetail, topicsPage } from "../../server/domain/grouping/curation.js";
