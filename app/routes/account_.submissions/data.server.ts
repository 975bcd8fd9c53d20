import type { LoaderFunctionArgs } from "@remix-run/node";
import { presentMySubmissionsExport, presentOwnEntry } from "../../../server/presenters/my-submissions.js";
import { actorFor } from "../../utils/request-responses.server.js";
import { MySubmissionsQuerySchema, allMySubmissions, mySubmissions } from "../../utils/services.server.js";
import { requireUser } from "../../utils/request.server.js";

/** "My submissions": the signed-in user's receipts and answers to information requests, newest first, one page at a time. */
export async function submissionsPage({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { page, kind } = MySubmissionsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const now = new Date();
  const list = await mySubmissions(context.margin.services.db.kysely, actorFor(user, null), kind, page, now);
  return { items: list.entries.map((e) => presentOwnEntry(e, now)), total: list.total, page: list.page, pages: list.pages, kind };
}

/** Everything the signed-in user submitted, as one JSON file to keep (their own confidential texts included). */
export async function submissionsDownload({ request, context }: LoaderFunctionArgs): Promise<Response> {
  const user = requireUser(request, context);
  // ORIGIN when configured (behind a proxy the request may name an inner address), else the request's own.
  const origin = new URL(context.margin.services.env.ORIGIN ?? request.url).origin;
  const now = new Date();
  const entries = await allMySubmissions(context.margin.services.db.kysely, actorFor(user, null), now);
  const day = now.toISOString().slice(0, 10);
  return new Response(JSON.stringify(presentMySubmissionsExport(entries, origin, now), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="margin-my-submissions-${day}.json"`,
      // Private to its owner: never kept by a shared cache.
      "Cache-Control": "private, no-store",
    },
  });
}
