import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "../utils/request.server.js";
import { ownReceiptDocument } from "../utils/services.server.js";

/**
 * A receipt file, for its owner only. Anyone else, signed in or not, gets the
 * same 404 as for a reference that does not exist, so references cannot be probed.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = getUser(context);
  // ORIGIN when configured (behind a proxy the request may name an inner address), else the request's own.
  const configured = context.margin.services.env.ORIGIN;
  const origin = new URL(configured ?? request.url).origin;
  const receipt = user ? await ownReceiptDocument(context.margin.services.db.kysely, user.id, params.reference ?? "", origin) : undefined;
  if (!receipt) throw new Response("No such receipt.", { status: 404 });
  return new Response(JSON.stringify(receipt, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="margin-receipt-${receipt.reference}.json"`,
      // Private to its owner: never kept by a shared cache.
      "Cache-Control": "private, no-store",
    },
  });
}
