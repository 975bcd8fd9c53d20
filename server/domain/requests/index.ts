// Information requests with protected disclosure (issue 14): see docs/decisions/018-disclosure-model.md.
export { addRecipientBodyMember, createRecipientBody, listRecipientBodies, removeRecipientBodyMember } from "./bodies.js";
export { changeRequest, createRequest, issueRequest, updateDraftRequest, type RequestChangeInput } from "./define.js";
export { loadRequestDetail, requestContext, respondingOrganisationOf, visibleRequest, type RecipientBodyWithMembers, type RequestContext, type RequestDetail, type RequestQuestion, type RespondingOrganisation } from "./load.js";
export { REQUEST_RECEIPT_FORMAT, answersText, declineRequest, ownRequestReceipt, saveDraft, submitResponse, type DeclineResult, type RequestReceipt } from "./respond.js";
export {
  RECIPIENT_READABLE_LEVELS,
  accessLogForOrganisation,
  exportRestrictedAnswers,
  ownAnswers,
  publicAccessCounts,
  publicReadCount,
  restrictedAnswers,
  type AccessEntry,
  type OwnResponse,
  type RecipientAnswer,
} from "./read.js";
export { definitionChoices, linkedSections, listIssuedRequests, listOwnDrafts, requestHistory, type RequestHistoryItem } from "./list.js";
export { seedIssuedRequest } from "./seed.js";
