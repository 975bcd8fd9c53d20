import type { LoaderFunctionArgs } from "@remix-run/node";
import { presentOwnSubmission } from "../../../server/presenters/receipt.js";
import { mySubmissions, schemas } from "../../utils/services.server.js";
import { requireUser } from "../../utils/request.server.js";

/** "My submissions": the signed-in user's receipts, newest first, one page at a time. */
export async function submissionsPage({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { page } = schemas.PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = await mySubmissions(context.margin.services.db.kysely, user.id, page);
  return { items: list.items.map(presentOwnSubmission), total: list.total, page: list.page, pages: list.pages };
}
