// The dispositions aggregate: the drafting team's responses to comments and
// suggestions, their ledger entries, and the "response to comments" report.
// It never imports the comments aggregate (comments call it to decline).
export { recordDeclinedSuggestion, recordAcceptedSuggestion } from "./suggestions.js";
export { currentDispositions, recordDisposition, respondNotedToUnanswered } from "./respond.js";
export { respondToGroup } from "./group.js";
export { groupForAnswer, publicGroupAnswer, togetherOf } from "./group-view.js";
export { reportSummaries, reportToCsv } from "./report.js";
export { FROZEN_REPORT_HEADER, freezeReports, servedReport } from "./frozen.js";
export { egovResults } from "./egov.js";
export { resultsHtml, resultsLocale, resultsToCsv, resultsToJson } from "./egov-files.js";
