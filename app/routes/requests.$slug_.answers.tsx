import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DISCLOSURE_LABEL, ORGANISATION_KIND_LABEL } from "../../common/labels.js";
import { formatDateTime } from "../utils/format.js";
import { actorFor, restrictedAnswers } from "../utils/request-responses.server.js";
import { getUser, orStatus } from "../utils/request.server.js";

/** Answers are for their readers alone: never kept by a shared cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Answers: ${data?.request.title ?? "request"} · Margin` }];

/**
 * The answers a recipient may read. Loading this page is the read: every
 * recipients-level answer it shows is logged for the answering organisation to see.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const read = await orStatus(restrictedAnswers(context.margin.services.db, actorFor(getUser(context), null), params.slug ?? ""));
  return {
    request: read.request,
    answers: read.answers.map((a) => ({
      id: a.answerId,
      prompt: a.prompt,
      organisation: a.organisation.name,
      kind: ORGANISATION_KIND_LABEL[a.organisation.kind],
      level: DISCLOSURE_LABEL[a.level],
      value: Array.isArray(a.value) ? a.value.join(", ") : typeof a.value === "boolean" ? (a.value ? "yes" : "no") : String(a.value),
      submittedAt: a.submittedAt,
    })),
  };
}

export default function Answers() {
  const { request, answers } = useLoaderData<typeof loader>();
  const organisations = [...new Set(answers.map((a) => a.organisation))];
  return (
    <>
      <div className="page-head">
        <p className="meta">
          <Link to={`/requests/${request.slug}`}>← {request.title}</Link>
        </p>
        <h1>Answers you may read</h1>
        <p className="notice" role="note">
          Each answer given at “Recipients only” that this page shows is logged with your name and the time, and the answering organisation sees that log.
          Answers kept for statistics only are never shown here.
        </p>
        <p>
          <a href={`/requests/${request.slug}/answers.csv`}>Download CSV (logged as a bulk export)</a>
        </p>
      </div>
      {organisations.length === 0 ? <p className="card">No organisation has submitted answers you may read yet.</p> : null}
      {organisations.map((org) => (
        <section key={org} className="card">
          <h2>{org}</h2>
          <dl>
            {answers
              .filter((a) => a.organisation === org)
              .map((a) => (
                <div key={a.id}>
                  <dt>{a.prompt}</dt>
                  <dd>
                    <p>{a.value}</p>
                    <p className="muted">
                      {a.level} · {a.kind} · submitted {formatDateTime(a.submittedAt)}
                    </p>
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
    </>
  );
}
