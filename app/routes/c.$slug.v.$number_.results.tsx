import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { I18nProvider, metaTranslator, useT } from "../i18n/index.js";
import { labelIn } from "../components/history/labels.js";
import { getUser, orStatus, requireVersionNumber } from "../utils/request.server.js";
import { egovResults, requireConsultation, resultsLocale } from "../utils/services.server.js";
import { resultsQueryOf } from "../utils/results.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("egov.meta", { number: data.doc.version.number, title: data.doc.consultation.title }) : t("egov.meta.none") }];
};

/**
 * The results of a version's comment round as Japan's e-Gov publishes them (issue 18, ADR 034): a numbered
 * table in the consultation's language, one page of rows at a time (the downloads carry every row), printable
 * on A4 as it is.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = requireVersionNumber(params);
  const { page } = resultsQueryOf(request, context.margin.locale, "page");
  const limit = env.RESULTS_PAGE_ROWS;
  const doc = await orStatus(egovResults(db, view, number, { offset: (page - 1) * limit, limit }));
  return { doc, page, limit, locale: resultsLocale(doc), timeZone: view.consultation.time_zone };
}

export default function Results() {
  const { doc, locale } = useLoaderData<typeof loader>();
  const { t } = useT();
  const c = doc.consultation;
  const v = doc.version;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={c.language}>
          {c.title}
        </Link>{" "}
        › <Link to={`/c/${c.slug}/v/${v.number}`}>{t("report.version", { number: v.number })}</Link> › <Link to={`/c/${c.slug}/v/${v.number}/report`}>{t("report.breadcrumb")}</Link> ›{" "}
        <span aria-current="page">{t("egov.breadcrumb")}</span>
      </nav>
      {/* The table is published in the consultation's language, whatever the reader's interface language. */}
      <I18nProvider locale={locale}>
        <div lang={locale} className="egov">
          <ResultsBody />
        </div>
      </I18nProvider>
    </>
  );
}

function ResultsBody() {
  const { doc, page, limit, timeZone } = useLoaderData<typeof loader>();
  const { t, dateTime, number: num } = useT();
  const when = (iso: string) => dateTime(iso, timeZone);
  const c = doc.consultation;
  const v = doc.version;
  const base = `/c/${c.slug}/v/${v.number}`;
  const from = doc.offset + 1;
  const to = doc.offset + doc.rows.length;
  const pages = Math.max(1, Math.ceil(doc.totals.rows / limit));
  return (
    <>
      <div className="page-head">
        <p className="egov__title">{t("egov.title")}</p>
        <h1>{t("egov.heading", { number: v.number, name: v.name })}</h1>
        <p className="lead">
          {doc.until ? t("egov.lead.next", { at: when(v.publishedAt), next: doc.until.number, nextAt: when(doc.until.publishedAt) }) : t("egov.lead.now", { at: when(v.publishedAt) })}
        </p>
        <p data-testid="egov-summary">
          {t("egov.summary", { comments: doc.totals.comments, rows: doc.totals.rows, answered: doc.totals.answered, awaiting: doc.totals.awaiting })}
          {doc.confidentialSubmissions > 0 ? ` ${t("egov.confidential", { count: doc.confidentialSubmissions })}` : ""}
        </p>
        <p className="button-row no-print">
          <span>{t("egov.downloads")}</span>
          <a href={`${base}/results.csv`} download>
            {t("egov.download.csv")}
          </a>
          <a href={`${base}/results.csv?bom=0`} download>
            {t("egov.download.csvNoBom")}
          </a>
          <a href={`${base}/results.json`}>{t("egov.download.json")}</a>
          <a href={`${base}/results.pdf`}>{t("egov.download.pdf")}</a>
          <Link to={`${base}/report`}>{t("egov.toReport")}</Link>
        </p>
      </div>
      {doc.totals.rows === 0 ? (
        <p className="empty">{t("egov.empty")}</p>
      ) : (
        <div className="egov-scroll">
          <table className="egov-table" data-testid="egov-table">
          <caption>{t("egov.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("egov.col.no")}</th>
              <th scope="col">{t("egov.col.section")}</th>
              <th scope="col">{t("egov.col.gist")}</th>
              <th scope="col">{t("egov.col.count")}</th>
              <th scope="col">{t("egov.col.answer")}</th>
              <th scope="col">{t("egov.col.outcome")}</th>
              <th scope="col">{t("egov.col.changed")}</th>
            </tr>
          </thead>
          <tbody>
            {doc.rows.map((r) => (
              <tr key={r.no} id={`result-${r.no}`} data-kind={r.kind}>
                <td className="egov-table__num">{r.no}</td>
                <td>
                  {r.sectionTitle}
                  {r.otherSections.length > 0 ? <span className="egov-table__note">{t("egov.alsoIn", { sections: r.otherSections.join("、") })}</span> : null}
                </td>
                <td className="egov-table__gist">
                  {r.kind === "awaiting" ? (
                    t("egov.awaiting.gist", { count: r.count })
                  ) : r.withdrawn ? (
                    <span className="tombstone">{t("egov.withdrawn")}</span>
                  ) : (
                    r.opinions.map((o, i) => (
                      <p key={i}>
                        {r.kind === "individual" && r.commentIds[i] ? <Link to={`${base}/report#row-${r.commentIds[i]}`}>{o}</Link> : o}
                      </p>
                    ))
                  )}
                  {r.kind === "individual" && r.count > r.opinions.length && !r.withdrawn ? <p className="egov-table__note">{t("egov.merged.more", { n: r.count - r.opinions.length })}</p> : null}
                  {r.kind === "group" && r.groupKind ? <span className="egov-table__note">{t(`egov.group.${r.groupKind}`)}</span> : null}
                </td>
                <td className="egov-table__num">{num(r.count)}</td>
                <td className="egov-table__answer">{r.response ?? ""}</td>
                <td>
                  <span className={`outcome outcome--${r.outcome ?? "open"}`}>{r.outcome ? labelIn(t, "outcome", r.outcome) : t("egov.awaiting")}</span>
                </td>
                <td>
                  {r.kind === "awaiting" ? null : (
                    <>
                      {t(r.textChanged ? "egov.changed.yes" : "egov.changed.no")}
                      {r.changes.map((ch) => (
                        <span key={ch.id} className="egov-table__link">
                          <Link to={`/c/${c.slug}/s/${ch.sectionId}/history#change-${ch.id}`}>{t("egov.change", { id: ch.id.slice(0, 6) })}</Link>
                        </span>
                      ))}
                      {r.answeredInVersion ? (
                        <span className="egov-table__link">
                          <Link to={`/c/${c.slug}/v/${r.answeredInVersion}`}>{t("egov.inVersion", { number: r.answeredInVersion })}</Link>
                        </span>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pager no-print" aria-label={t("egov.pager.label")}>
          <p>{t("egov.pager.range", { from: doc.rows.length > 0 ? from : 0, to, total: doc.totals.rows })}</p>
          {page > 1 ? (
            <Link to={`?page=${Math.min(page - 1, pages)}`} rel="prev">
              {t("egov.pager.prev")}
            </Link>
          ) : null}{" "}
          {page < pages ? (
            <Link to={`?page=${page + 1}`} rel="next">
              {t("egov.pager.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
