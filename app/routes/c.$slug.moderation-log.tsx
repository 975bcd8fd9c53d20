import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { labelIn } from "../components/history/labels.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { moderationDeps, moderationLedger, requireConsultation } from "../utils/services.server.js";
import { getUser, orStatus } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("moderationLog.meta", { title: data.consultation.title }) : t("moderationLog.meta.none") }];
};

export const LOG_PAGE = 200;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const ledger = await moderationLedger(moderationDeps(context.margin.services), view, { limit: LOG_PAGE });
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, contentLanguage: view.consultation.content_language, timeZone: view.consultation.time_zone },
    ...ledger,
  };
}

export default function ModerationLog() {
  const { consultation: c, entries, counts } = useLoaderData<typeof loader>();
  const { t, dateTime } = useT();
  const byReason = new Map<string, number>();
  for (const x of counts) if (x.reason_code) byReason.set(x.reason_code, (byReason.get(x.reason_code) ?? 0) + x.n);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={c.contentLanguage}>
          {c.title}
        </Link>{" "}
        › <span aria-current="page">{t("moderationLog.heading")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("moderationLog.heading")}</h1>
        <p className="lead">{t("moderationLog.lead")}</p>
      </div>
      <section className="card" aria-labelledby="totals-title">
        <h2 id="totals-title">{t("moderationLog.totals")}</h2>
        {byReason.size === 0 ? (
          <p className="empty">{t("moderationLog.nothingRemoved")}</p>
        ) : (
          <ul>
            {[...byReason].map(([reason, n]) => (
              <li key={reason}>{t("moderationLog.count", { reason: labelIn(t, "reason", reason), n })}</li>
            ))}
          </ul>
        )}
      </section>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("moderationLog.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("moderationLog.when")}</th>
              <th scope="col">{t("moderationLog.decision")}</th>
              <th scope="col">{t("moderationLog.reason")}</th>
              <th scope="col">{t("moderationLog.by")}</th>
              <th scope="col">{t("moderationLog.item")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{dateTime(e.at, c.timeZone)}</td>
                <td>{labelIn(t, "modAction", e.action)}</td>
                <td>{e.reason ? labelIn(t, "reason", e.reason) : "—"}</td>
                <td>
                  {e.role === "reports"
                    ? e.reports
                      ? t("moderationLog.byReports", { n: e.reports })
                      : t("moderationLog.byReportsUnknown")
                    : e.name
                      ? t("moderationLog.named", { name: e.name, role: labelIn(t, "role", e.role) })
                      : labelIn(t, "role", e.role)}
                </td>
                <td>
                  {e.item.threadId && e.item.sectionId ? (
                    <Link to={`/c/${c.slug}/s/${e.item.sectionId}#thread-${e.item.threadId}`}>{t(`reading.modlog.kind.${e.item.kind}`)}</Link>
                  ) : (
                    t(`reading.modlog.kind.${e.item.kind}`)
                  )}
                  {e.item.sectionTitle ? (
                    <>
                      {t("reading.modlog.in")}
                      <span lang={c.contentLanguage}>{e.item.sectionTitle}</span>
                    </>
                  ) : null}{" "}
                  <code className="muted" title={t("reading.modlog.id")}>
                    {e.commentId}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length === 0 ? <p className="empty">{t("moderationLog.empty")}</p> : null}
    </>
  );
}
