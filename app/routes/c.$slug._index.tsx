import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PhaseBadge, WindowSentence } from "../components/status.js";
import { ellipsize } from "../utils/format.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { actualWindowsOf, commentDeps, confidentialSummary, publicCommentsByDay, publicCommentsBySection, reportSummaries, listSections, phaseHistory, phaseOf, positionCounts, publishedBy, publishersOf, versionsOf, requireConsultation } from "../utils/services.server.js";
import { ConsultationTimeline } from "../components/history/timeline.js";
import { PositionsChart } from "../components/comments/positions-chart.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { followButton } from "../utils/follow.server.js";
import { FollowButton } from "../components/follow-button.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.consultation.title} · Margin` : metaTranslator(matches).t("consultation.meta.title") },
  ...(data ? [{ name: "description", content: ellipsize(data.consultation.summary, 200) }] : []),
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const services = context.margin.services;
  const now = new Date();
  const [sections, counts, phases, versions, commentsByDay, publishers, confidential, follow, bySection, reports, actual] = await Promise.all([
    listSections(db, view),
    positionCounts(commentDeps(services), { consultationId: view.consultation.id }),
    phaseHistory(db, view),
    versionsOf(db, view),
    publicCommentsByDay(db, view),
    publishersOf(db, [view.consultation]),
    confidentialSummary(db, view),
    followButton(context, "consultation", view.consultation.id, view.consultation.slug, `/c/${view.consultation.slug}`),
    publicCommentsBySection(db, view),
    reportSummaries(db, view),
    actualWindowsOf(db, [view.consultation], now),
  ]);
  const c = view.consultation;
  const window = actual.get(c.id);
  return {
    now: now.toISOString(),
    consultation: {
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      phase: phaseOf(c, now),
      opensAt: c.opens_at,
      closesAt: c.closes_at,
      openedAt: window?.openedAt ?? null,
      closedAt: window?.closedAt ?? null,
      contentLanguage: c.content_language,
      timeZone: c.time_zone,
      moderationMode: c.moderation_mode,
      draftingMode: c.drafting_mode,
      publishedBy: publishedBy(publishers.get(c.id)!),
    },
    sections: sections.map((s) => ({ id: s.id, title: s.title, comments: bySection.get(s.id) ?? 0 })),
    // The report the link leads to: the newest version whose report lists comments (the newest is often empty).
    reportNumber: (reports.find((r) => r.comments > 0) ?? reports[0])?.number ?? null,
    counts,
    phases: phases.map((p) => ({ id: p.id, from: p.from_status, to: p.to_status, at: p.created_at })),
    versions: versions.map((v) => ({ number: v.number, name: v.name, at: v.created_at })),
    commentsByDay,
    confidential,
    follow,
    canManage: view.may("consultation.manage"),
    canModerate: view.may("comment.moderate"),
    canGroup: view.may("comment.respond"),
    role: view.role,
  };
}

