// The server services of the respondent's and the recipient's pages of information
// requests (issue 14). Like services.server.ts: each asks the policy through the domain.
export {
  accessLogForOrganisation,
  declineRequest,
  exportRestrictedAnswers,
  ownAnswers,
  ownRequestReceipt,
  restrictedAnswers,
  saveDraft,
  submitResponse,
  visibleRequest,
} from "../../server/domain/requests/index.js";
export { DeclineRequestSchema, levelsAllowed } from "../../server/domain/request-schemas.js";
export { actorFor } from "../../server/auth/access.js";
