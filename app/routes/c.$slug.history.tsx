import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ConsultationTimeline } from "../components/history/timeline.js";
import { STAKEHOLDER_LABEL, formatDateTime } from "../utils/format.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { consultationChanges, publicCommentsByDay, listSections, people, phaseHistory, versionsOf, requireConsultation } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `History · ${data.consultation.title} · Margin` : "History · Margin" }];

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
    consultation: { slug: view.consultation.slug, title: view.consultation.title },
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
  const { consultation: c, seesDrafting, versions, phases, commentsByDay, sections, changes, nextBefore } = useLoaderData<typeof loader>();
  const latest = versions[0];
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> › <span aria-current="page">History</span>
      </nav>
      <div className="page-head">
        <h1>How this guidance evolved</h1>
        <p className="lead">
          Every change to the text, every published version and every phase of the consultation, with who did it and when. All of it is recorded in
          the <Link to="/transparency">public ledger</Link>, which anyone can check.
        </p>
        <p className="button-row">
          <Link className="button button--secondary" to={`/c/${c.slug}/versions`}>{versions.length ? `Versions (${versions.length})` : "Versions"}</Link>
          {latest ? <Link to={`/c/${c.slug}/compare?from=v${latest.number}&to=current`}>{`What changed since version ${latest.number}`}</Link> : null}
          {latest ? <Link to={`/c/${c.slug}/v/${latest.number}/report`}>Response to comments</Link> : null}
          <a href={`/c/${c.slug}/feed.atom`} type="application/atom+xml">Atom feed</a>
        </p>
        {seesDrafting ? <p className="notice">You are on the drafting team: changes made before the consultation opened are listed too (marked “Before opening”).</p> : null}
      </div>
      <div className="layout-two">
        <section aria-labelledby="changes-title">
          <h2 id="changes-title">Changes to the text, newest first</h2>
          {changes.length === 0 ? (
            <p className="empty">No public changes yet.</p>
          ) : (
            <ol className="history">
              {changes.map((ch) => (
                <li key={ch.id}>
                  <h3 style={{ fontSize: "1.05rem", margin: 0 }}>
                    <Link to={`/c/${c.slug}/s/${ch.sectionId}/history#change-${ch.id}`}>{ch.sectionTitle}</Link>
                  </h3>
                  <p className="meta">
                    {`${formatDateTime(ch.at)} · `}
                    {ch.authors.map((a) => `${a.name}${a.group ? ` (${STAKEHOLDER_LABEL[a.group] ?? a.group})` : ""}`).join(", ")}
                    {` · +${ch.inserted} / −${ch.deleted} · ${ch.summary}`}
                    {ch.suggestion ? " · accepted suggestion" : ""}
                    {ch.public ? null : <span className="tag" style={{ marginLeft: "0.4rem" }}>Before opening</span>}
                  </p>
                </li>
              ))}
            </ol>
          )}
          <div className="pager">{nextBefore ? <Link to={`?before=${encodeURIComponent(nextBefore)}`}>Older changes</Link> : <span />}</div>
        </section>
        <aside className="side">
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <ConsultationTimeline slug={c.slug} versions={versions} phases={phases} commentsByDay={commentsByDay} />
          </section>
          <section className="card" aria-labelledby="by-section-title">
            <h2 id="by-section-title">History by section</h2>
            <ol className="toc">
              {sections.map((s) => (
                <li key={s.id}>
                  <Link to={`/c/${c.slug}/s/${s.id}/history`}>{s.title}</Link>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </>
  );
}
