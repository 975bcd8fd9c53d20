import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DefinitionForm } from "../components/requests/definition-form.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { checkDefinition, createRequest, definitionFailure, freeRequestSlug, definitionOptions, definitionState, orDefinitionFailure, readDefinitionForm, requireRequestConvener, withAnotherSlot } from "../utils/info-requests.server.js";
import { readForm, redirectWithFlash } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("request.new.meta")} · Margin` }];

export async function loader({ context }: LoaderFunctionArgs) {
  await requireRequestConvener(context);
  return { state: definitionState(null), options: await definitionOptions(context) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireRequestConvener(context);
  const form = await readForm(request);
  const state = readDefinitionForm(form);
  if (form.get("intent") === "more") return withAnotherSlot(state);
  const checked = checkDefinition(state);
  if (!checked.ok) return definitionFailure(state, checked.fieldErrors);
  return orDefinitionFailure(state, async () => {
    const row = await createRequest(context.margin.services.db, actor, checked.definition, await freeRequestSlug(context, checked.definition.title));
    return redirectWithFlash(`/requests/${row.slug}/edit`, "Draft saved. Only you can see it until you issue it.");
  });
}

export default function NewRequest() {
  const { state, options } = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("request.breadcrumb")}>
        <Link to="/requests">{t("request.crumb")}</Link> › <span aria-current="page">{t("request.new.crumb")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("request.new.title")}</h1>
        <p className="lead">{t("request.new.lead")}</p>
      </div>
      <DefinitionForm values={sent?.state ?? state} options={options} errors={sent?.fieldErrors} formError={sent?.formError} submitLabel={t("request.saveDraft")} />
    </>
  );
}
