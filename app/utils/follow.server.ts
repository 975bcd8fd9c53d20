import type { AppLoadContext } from "@remix-run/node";
import type { FollowTarget } from "../../db/schema.js";
import { followedOrganisationSlugs, followsTarget } from "../../server/domain/follows/index.js";
import type { FollowButtonState } from "../components/follow-button.js";
import { getUser } from "./request.server.js";

export { FollowFormSchema, listFollowing, ownOrganisation, setFollowing } from "../../server/domain/follows/index.js";

/** A follow button's state for this viewer: `id` is the stored target, `target` what the form names, `back` the page it sits on. */
export async function followButton(context: AppLoadContext, kind: FollowTarget, id: string, target: string, back: string): Promise<FollowButtonState> {
  const user = getUser(context);
  return { kind, target, back, signedIn: user !== null, following: await followsTarget(context.margin.services.db, user, kind, id) };
}

/** Follow buttons for organisations' requests, by slug (a request page's list of who was asked). */
export async function organisationFollowButtons(context: AppLoadContext, slugs: readonly string[], back: string): Promise<Record<string, FollowButtonState>> {
  const user = getUser(context);
  const followed = await followedOrganisationSlugs(context.margin.services.db, user, slugs);
  return Object.fromEntries(slugs.map((slug) => [slug, { kind: "organisation_requests" as const, target: slug, back, signedIn: user !== null, following: followed.has(slug) }]));
}
