import type { LoaderFunctionArgs } from "@remix-run/node";
import { listFollowing } from "../../utils/follow.server.js";
import { requireUser } from "../../utils/request.server.js";

/** What the signed-in person follows, each with what its unfollow form names and where it leads. */
export async function followingPage({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const f = await listFollowing(context.margin.services.db, user);
  return {
    consultations: f.consultations.map((c) => ({ target: c.slug, title: c.title, path: `/c/${c.slug}`, lang: c.content_language, since: c.created_at })),
    sections: f.sections.map((s) => ({ target: s.id, title: s.title, consultation: s.consultation_title, path: `/c/${s.slug}/s/${s.id}`, lang: s.content_language, since: s.created_at })),
    organisations: f.organisations.map((o) => ({ target: o.slug, name: o.name, path: "/requests", since: o.created_at })),
  };
}
