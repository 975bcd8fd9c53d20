import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { firstValues, intentsFor, runIntent } from "../utils/intents.server.js";
import { getUser, orStatus, readForm } from "../utils/request.server.js";
import { PublishWorkingCopySchema, publishWorkingCopy, requireConsultation, workingCopyStatus } from "../utils/services.server.js";

// The working copy's endpoint (issue 17, ADR 026): its status for the team's
// editors (GET, polled by components/editor/working-copy-bar.tsx) and
// publishing (POST, one section or all). Everyone else is answered 404.

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const status = await workingCopyStatus(db, view);
  if (!status) throw data({ message: "That page does not exist or is not visible to you." }, { status: 404 });
  // A resource route: a Response, so the header reaches the bar's fetch (a data() result would lose it).
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
}

type PublishContext = { context: ActionFunctionArgs["context"]; view: Awaited<ReturnType<typeof requireConsultation>> };
const intent = intentsFor<PublishContext, { ok: true; published: number }>();

const PUBLISH_INTENTS = {
  publish: intent(firstValues(PublishWorkingCopySchema, ["sectionId"], "No such section."), async ({ context, view }, d) => {
    const { db, collab } = context.margin.services;
    const published = await publishWorkingCopy({ db, collab }, view, d.sectionId || undefined);
    return { ok: true as const, published };
  }),
};

export async function action({ params, context, request }: ActionFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  // Nobody off the drafting team learns that the endpoint exists; the team is told why it cannot publish (final, live).
  if (!view.may("version.publish")) throw data({ message: "That page does not exist or is not visible to you." }, { status: 404 });
  const form = await readForm(request);
  // A resource route: a refusal keeps its status and words as plain JSON (Remix would answer a data() refusal 200, a thrown one "Unexpected Server Error").
  const out = await runIntent(PUBLISH_INTENTS, { context, view }, form).catch((e: unknown) => {
    if (isDataWithInit(e)) return e;
    throw e;
  });
  return isDataWithInit(out) ? Response.json(out.data, out.init ?? undefined) : Response.json(out);
}

function isDataWithInit(v: unknown): v is { data: unknown; init: ResponseInit | null } {
  return typeof v === "object" && v !== null && (v as { type?: unknown }).type === "DataWithResponseInit";
}
