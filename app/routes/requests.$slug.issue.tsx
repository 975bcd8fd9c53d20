import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../components/form.js";
import { formatDateTime } from "../utils/format.js";
import { formError } from "../utils/intents.server.js";
import { issueRequest, requireManagedRequest } from "../utils/info-requests.server.js";
import { handleFormError, readForm, redirectWithFlash } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Issue “${data.title}” · Margin` : "Issue request · Margin" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { ctx } = await requireManagedRequest(context, params.slug ?? "");
  const d = ctx.detail;
  if (d.request.status !== "draft") throw redirect(`/requests/${d.request.slug}`);
  return {
    slug: d.request.slug,
    title: d.request.title,
    deadline: d.request.deadline,
    questions: d.questions.length,
    bodies: d.bodies.map((b) => ({ name: b.name, members: b.members.map((m) => m.displayName) })),
    invited: d.invitations.length,
    openToKinds: d.openToKinds.length,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, ctx } = await requireManagedRequest(context, params.slug ?? "");
  const slug = ctx.detail.request.slug;
  const form = await readForm(request);
  if (form.get("intent") !== "issue") return formError("Unknown action.");
  try {
    await issueRequest(context.margin.services.db, actor, slug);
    return redirectWithFlash(`/requests/${slug}`, "The request is issued: it is public, recorded, and open for answers until its deadline.");
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function IssueRequest() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/requests">Information requests</Link> › <Link to={`/requests/${d.slug}/edit`}>{d.title}</Link> › <span aria-current="page">Issue</span>
      </nav>
      <div className="page-head">
        <h1>Issue “{d.title}”?</h1>
        <p className="lead">Read this before you issue: issuing cannot be undone.</p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />
      {failed ? (
        <p>
          <Link to={`/requests/${d.slug}/edit`}>Edit the draft</Link> to correct it, then come back here.
        </p>
      ) : null}
      <section className="card" aria-labelledby="means-title">
        <h2 id="means-title">What issuing does</h2>
        <ul>
          <li>The request becomes public at /requests/{d.slug}: anyone can read its purpose, legal basis, questions, who reads restricted answers, and whom it invites.</li>
          <li>Its whole definition is written to the public record (the ledger), which anyone can verify.</li>
          <li>
            <strong>The questions and their disclosure levels freeze.</strong> Organisations may answer under them from now on, so they can no longer change. Only the deadline and the
            invitation list may change later, each change published with your reason.
          </li>
          <li>Invited organisations, and verified organisations of the kinds you opened it to, can answer until the deadline.</li>
        </ul>
      </section>
      <section className="card" aria-labelledby="check-title">
        <h2 id="check-title">What you are about to issue</h2>
        <dl>
          <dt>Deadline</dt>
          <dd>{formatDateTime(d.deadline)}</dd>
          <dt>Questions</dt>
          <dd>{d.questions}</dd>
          <dt>Recipient bodies (who reads restricted answers)</dt>
          <dd>{d.bodies.length === 0 ? <strong>None yet: name at least one before issuing.</strong> : d.bodies.map((b) => `${b.name} (${b.members.join(", ") || "no members"})`).join("; ")}</dd>
          <dt>Invited organisations</dt>
          <dd>
            {d.invited}
            {d.openToKinds > 0 ? `, and any verified organisation of ${d.openToKinds} kind${d.openToKinds === 1 ? "" : "s"}` : ""}
          </dd>
        </dl>
        <Form method="post" className="button-row">
          <button type="submit" name="intent" value="issue" className="button">
            Issue the request
          </button>
          <Link to={`/requests/${d.slug}/edit`}>Not yet: back to the draft</Link>
        </Form>
      </section>
    </>
  );
}
