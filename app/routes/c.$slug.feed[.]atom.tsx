import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, orStatus } from "../utils/request.server.js";
import { consultationFeed, requireConsultation } from "../utils/services.server.js";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const origin = env.ORIGIN ? new URL(env.ORIGIN).origin : new URL(request.url).origin;
  return new Response(await consultationFeed(db, view, origin), { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
