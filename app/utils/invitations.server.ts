import type { Services } from "../../server/http/context.js";
import type { InvitationDeps } from "../../server/domain/invitations/index.js";

/** What the invitation services need, from the process's services. */
export function invitationDeps(s: Services): InvitationDeps {
  return { db: s.db, mail: s.mail, ttlDays: s.env.INVITATION_TTL_DAYS, perUser: s.limiters.invitesPerUser, perAddress: s.limiters.invitesPerAddress };
}
