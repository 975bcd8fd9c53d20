import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { answerShown, kindLabel, levelLabel } from "../components/requests/labels.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { actorFor, restrictedAnswers } from "../utils/request-responses.server.js";
import { getUser, orStatus } from "../utils/request.server.js";

/** Answers are for their readers alone: never kept by a shared cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${metaTranslator(matches).t("respond.answers.meta", { title: data?.request.title ?? "" })} · Margin` }];

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
      kind: a.organisation.kind,
      level: a.level,
      value: Array.isArray(a.value) ? a.value.join(", ") : typeof a.value === "boolean" ? a.value : String(a.value),
      submittedAt: a.submittedAt,
    })),
  };
}

export default function Answers() {
  const { request, answers } = useLoaderData<typeof loader>();
  const organisations = [...new Set(answers.map((a) => a.organisation))];
  const { t, dateTime } = useT();
  const lang = request.contentLanguage;
  return (
    <>
      <div className="page-head">
        <p className="meta">
          <Link to={`/requests/${request.slug}`}>
            ← <span lang={lang}>{request.title}</span>
          </Link>
        </p>
        <h1>{t("respond.answers.title")}</h1>
        <p className="notice" role="note">
          {t("respond.answers.notice")}
        </p>
        <p>
          <a href={`/requests/${request.slug}/answers.csv`}>{t("respond.answers.download")}</a>
        </p>
      </div>
      {organisations.length === 0 ? <p className="card">{t("respond.answers.none")}</p> : null}
      {organisations.map((org) => (
        <section key={org} className="card">
          <h2>{org}</h2>
          <dl>
            {answers
              .filter((a) => a.organisation === org)
              .map((a) => (
                <div key={a.id}>
                  <dt lang={lang}>{a.prompt}</dt>
                  <dd>
                    <p>{answerShown(t, a.value)}</p>
                    <p className="muted">
                      {t("respond.answers.meta.line", { level: levelLabel(t, a.level), kind: kindLabel(t, a.kind), at: dateTime(a.submittedAt, request.timeZone) })}
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
