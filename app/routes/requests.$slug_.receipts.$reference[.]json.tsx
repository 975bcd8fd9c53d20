import type { LoaderFunctionArgs } from "@remix-run/node";
import { receiptForUser } from "../utils/request-responses.server.js";
import { getUser } from "../utils/request.server.js";

/**
 * A submission's receipt file, for the members of the organisation that submitted it.
 * Anyone else gets the same 404 as for a reference that does not exist.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const receipt = await receiptForUser(context.margin.services.db.kysely, getUser(context), params.slug ?? "", params.reference ?? "");
  if (!receipt) throw new Response("No such receipt.", { status: 404 });
  return new Response(JSON.stringify(receipt, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="margin-receipt-${receipt.reference}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
