import type { LoaderFunctionArgs } from "@remix-run/node";
import { sectionText } from "./c.$slug.s.$sectionId/data.server.js";

/**
 * GET only, JSON: the section's current text and commented passages (ids and
 * offsets) as the viewer may see them, for the reader view to refresh itself
 * when the event stream says the text changed (see sectionText).
 */
export async function loader(args: LoaderFunctionArgs) {
  return Response.json(await sectionText(args), { headers: { "Cache-Control": "no-store" } });
}
