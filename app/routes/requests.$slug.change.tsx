import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { REQUEST_LEGAL_BASIS_MAX } from "../../common/limits.js";
import { ErrorSummary, TextArea, TextField } from "../components/form.js";
import { InvitedChoices } from "../components/requests/definition-form.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { zoneLabel } from "../../common/i18n/zoned-time.js";
import { changeRequest, checkChange, definitionFailure, definitionOptions, orDefinitionFailure, readChangeForm, requireManagedRequest, toLocalInput } from "../utils/info-requests.server.js";
import { readForm, redirectWithFlash } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${metaTranslator(matches).t("request.change.meta", { title: data?.title ?? "" })} · Margin` }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { ctx } = await requireManagedRequest(context, params.slug ?? "");
  const r = ctx.detail.request;
  if (r.status === "draft") throw redirect(`/requests/${r.slug}/edit`);
  const { organisations } = await definitionOptions(context);
  return {
    slug: r.slug,
    title: r.title,
    deadline: r.deadline,
    timeZone: r.time_zone,
    contentLanguage: r.content_language,
    published: r.results_published_at !== null,
    state: { deadline: toLocalInput(r.deadline, r.time_zone), invited: ctx.detail.invitations.map((i) => i.slug), reason: "" },
    organisations,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, ctx } = await requireManagedRequest(context, params.slug ?? "");
  const r = ctx.detail.request;
  const form = await readForm(request);
  const state = readChangeForm(form);
  const checked = checkChange(state, r.deadline, r.time_zone);
  if (!checked.ok) return definitionFailure(state, checked.fieldErrors);
  return orDefinitionFailure(state, async () => {
    await changeRequest(context.margin.services.db, actor, r.slug, checked.change, new Date(), context.margin.services.mail);
    return redirectWithFlash(`/requests/${r.slug}`, "The change is made and published with your reason.");
  });
}

export default function ChangeRequest() {
  const d = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const values = sent?.state ?? d.state;
  const errors = sent?.fieldErrors;
  const { t, msg, dateTime, intl } = useT();
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("request.breadcrumb")}>
        <Link to="/requests">{t("request.crumb")}</Link> ›{" "}
        <Link to={`/requests/${d.slug}`} lang={d.contentLanguage}>
          {d.title}
        </Link>{" "}
        › <span aria-current="page">{t("request.change.crumb")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("request.change.title")}</h1>
        <p className="lead">{t("request.change.lead")}</p>
      </div>
      {d.published ? (
        <p className="notice">{t("request.change.published")}</p>
      ) : (
        <>
          <ErrorSummary formError={sent?.formError} fieldErrors={errors} />
          <Form method="post" className="form form--wide" noValidate>
            <section className="card" aria-labelledby="deadline-title">
              <h2 id="deadline-title">{t("request.change.deadline")}</h2>
              <TextField name="deadline" label={t("fields.deadline", { zone: zoneLabel(d.timeZone, intl.locale, d.deadline) })} type="datetime-local" hint={t("request.change.deadlineHint", { at: dateTime(d.deadline, d.timeZone) })} defaultValue={values.deadline} errors={errors} />
            </section>
            <section className="card" aria-labelledby="invited-title">
              <h2 id="invited-title">{t("request.change.invited")}</h2>
              <fieldset aria-describedby={errors?.invited ? "invited-error" : undefined}>
                <legend className="visually-hidden">{t("request.change.invited")}</legend>
                {errors?.invited ? (
                  <p id="invited-error" className="field__error">
                    {errors.invited.map((e: string) => msg(e)).join(" ")}
                  </p>
                ) : null}
                <InvitedChoices organisations={d.organisations} invited={values.invited} />
              </fieldset>
            </section>
            <section className="card" aria-labelledby="reason-title">
              <h2 id="reason-title">{t("request.change.why")}</h2>
              <TextArea
                name="reason"
                label={t("request.change.reason")}
                hint={t("request.change.reasonHint")}
                maxLength={REQUEST_LEGAL_BASIS_MAX}
                defaultValue={values.reason}
                errors={errors}
                rows={3}
              />
            </section>
            <div className="button-row">
              <button type="submit" className="button">
                {t("request.change.submit")}
              </button>
              <Link to={`/requests/${d.slug}`}>{t("request.cancel")}</Link>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
