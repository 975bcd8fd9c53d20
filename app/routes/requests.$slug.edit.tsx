import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DefinitionForm } from "../components/requests/definition-form.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import {
  checkDefinition,
  definitionFailure,
  definitionOptions,
  definitionState,
  orDefinitionFailure,
  readDefinitionForm,
  requireManagedRequest,
  updateDraftRequest,
  withAnotherSlot,
} from "../utils/info-requests.server.js";
import { readForm, redirectWithFlash } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${metaTranslator(matches).t("request.edit.meta", { title: data?.title ?? "" })} · Margin` }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { ctx } = await requireManagedRequest(context, params.slug ?? "");
  const r = ctx.detail.request;
  // Once issued the questions are fixed: only the deadline and the invitations may change.
  if (r.status !== "draft") throw redirect(`/requests/${r.slug}/change`);
  return { slug: r.slug, title: r.title, contentLanguage: r.content_language, state: definitionState(ctx.detail), options: await definitionOptions(context) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, ctx } = await requireManagedRequest(context, params.slug ?? "");
  const slug = ctx.detail.request.slug;
  if (ctx.detail.request.status !== "draft") return redirectWithFlash(`/requests/${slug}/change`, "This request is issued: its questions are fixed. You may change its deadline or invitations.");
  const form = await readForm(request);
  const state = readDefinitionForm(form);
  if (form.get("intent") === "more") return withAnotherSlot(state);
  const checked = checkDefinition(state);
  if (!checked.ok) return definitionFailure(state, checked.fieldErrors);
  return orDefinitionFailure(state, async () => {
    await updateDraftRequest(context.margin.services.db, actor, slug, checked.definition);
    return redirectWithFlash(`/requests/${slug}/edit`, "Draft saved.");
  });
}

export default function EditRequest() {
  const { slug, title, contentLanguage, state, options } = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const { t } = useT();
  const titled = { title: <span lang={contentLanguage}>{title}</span> };
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("request.breadcrumb")}>
        <Link to="/requests">{t("request.crumb")}</Link> ›{" "}
        <Link to={`/requests/${slug}`} lang={contentLanguage}>
          {title}
        </Link>{" "}
        › <span aria-current="page">{t("request.edit.crumb")}</span>
      </nav>
      <div className="page-head">
        <span className="badge badge--draft">{t("request.edit.badge")}</span>
        <h1 style={{ marginTop: "0.6rem" }}>
          <FormattedMessage id="request.edit.title" values={titled} />
        </h1>
        <p className="lead">{t("request.edit.lead")}</p>
        <p className="button-row">
          <Link to={`/requests/${slug}`}>{t("request.edit.preview")}</Link>
          <Link to={`/requests/${slug}/issue`} className="button">
            {t("request.edit.issue")}
          </Link>
        </p>
      </div>
      <DefinitionForm values={sent?.state ?? state} options={options} errors={sent?.fieldErrors} formError={sent?.formError} submitLabel={t("request.saveDraft")} />
    </>
  );
}
