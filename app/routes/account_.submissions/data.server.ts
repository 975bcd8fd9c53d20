import type { LoaderFunctionArgs } from "@remix-run/node";
import { presentOwnSubmission } from "../../../server/presenters/receipt.js";
import { accessToComments, mySubmissions, schemas } from "../../utils/services.server.js";
import { requireUser } from "../../utils/request.server.js";

/** "My submissions": the signed-in user's receipts, newest first, one page at a time. */
export async function submissionsPage({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { page } = schemas.PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = await mySubmissions(context.margin.services.db.kysely, user.id, page);
  // Who read each confidential submission, and when: the submitter's side of the access log (ADR 019).
  const confidential = list.items.filter((r) => r.subject_kind === "comment" && r.comment_visibility === "confidential").map((r) => r.subject_id);
  const reads = await accessToComments(context.margin.services.db.kysely, confidential);
  const items = list.items.map((r) => ({ ...presentOwnSubmission(r), reads: reads.get(r.subject_id) ?? null }));
  return { items, total: list.total, page: list.page, pages: list.pages };
}
