import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, orStatus, requireVersionNumber } from "../utils/request.server.js";
import { documentFile, requireConsultation, versionDocument } from "../utils/services.server.js";

/** A version as one self-contained HTML file, downloaded (print it, or keep it: it needs nothing from the site). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = requireVersionNumber(params);
  const doc = await orStatus(versionDocument(db, view, number));
  const origin = env.ORIGIN ? new URL(env.ORIGIN).origin : new URL(request.url).origin;
  return new Response(documentFile(doc, origin), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="${view.consultation.slug}-v${number}.html"`,
    },
  });
}
