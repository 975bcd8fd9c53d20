import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { actorFor } from "../../../server/auth/access.js";
import { decideMail, mailQueueView } from "../../../server/mail/admin.js";
import { getUser, orStatus, readForm, redirectWithFlash, formFailure } from "../../utils/request.server.js";

/** The queue for a site admin; anyone else gets a 404, as if the page did not exist. */
export async function mailPage({ context }: LoaderFunctionArgs) {
  const { services } = context.margin;
  const view = await orStatus(mailQueueView(services.db, actorFor(getUser(context), null)));
  return { ...view, transport: services.mail.describe };
}

const DecisionSchema = z.object({ id: z.string().min(1).max(64), decision: z.enum(["retry", "drop"]) });

export async function mailAction({ request, context }: ActionFunctionArgs) {
  const { services } = context.margin;
  const form = await readForm(request);
  const parsed = DecisionSchema.safeParse({ id: form.get("id"), decision: form.get("decision") });
  if (!parsed.success) return formFailure({ ok: false, formError: "Unknown action.", fieldErrors: {}, values: {} });
  await orStatus(decideMail(services.db, actorFor(getUser(context), null), parsed.data.id, parsed.data.decision));
  if (parsed.data.decision === "retry") services.mail.kick();
  return redirectWithFlash("/admin/mail", { id: parsed.data.decision === "retry" ? "mailAdmin.retried" : "mailAdmin.dropped" });
}

export type MailPageData = Awaited<ReturnType<typeof mailPage>>;
