// The comment aggregate: comments, replies and suggested amendments, with the
// positions participants take on a section. Responses to them are the
// dispositions aggregate (which this one calls, never the reverse).
export { createCommentCache } from "./cache.js";
export { type CommentCache, type CommentDeps } from "./deps.js";
export { commentBodyHtml, countConfidentialSubmissions, listComments, logShownConfidential, readerText, type CommentView } from "./list.js";
export { heatOf, railPage } from "./rail.js";
export { myPositions, positionCounts, positionsByPassage, takePosition } from "./positions.js";
export { acceptSuggestion, declineSuggestion, reactToSuggestion } from "./suggestions.js";
export { createComment, deleteComment, editComment, type CreatedComment } from "./write.js";
