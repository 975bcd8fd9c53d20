import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { labelIn } from "../components/history/labels.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { publicGroupAnswer, requireConsultation } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("groupResponse.public.meta", { title: data.consultation.title }) : t("groupResponse.public.heading") }];
};

/**
 * One considered answer the team gave to many comments together (ADR 032): where
 * "answered together with N comments" leads. Its words, outcome and links, and how
 * many published comments hold it; never the group's label or texts.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const answer = await orStatus(publicGroupAnswer(db, view, params.id ?? ""));
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, contentLanguage: view.consultation.content_language, timeZone: view.consultation.time_zone },
    answer,
  };
}

export default function GroupAnswer() {
  const { consultation: c, answer: a } = useLoaderData<typeof loader>();
  const { t, dateTime } = useT();
  const lang = c.contentLanguage;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={lang}>
          {c.title}
        </Link>
      </nav>
      <div className="page-head">
        <h1>{t("groupResponse.public.heading")}</h1>
        <p className="lead">{t("groupResponse.public.lead", { at: dateTime(a.at, c.timeZone), n: a.count })}</p>
        {a.superseded ? <p className="notice">{t("groupResponse.public.superseded")}</p> : null}
      </div>
      <section className="card" data-testid="group-answer">
        <p>
          <span className={`outcome outcome--${a.outcome}`}>{labelIn(t, "outcome", a.outcome)}</span>
        </p>
        <p lang={lang} style={{ whiteSpace: "pre-wrap" }}>
          {a.response}
        </p>
        {a.changeSetIds.length > 0 || a.versionNumber ? (
          <p className="meta">
            {a.changeSetIds.map((id, i) => (
              <span key={id}>
                {i > 0 ? ", " : t("report.answeredBy")}
                <Link to={`/c/${c.slug}/history#change-${id}`}>{t("report.change", { id: id.slice(0, 6) })}</Link>
              </span>
            ))}
            {a.versionNumber ? (
              <>
                {a.changeSetIds.length > 0 ? " · " : t("report.answeredIn")}
                <Link to={`/c/${c.slug}/v/${a.versionNumber}`}>{t("report.inVersion", { number: a.versionNumber })}</Link>
              </>
            ) : null}
          </p>
        ) : null}
      </section>
    </>
  );
}
