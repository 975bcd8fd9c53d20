import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorFor } from "../../../server/auth/access.js";
import { can } from "../../../server/auth/policy.js";
import { listOrganisations } from "../../../server/domain/organisations/index.js";
import { notFound } from "../../../server/errors.js";
import { getUser, orStatus } from "../../utils/request.server.js";

/** The acting site admin (whoever may manage organisations); anyone else (signed out included) gets a 404, as if the page did not exist. */
export function requireSiteAdmin({ context }: Pick<LoaderFunctionArgs, "context">) {
  const user = getUser(context);
  const actor = actorFor(user, null);
  // The one policy decides (server/auth/policy.ts); the domain asks it again for each change.
  if (!user || !can(actor, "organisation.manage", null)) return orStatus(Promise.reject(notFound()));
  return Promise.resolve({ user, actor });
}

export async function organisationsPage(args: LoaderFunctionArgs) {
  const { actor } = await requireSiteAdmin(args);
  const orgs = await listOrganisations(args.context.margin.services.db, actor);
  return {
    organisations: orgs.map((o) => ({
      slug: o.slug,
      name: o.name,
      kind: o.kind,
      emailDomain: o.email_domain,
      verifiedAt: o.verified_at,
      evidence: o.verification_evidence,
      members: o.members.map((m) => ({ userId: m.user_id, name: m.display_name, email: m.email, role: m.role })),
    })),
  };
}

export type OrganisationsData = Awaited<ReturnType<typeof organisationsPage>>;
