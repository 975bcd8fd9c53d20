import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorFor, ownRequestReceipt } from "../utils/request-responses.server.js";
import { getUser } from "../utils/request.server.js";
import { isAppError } from "../../server/errors.js";

function notMine(e: unknown): null {
  if (isAppError(e)) return null;
  throw e;
}

/**
 * A submission's receipt file, for the members of the organisation that submitted it.
 * Anyone else gets the same 404 as for a reference that does not exist.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const user = getUser(context);
  const receipt = user ? await ownRequestReceipt(context.margin.services.db.kysely, actorFor(user, null), params.slug ?? "", params.reference ?? "").catch(notMine) : null;
  if (!receipt) throw new Response("No such receipt.", { status: 404 });
  return new Response(JSON.stringify(receipt, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="margin-receipt-${receipt.reference}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
