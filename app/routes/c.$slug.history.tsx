import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ConsultationTimeline } from "../components/history/timeline.js";
import { labelIn } from "../components/history/labels.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { consultationChanges, publicCommentsByDay, listSections, people, phaseHistory, versionsOf, requireConsultation } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("history.meta", { title: data.consultation.title }) : t("history.meta.none") }];
};

/** Changes listed per page. */
export const CHANGES_PAGE = 30;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const before = new URL(request.url).searchParams.get("before") ?? undefined;
  const seesDrafting = view.may("history.viewDrafting");
  const [versions, phases, commentsByDay, sections, rows] = await Promise.all([
    versionsOf(db, view),
    phaseHistory(db, view),
    publicCommentsByDay(db, view),
    listSections(db, view),
    consultationChanges(db, view, { limit: CHANGES_PAGE + 1, before: before && /^\d{4}-\d{2}-\d{2}T/.test(before) ? before : undefined }),
  ]);
  const shown = rows.slice(0, CHANGES_PAGE);
  const who = await people(db, shown.flatMap((r) => JSON.parse(r.authors) as string[]));
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, contentLanguage: view.consultation.content_language, timeZone: view.consultation.time_zone },
    now: new Date().toISOString(),
    seesDrafting,
    versions: versions.map((v) => ({ number: v.number, name: v.name, at: v.created_at })),
    phases: phases.map((p) => ({ id: p.id, to: p.to_status, at: p.created_at })),
    commentsByDay,
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    changes: shown.map((r) => ({
      id: r.id,
      sectionId: r.section_id,
      sectionTitle: r.section_title,
      at: r.ended_at,
      authors: (JSON.parse(r.authors) as string[]).map((id) => who.get(id)!),
      inserted: r.inserted,
      deleted: r.deleted,
      summary: r.summary,
      suggestion: r.suggestion_id !== null,
      public: r.public === 1,
    })),
    nextBefore: rows.length > CHANGES_PAGE ? shown[shown.length - 1]!.ended_at : null,
  };
}

export default function ConsultationHistory() {
  const { consultation: c, now, seesDrafting, versions, phases, commentsByDay, sections, changes, nextBefore } = useLoaderData<typeof loader>();
  const { t, msg, dateTime, ago } = useT();
  const latest = versions[0];
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> › <Link to={`/c/${c.slug}`} lang={c.contentLanguage}>{c.title}</Link> › <span aria-current="page">{t("history.breadcrumb")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("history.heading")}</h1>
        <p className="lead">
          <FormattedMessage id="history.lead" values={{ link: (chunks) => <Link to="/transparency">{chunks}</Link> }} />
        </p>
        <p className="button-row">
          <Link className="button button--secondary" to={`/c/${c.slug}/versions`}>{t("history.versions", { count: versions.length })}</Link>
          {latest ? <Link to={`/c/${c.slug}/compare?from=v${latest.number}&to=current`}>{t("history.sinceVersion", { number: latest.number })}</Link> : null}
          {latest ? <Link to={`/c/${c.slug}/v/${latest.number}/report`}>{t("history.report")}</Link> : null}
          <a href={`/c/${c.slug}/feed.atom`} type="application/atom+xml">{t("history.feed")}</a>
        </p>
        {seesDrafting ? <p className="notice">{t("history.drafting")}</p> : null}
      </div>
      <div className="layout-two">
        <section aria-labelledby="changes-title">
          <h2 id="changes-title">{t("history.changes.title")}</h2>
          {changes.length === 0 ? (
            <p className="empty">{t("history.changes.empty")}</p>
          ) : (
            <ol className="history">
              {changes.map((ch) => (
                <li key={ch.id}>
                  <h3 style={{ fontSize: "1.05rem", margin: 0 }}>
                    <Link to={`/c/${c.slug}/s/${ch.sectionId}/history#change-${ch.id}`} lang={c.contentLanguage}>{ch.sectionTitle}</Link>
                  </h3>
                  <p className="meta">
                    <time dateTime={ch.at} title={ago(ch.at, now)}>{dateTime(ch.at, c.timeZone)}</time>
                    {" · "}
                    {ch.authors.map((a) => (a.group ? t("history.author", { name: a.name, group: labelIn(t, "group", a.group) }) : a.name)).join(t("history.listSeparator"))}
                    {` · ${t("history.change.counts", { inserted: ch.inserted, deleted: ch.deleted })} · ${msg(ch.summary)}`}
                    {ch.suggestion ? ` · ${t("history.change.suggestion")}` : ""}
                    {ch.public ? null : <span className="tag" style={{ marginLeft: "0.4rem" }}>{t("history.beforeOpening")}</span>}
                  </p>
                </li>
              ))}
            </ol>
          )}
          <div className="pager">{nextBefore ? <Link to={`?before=${encodeURIComponent(nextBefore)}`}>{t("history.older")}</Link> : <span />}</div>
        </section>
        <aside className="side">
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t("history.timeline")}</h2>
            <ConsultationTimeline slug={c.slug} timeZone={c.timeZone} contentLanguage={c.contentLanguage} versions={versions} phases={phases} commentsByDay={commentsByDay} />
          </section>
          <section className="card" aria-labelledby="by-section-title">
            <h2 id="by-section-title">{t("history.bySection")}</h2>
            <ol className="toc">
              {sections.map((s) => (
                <li key={s.id}>
                  <Link to={`/c/${c.slug}/s/${s.id}/history`} lang={c.contentLanguage}>{s.title}</Link>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </>
  );
}
