import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { addOrganisationMember, createOrganisation, removeOrganisationMember, verifyOrganisation, type OrganisationActor } from "../../../server/domain/organisations/index.js";
import { AppError, isAppError } from "../../../server/errors.js";
import { both, fields, firstValues, intentsFor, type FormParser, type IntentHandler } from "../../utils/intents.server.js";
import { formFailure, redirectWithFlash } from "../../utils/request.server.js";
import { schemas } from "../../utils/services.server.js";

export interface OrganisationsActionContext {
  services: ActionFunctionArgs["context"]["margin"]["services"];
  actor: OrganisationActor;
}

type Intent = IntentHandler<OrganisationsActionContext>;
const intent = intentsFor<OrganisationsActionContext>();
const HERE = "/admin/organisations";

/**
 * The page has three forms that each name an organisation, so each form's fields have
 * their own names (one id per field on the page): `rename` maps the form's names to the
 * schema's, and errors (the schema's and the domain's) go back to the form's names.
 */
type Renames = Record<string, string>;

function renamedFields<S extends z.ZodTypeAny>(schema: S, rename: Renames): FormParser<z.infer<S>> {
  const back = (errors: Record<string, string[]>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [Object.keys(rename).find((f) => rename[f] === k) ?? k, v]));
  return (form) => {
    const inner = new FormData();
    for (const [formName, schemaName] of Object.entries(rename)) for (const v of form.getAll(formName)) inner.append(schemaName, v);
    return fields(schema, Object.values(rename), (f) => formFailure({ ...f, fieldErrors: back(f.fieldErrors), values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])) }))(inner);
  };
}

/** A domain error's field errors under the form's names. */
async function renamingErrors<T>(rename: Renames, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const fe = isAppError(e) ? e.details?.fieldErrors : undefined;
    if (!isAppError(e) || !fe) throw e;
    const mapped = Object.fromEntries(Object.entries(fe).map(([k, v]) => [Object.keys(rename).find((f) => rename[f] === k) ?? k, v]));
    throw new AppError(e.code, e.message, { fieldErrors: mapped });
  }
}

const VERIFY_FIELDS: Renames = { verifySlug: "slug", evidence: "evidence" };
const MEMBER_FIELDS: Renames = { memberSlug: "slug", memberEmail: "email", memberRole: "role" };

export const ORGANISATION_INTENTS: Record<string, Intent> = {
  add: intent(fields(schemas.NewOrganisationSchema, ["name", "kind", "slug", "emailDomain"]), async ({ services, actor }, d) => {
    const row = await createOrganisation(services.db, actor, d);
    return redirectWithFlash(HERE, `${row.name} is registered (not verified yet).`);
  }),

  verify: intent(renamedFields(schemas.VerifyOrganisationSchema, VERIFY_FIELDS), async ({ services, actor }, d) => {
    const row = await renamingErrors(VERIFY_FIELDS, () => verifyOrganisation(services.db, actor, d.slug, d.evidence));
    return redirectWithFlash(HERE, `${row.name} is verified. Its people's comments now carry the badge.`);
  }),

  "add-member": intent(renamedFields(schemas.OrganisationMemberSchema, MEMBER_FIELDS), async ({ services, actor }, d) => {
    const result = await renamingErrors(MEMBER_FIELDS, () => addOrganisationMember(services.db, actor, d.slug, d.email, d.role));
    return redirectWithFlash(HERE, result === "unchanged" ? `${d.email} has that role already.` : `${d.email} is now a ${d.role}.`);
  }),

  "remove-member": intent(
    both(firstValues(z.object({ slug: schemas.SlugSchema }), ["slug"], "Unknown organisation."), firstValues(z.object({ userId: z.string().min(1) }), ["userId"])),
    async ({ services, actor }, d) => {
      await removeOrganisationMember(services.db, actor, d.slug, d.userId);
      return redirectWithFlash(HERE, "Member removed.");
    },
  ),
};
