import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { RecipientBodySchema } from "../../../server/domain/request-schemas.js";
import { addRecipientBodyMember, createRecipientBody, listRecipientBodies, removeRecipientBodyMember } from "../../../server/domain/requests/index.js";
import { EmailSchema, SlugSchema } from "../../../server/domain/schemas.js";
import type { Actor } from "../../../server/auth/policy.js";
import { both, fields, firstValues, intentsFor, type IntentHandler } from "../../utils/intents.server.js";
import { redirectWithFlash } from "../../utils/request.server.js";

export { requireRequestConvener as requireBodyKeeper } from "../../utils/info-requests.server.js";

/** Every body with its members' public names (the same list the public page shows). */
export async function bodiesPage(context: ActionFunctionArgs["context"]) {
  const bodies = await listRecipientBodies(context.margin.services.db);
  return { bodies: bodies.map((b) => ({ slug: b.slug, name: b.name, description: b.description, members: b.members.map((m) => ({ userId: m.userId, name: m.displayName })) })) };
}

export interface BodiesActionContext {
  services: ActionFunctionArgs["context"]["margin"]["services"];
  actor: Actor;
}

const intent = intentsFor<BodiesActionContext>();
const HERE = "/admin/recipient-bodies";

export const BODY_INTENTS: Record<string, IntentHandler<BodiesActionContext>> = {
  create: intent(fields(RecipientBodySchema, ["name", "slug", "description"]), async ({ services, actor }, d) => {
    const row = await createRecipientBody(services.db, actor, d);
    return redirectWithFlash(HERE, `${row.name} is created. Add its members next; the change is published.`);
  }),

  "add-member": intent(fields(z.object({ body: SlugSchema, email: EmailSchema }), ["body", "email"]), async ({ services, actor }, d) => {
    const result = await addRecipientBodyMember(services.db, actor, d.body, d.email);
    return redirectWithFlash(HERE, result === "unchanged" ? `${d.email} is a member already.` : `${d.email} is now a member; this is published.`);
  }),

  "remove-member": intent(
    both(firstValues(z.object({ body: SlugSchema }), ["body"], "Unknown recipient body."), firstValues(z.object({ userId: z.string().min(1) }), ["userId"])),
    async ({ services, actor }, d) => {
      await removeRecipientBodyMember(services.db, actor, d.body, d.userId);
      return redirectWithFlash(HERE, "Member removed; this is published.");
    },
  ),
};
