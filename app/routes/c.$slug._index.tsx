import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PhaseBadge } from "../components/status.js";
import { ellipsize, formatDateTime, windowSentence } from "../utils/format.js";
import { commentDeps, confidentialSummary, publicCommentsByDay, listSections, phaseHistory, phaseOf, positionCounts, publishedBy, publishersOf, versionsOf, requireConsultation } from "../utils/services.server.js";
import { ConsultationTimeline } from "../components/history/timeline.js";
import { PositionsChart } from "../components/comments/positions-chart.js";
import { getUser, orStatus } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.consultation.title} · Margin` : "Consultation · Margin" },
  ...(data ? [{ name: "description", content: ellipsize(data.consultation.summary, 200) }] : []),
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const services = context.margin.services;
  const [sections, counts, phases, versions, commentsByDay, publishers, confidential] = await Promise.all([
    listSections(db, view),
    positionCounts(commentDeps(services), { consultationId: view.consultation.id }),
    phaseHistory(db, view),
    versionsOf(db, view),
    publicCommentsByDay(db, view),
    publishersOf(db, [view.consultation]),
    confidentialSummary(db, view),
  ]);
  const c = view.consultation;
  const now = new Date();
  return {
    now: now.toISOString(),
    consultation: {
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      phase: phaseOf(c, now),
      opensAt: c.opens_at,
      closesAt: c.closes_at,
      moderationMode: c.moderation_mode,
      publishedBy: publishedBy(publishers.get(c.id)!),
    },
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    counts,
    phases: phases.map((p) => ({ id: p.id, from: p.from_status, to: p.to_status, at: p.created_at })),
    versions: versions.map((v) => ({ number: v.number, name: v.name, at: v.created_at })),
    commentsByDay,
    confidential,
    canManage: view.may("consultation.manage"),
    canModerate: view.may("comment.moderate"),
    role: view.role,
  };
}

export default function ConsultationPage() {
  const { consultation: c, sections, now, canManage, canModerate, role, counts, phases, versions, commentsByDay, confidential } = useLoaderData<typeof loader>();
  const latest = versions[0];
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <span aria-current="page">{c.title}</span>
      </nav>
      <div className="page-head">
        <PhaseBadge phase={c.phase} />
        <h1 style={{ marginTop: "0.5rem" }}>{c.title}</h1>
        <p className="meta">{c.publishedBy}</p>
        <p className="meta">{windowSentence(c.phase, c.opensAt, c.closesAt, now)}</p>
        {role ? <p className="meta">{`You are on this consultation's team as ${role}.`}</p> : null}
        <p className="button-row">
          {canManage ? (
            <Link to={`/c/${c.slug}/settings`} className="button button--secondary">
              Consultation settings
            </Link>
          ) : null}
          {canModerate ? (
            <Link to={`/c/${c.slug}/moderation`} className="button button--secondary">
              Moderation queue
            </Link>
          ) : null}
          <Link to={`/c/${c.slug}/history`}>History</Link>
          <Link to={`/c/${c.slug}/versions`}>{versions.length ? `Versions (${versions.length})` : "Versions"}</Link>
          {latest ? <Link to={`/c/${c.slug}/v/${latest.number}/report`}>Response to comments</Link> : null}
          <Link to={`/c/${c.slug}/moderation-log`}>Public moderation log</Link>
          <a href={`/c/${c.slug}/feed.atom`} type="application/atom+xml">Atom feed</a>
        </p>
      </div>
      <div className="layout-two">
        <div>
          {c.summary ? (
            <section className="card" aria-labelledby="about-title">
              <h2 id="about-title">About this consultation</h2>
              {c.summary.split(/\n{2,}/).map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </section>
          ) : null}
          <section className="card" aria-labelledby="sections-title">
            <h2 id="sections-title">Sections</h2>
            {sections.length === 0 ? (
              <p className="empty">This draft has no sections yet.</p>
            ) : (
              <ol className="toc">
                {sections.map((s) => (
                  <li key={s.id}>
                    <Link to={`/c/${c.slug}/s/${s.id}`}>{s.title}</Link>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <aside aria-labelledby="window-title" className="side">
          <section className="card">
            <h2 id="window-title">Comment window</h2>
            <dl>
              <dt className="muted">Opens</dt>
              <dd>{formatDateTime(c.opensAt)}</dd>
              <dt className="muted">Closes</dt>
              <dd>{formatDateTime(c.closesAt)}</dd>
              <dt className="muted">Moderation</dt>
              <dd>{c.moderationMode === "pre" ? "Comments are checked before they appear" : "Comments appear at once and may be moderated afterwards"}</dd>
              <dt className="muted">Confidential submissions</dt>
              <dd>
                {`${confidential.submissions}, read ${confidential.reads} ${confidential.reads === 1 ? "time" : "times"} by ${
                  confidential.readers.length > 0 ? `the members of ${confidential.readers.join(", ")}` : "the owners and drafters"
                }`}
              </dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <ConsultationTimeline slug={c.slug} versions={versions} phases={phases} commentsByDay={commentsByDay} />
          </section>
          <section className="card" aria-labelledby="positions-title">
            <h2 id="positions-title">Positions across all sections</h2>
            <PositionsChart counts={counts} caption="Current positions by stakeholder group, all sections together" />
          </section>
        </aside>
      </div>
    </>
  );
}
