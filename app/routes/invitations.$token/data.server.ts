import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { INVITATION_UNUSABLE, isInvitedAccount, openInvitation } from "../../../server/domain/invitations/index.js";
import { getUser } from "../../utils/request.server.js";

/** Every unusable link (unknown, mistyped, used, revoked, expired) answers the same 404. */
export function unusableInvitation(): never {
  throw data({ message: INVITATION_UNUSABLE }, { status: 404, headers: { "Cache-Control": "no-store" } });
}

/** The invitation page: to what, from whom, for which address, and how to accept (signed in or not). */
export async function invitationPage({ params, context }: Pick<LoaderFunctionArgs, "params" | "context">) {
  const opened = await openInvitation(context.margin.services.db, params.token ?? "");
  if (!opened) unusableInvitation();
  const user = getUser(context);
  const { target } = opened;
  return data(
    {
      email: opened.email,
      kind: target.kind,
      title: target.title,
      role: target.role,
      // The title is in the consultation's content language.
      contentLanguage: target.contentLanguage,
      timeZone: target.timeZone,
      inviterName: opened.inviterName,
      expiresAt: opened.expiresAt,
      hasAccount: opened.hasAccount,
      // Only the invited address's own account may accept; another one is told so, with no button.
      signedIn: user ? { name: user.display_name, email: user.email, invited: isInvitedAccount(opened.email, user.email) } : null,
      here: `/invitations/${encodeURIComponent(params.token ?? "")}`,
    },
    // The page's address is the secret: never kept by a cache.
    { headers: { "Cache-Control": "no-store" } },
  );
}
