// The comment aggregate: comments, replies and suggested amendments, with the
// positions participants take on a section. Responses to them are the
// dispositions aggregate (which this one calls, never the reverse).
export { COMMENT_CACHE_SECTIONS, COMMENT_HTML_CACHE_CHARS, createCommentCache } from "./cache.js";
export { COMMENT_EDIT_WINDOW_MS, type CommentCache, type CommentDeps } from "./deps.js";
export { countConfidentialSubmissions, listComments, threadsOf, type CommentView } from "./list.js";
export { myPositions, positionCounts, takePosition } from "./positions.js";
export { acceptSuggestion, declineSuggestion, reactToSuggestion } from "./suggestions.js";
export { DUPLICATE_WINDOW_MS, SUBMISSIONS_FROZEN, createComment, deleteComment, editComment, type NewComment } from "./write.js";