export default function ConsultationPage() {
  const { consultation: c, sections, now, canManage, canModerate, canGroup, role, counts, phases, versions, commentsByDay, confidential, follow, reportNumber } = useLoaderData<typeof loader>();
  const { t, msg, dateTime, timeLeft, locale: uiLang } = useT();
  const lang = c.contentLanguage;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("consultation.breadcrumb")}>
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <span aria-current="page" lang={lang}>
          {c.title}
        </span>
      </nav>
      <div className="page-head">
        <PhaseBadge phase={c.phase} />
        <h1 style={{ marginTop: "0.5rem" }} lang={lang}>
          {c.title}
        </h1>
        <p className="meta">{msg(c.publishedBy)}</p>
        <p className="meta">
          <WindowSentence c={c} now={now} />
        </p>
        {role ? <p className="meta">{t("consultation.role", { role })}</p> : null}
        <p className="button-row">
          {canManage ? (
            <Link to={`/c/${c.slug}/settings`} className="button button--secondary">
              {t("consultation.link.settings")}
            </Link>
          ) : null}
          {canModerate ? (
            <Link to={`/c/${c.slug}/moderation`} className="button button--secondary">
              {t("consultation.link.moderation")}
            </Link>
          ) : null}
          {canGroup ? (
            <Link to={`/c/${c.slug}/groups`} className="button button--secondary">
              {t("groups.link")}
            </Link>
          ) : null}
          <Link to={`/c/${c.slug}/history`}>{t("consultation.link.history")}</Link>
          <Link to={`/c/${c.slug}/versions`}>{t("consultation.link.versions", { count: versions.length })}</Link>
          {reportNumber !== null ? <Link to={`/c/${c.slug}/v/${reportNumber}/report`}>{t("consultation.link.report")}</Link> : null}
          {reportNumber !== null ? <Link to={`/c/${c.slug}/v/${reportNumber}/results`}>{t("egov.link")}</Link> : null}
          <Link to={`/c/${c.slug}/moderation-log`}>{t("consultation.link.moderationLog")}</Link>
          <Link to={`/c/${c.slug}/document`}>{t("reading.document.link")}</Link>
        </p>
        <FollowButton state={follow} subject={t("follow.subject.consultation")} hint={t("follow.hint.consultation")} hintId="follow-hint" feed={`/c/${c.slug}/feed.atom`} />
      </div>
      <div className="layout-two">
        <div>
          {c.summary ? (
            <section className="card" aria-labelledby="about-title">
              <h2 id="about-title">{t("consultation.about")}</h2>
              <div lang={lang}>
                {c.summary.split(/\n{2,}/).map((p, i) => (
                  <p key={i}>{p}</p>
                ))}
              </div>
            </section>
          ) : null}
          <section className="card" aria-labelledby="sections-title">
            <h2 id="sections-title">{t("consultation.sections")}</h2>
            {sections.length === 0 ? (
              <p className="empty">{t("consultation.sections.none")}</p>
            ) : (
              <ol className="toc" lang={lang}>
                {sections.map((s) => (
                  <li key={s.id} className="toc__counted">
                    <Link to={`/c/${c.slug}/s/${s.id}`}>{s.title}</Link>{" "}
                    <span className="muted toc__count" lang={uiLang}>
                      {t("reading.toc.comments", { count: s.comments })}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <aside aria-labelledby="window-title" className="side">
          <section className="card">
            <h2 id="window-title">{t("consultation.window.title")}</h2>
            <dl>
              <dt className="muted">{t(c.openedAt ? "reading.window.opened" : "consultation.window.opens")}</dt>
              <dd>
                {dateTime(c.openedAt ?? c.opensAt, c.timeZone)}
                {c.openedAt && c.opensAt && c.opensAt !== c.openedAt ? <span className="muted">{` ${t("reading.window.planned", { date: dateTime(c.opensAt, c.timeZone) })}`}</span> : null}
              </dd>
              <dt className="muted">{t(c.closedAt ? "reading.window.closed" : "consultation.window.closes")}</dt>
              <dd>
                {dateTime(c.closedAt ?? c.closesAt, c.timeZone)}
                {c.closedAt && c.closesAt && c.closesAt !== c.closedAt ? <span className="muted">{` ${t("reading.window.planned", { date: dateTime(c.closesAt, c.timeZone) })}`}</span> : null}
                {c.closesAt && c.phase === "open" ? <span className="muted">{` (${timeLeft(c.closesAt, now)})`}</span> : null}
              </dd>
              <dt className="muted">{t("consultation.moderation")}</dt>
              <dd>{t(c.moderationMode === "pre" ? "consultation.moderation.pre" : "consultation.moderation.post")}</dd>
              <dt className="muted">{t("working.settings.title")}</dt>
              <dd data-testid="drafting-mode">{t(c.draftingMode === "working" ? "working.mode.working" : "working.mode.live")}</dd>
              <dt className="muted">{t("consultation.confidential")}</dt>
              <dd>
                {confidential.readers.length > 0
                  ? t("consultation.confidential.readers", { submissions: confidential.submissions, reads: confidential.reads, readers: confidential.readers.join(", ") })
                  : t("consultation.confidential.team", { submissions: confidential.submissions, reads: confidential.reads })}
              </dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t("consultation.timeline")}</h2>
            <ConsultationTimeline slug={c.slug} timeZone={c.timeZone} contentLanguage={lang} versions={versions} phases={phases} commentsByDay={commentsByDay} />
          </section>
          <section className="card" aria-labelledby="positions-title">
            <h2 id="positions-title">{t("consultation.positions")}</h2>
            <PositionsChart counts={counts} caption={t("consultation.positions.caption")} />
          </section>
        </aside>
      </div>
    </>
  );
}
