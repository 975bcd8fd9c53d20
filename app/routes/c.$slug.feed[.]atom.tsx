import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, orStatus } from "../utils/request.server.js";
import { consultationFeed, isNotModified, requireConsultation, validatorHeaders } from "../utils/services.server.js";

/** The consultation's record as Atom; a reader that sends back its ETag or Last-Modified gets 304 until something changes. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const origin = env.ORIGIN ? new URL(env.ORIGIN).origin : new URL(request.url).origin;
  const feed = await consultationFeed(db, view, { origin, configuredOrigin: env.ORIGIN });
  // A draft's feed is its team's: no shared cache keeps it. Readers revalidate with the validators either way.
  const headers = { ...validatorHeaders(feed), "Cache-Control": view.consultation.status === "draft" ? "private, no-cache" : "no-cache" };
  if (isNotModified(request.headers, feed)) return new Response(null, { status: 304, headers });
  return new Response(feed.xml, { headers: { ...headers, "Content-Type": "application/atom+xml; charset=utf-8" } });
}
