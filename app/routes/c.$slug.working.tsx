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
  return data(status, { headers: { "Cache-Control": "no-store" } });
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
  // Nobody off the team learns that the endpoint exists.
  if (!(await workingCopyStatus(db, view))) throw data({ message: "That page does not exist or is not visible to you." }, { status: 404 });
  return runIntent(PUBLISH_INTENTS, { context, view }, await readForm(request));
}
