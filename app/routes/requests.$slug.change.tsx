import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { REQUEST_LEGAL_BASIS_MAX } from "../../common/limits.js";
import { ErrorSummary, TextArea, TextField } from "../components/form.js";
import { InvitedChoices } from "../components/requests/definition-form.js";
import { formatDateTime } from "../utils/format.js";
import { changeRequest, checkChange, definitionFailure, definitionOptions, orDefinitionFailure, readChangeForm, requireManagedRequest, toLocalInput } from "../utils/info-requests.server.js";
import { readForm, redirectWithFlash } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Change “${data.title}” · Margin` : "Change request · Margin" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { ctx } = await requireManagedRequest(context, params.slug ?? "");
  const r = ctx.detail.request;
  if (r.status === "draft") throw redirect(`/requests/${r.slug}/edit`);
  const { organisations } = await definitionOptions(context);
  return {
    slug: r.slug,
    title: r.title,
    deadline: r.deadline,
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
    await changeRequest(context.margin.services.db, actor, r.slug, checked.change);
    return redirectWithFlash(`/requests/${r.slug}`, "The change is made and published with your reason.");
  });
}

export default function ChangeRequest() {
  const d = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const values = sent?.state ?? d.state;
  const errors = sent?.fieldErrors;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/requests">Information requests</Link> › <Link to={`/requests/${d.slug}`}>{d.title}</Link> › <span aria-current="page">Change</span>
      </nav>
      <div className="page-head">
        <h1>Change the deadline or invitations</h1>
        <p className="lead">
          This request is issued, so its questions are fixed. You may move its deadline or change whom it invites; each change is published on the request's page and in the public record,
          with your reason.
        </p>
      </div>
      {d.published ? (
        <p className="notice">Its results are published: it can no longer change.</p>
      ) : (
        <>
          <ErrorSummary formError={sent?.formError} fieldErrors={errors} />
          <Form method="post" className="form form--wide" noValidate>
            <section className="card" aria-labelledby="deadline-title">
              <h2 id="deadline-title">Deadline</h2>
              <TextField name="deadline" label="Deadline (UTC)" type="datetime-local" hint={`Now ${formatDateTime(d.deadline)}. Leave it as it is to keep it.`} defaultValue={values.deadline} errors={errors} />
            </section>
            <section className="card" aria-labelledby="invited-title">
              <h2 id="invited-title">Invited organisations</h2>
              <fieldset aria-describedby={errors?.invited ? "invited-error" : undefined}>
                <legend className="visually-hidden">Invited organisations</legend>
                {errors?.invited ? (
                  <p id="invited-error" className="field__error">
                    {errors.invited.join(" ")}
                  </p>
                ) : null}
                <InvitedChoices organisations={d.organisations} invited={values.invited} />
              </fieldset>
            </section>
            <section className="card" aria-labelledby="reason-title">
              <h2 id="reason-title">Why</h2>
              <TextArea
                name="reason"
                label="Reason for the change"
                hint="Published with the change, for respondents and the public. Write no personal data."
                maxLength={REQUEST_LEGAL_BASIS_MAX}
                defaultValue={values.reason}
                errors={errors}
                rows={3}
              />
            </section>
            <div className="button-row">
              <button type="submit" className="button">
                Make and publish the change
              </button>
              <Link to={`/requests/${d.slug}`}>Cancel</Link>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
