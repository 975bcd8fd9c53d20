import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../components/form.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { formError } from "../utils/intents.server.js";
import { issueRequest, requireManagedRequest } from "../utils/info-requests.server.js";
import { handleFormError, readForm, redirectWithFlash } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${metaTranslator(matches).t("request.issue.meta", { title: data?.title ?? "" })} · Margin` }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { ctx } = await requireManagedRequest(context, params.slug ?? "");
  const d = ctx.detail;
  if (d.request.status !== "draft") throw redirect(`/requests/${d.request.slug}`);
  return {
    slug: d.request.slug,
    title: d.request.title,
    deadline: d.request.deadline,
    timeZone: d.request.time_zone,
    contentLanguage: d.request.content_language,
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
    await issueRequest(context.margin.services.db, actor, slug, new Date(), context.margin.services.mail);
    return redirectWithFlash(`/requests/${slug}`, "The request is issued: it is public, recorded, and open for answers until its deadline.");
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function IssueRequest() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t, dateTime } = useT();
  const title = <span lang={d.contentLanguage}>{d.title}</span>;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("request.breadcrumb")}>
        <Link to="/requests">{t("request.crumb")}</Link> ›{" "}
        <Link to={`/requests/${d.slug}/edit`} lang={d.contentLanguage}>
          {d.title}
        </Link>{" "}
        › <span aria-current="page">{t("request.issue.crumb")}</span>
      </nav>
      <div className="page-head">
        <h1>
          <FormattedMessage id="request.issue.title" values={{ title }} />
        </h1>
        <p className="lead">{t("request.issue.lead")}</p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />
      {failed ? (
        <p>
          <FormattedMessage id="request.issue.fix" values={{ link: (c) => <Link to={`/requests/${d.slug}/edit`}>{c}</Link> }} />
        </p>
      ) : null}
      <section className="card" aria-labelledby="means-title">
        <h2 id="means-title">{t("request.issue.does")}</h2>
        <ul>
          <li>{t("request.issue.public", { path: `/requests/${d.slug}` })}</li>
          <li>{t("request.issue.record")}</li>
          <li>
            <FormattedMessage id="request.issue.freeze" values={{ strong: (c) => <strong>{c}</strong> }} />
          </li>
          <li>{t("request.issue.answer")}</li>
        </ul>
      </section>
      <section className="card" aria-labelledby="check-title">
        <h2 id="check-title">{t("request.issue.check")}</h2>
        <dl>
          <dt>{t("request.issue.deadline")}</dt>
          <dd>{dateTime(d.deadline, d.timeZone)}</dd>
          <dt>{t("request.issue.questions")}</dt>
          <dd>{d.questions}</dd>
          <dt>{t("request.issue.bodies")}</dt>
          <dd>
            {d.bodies.length === 0 ? (
              <strong>{t("request.issue.noBodies")}</strong>
            ) : (
              d.bodies.map((b) => t("request.body.withMembers", { name: b.name, members: b.members.join(t("request.list.sep")) || t("request.issue.noMembers") })).join("; ")
            )}
          </dd>
          <dt>{t("request.issue.invited")}</dt>
          <dd>{t("request.issue.invitedCount", { invited: d.invited, kinds: d.openToKinds })}</dd>
        </dl>
        <Form method="post" className="button-row">
          <button type="submit" name="intent" value="issue" className="button">
            {t("request.issue.submit")}
          </button>
          <Link to={`/requests/${d.slug}/edit`}>{t("request.issue.back")}</Link>
        </Form>
      </section>
    </>
  );
}
