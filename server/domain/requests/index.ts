// Information requests with protected disclosure (issue 14): see docs/decisions/018-disclosure-model.md.
export { addRecipientBodyMember, createRecipientBody, listRecipientBodies, removeRecipientBodyMember } from "./bodies.js";
export { changeRequest, createRequest, issueRequest, updateDraftRequest } from "./define.js";
export { loadRequestDetail, visibleRequest, type RequestContext, type RequestDetail } from "./load.js";
export { answersText, declineRequest, ownRequestReceipt, saveDraft, submitResponse } from "./respond.js";
export { accessLogForOrganisation, exportRestrictedAnswers, ownAnswers, publicAccessCounts, publicReadCount, restrictedAnswers } from "./read.js";
export { definitionChoices, linkedSections, listIssuedRequests, listOwnDrafts, requestHistory, type RequestHistoryItem } from "./list.js";
export { seedIssuedRequest } from "./seed.js";
