import type { LoaderFunctionArgs } from "@remix-run/node";
import { listOrganisationInvitations, requireOrganisationInviter } from "../../../server/domain/invitations/index.js";
import { orStatus, requireUser } from "../../utils/request.server.js";

/** The organisation, for one of its representatives or a site admin; anyone else gets a 404 (signed out: sign in first). */
export async function loadInviting({ request, params, context }: Pick<LoaderFunctionArgs, "request" | "params" | "context">) {
  const user = requireUser(request, context);
  const org = await orStatus(requireOrganisationInviter(context.margin.services.db, user, params.slug ?? ""));
  return { user, org };
}

export async function organisationInvitationsPage(args: LoaderFunctionArgs) {
  const { org } = await loadInviting(args);
  return {
    name: org.target.title,
    slug: org.target.slug,
    asAdmin: org.asAdmin,
    invitations: await listOrganisationInvitations(args.context.margin.services.db, org),
    locale: args.context.margin.locale,
  };
}
