// The server services of the respondent's and the recipient's pages of information
// requests (issue 14). Like services.server.ts: each asks the policy through the domain.
import type { Executor } from "../../db/client.js";
import type { UserProfile } from "../../db/queries/user.js";
import { actorFor } from "../../server/auth/access.js";
import { ownRequestReceipt } from "../../server/domain/requests/index.js";
import { isAppError } from "../../server/errors.js";

export {
  accessLogForOrganisation,
  declineRequest,
  exportRestrictedAnswers,
  ownAnswers,
  restrictedAnswers,
  saveDraft,
  submitResponse,
  visibleRequest,
} from "../../server/domain/requests/index.js";
export { DeclineRequestSchema, levelsAllowed } from "../../server/domain/request-schemas.js";
export { actorFor };

/** A receipt for a member of the organisation that submitted it; null for anyone else or no such reference (one answer for both). */
export async function receiptForUser(db: Executor, user: UserProfile | null, slug: string, reference: string) {
  if (!user) return null;
  try {
    return await ownRequestReceipt(db, actorFor(user, null), slug, reference);
  } catch (e) {
    if (isAppError(e)) return null;
    throw e;
  }
}
