import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { CommentRail } from "../../components/comments/comment-rail.js";
import { PositionsChart } from "../../components/comments/positions-chart.js";
import { SectionEditor, type SelectedQuote } from "../../components/editor/section-editor.client.js";
import { ErrorSummary } from "../../components/form.js";
import { PhaseBadge } from "../../components/status.js";
import { windowSentence } from "../../utils/format.js";
import { runIntent } from "../../utils/intents.server.js";
import { getUser, readForm } from "../../utils/request.server.js";
import { CommentForm, ReceivedNote } from "./comment-form.js";
import { loadSection, sectionPage } from "./data.server.js";
import { useActiveThread, useHydrated, useQuietRevalidate, useSectionEvents } from "./hooks.js";
import { SECTION_INTENTS } from "./intents.server.js";
import { PositionForm } from "./position-form.js";

export { actionOrLoaderHeaders as headers } from "../../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.section.title} · ${data.consultation.title} · Margin` : "Section · Margin" },
];

export async function loader(args: LoaderFunctionArgs) {
  return sectionPage(args);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { view, section } = await loadSection({ params, context });
  const form = await readForm(request);
  const here = `/c/${view.consultation.slug}/s/${section.id}`;
  return runIntent(SECTION_INTENTS, { context, view, section, user: getUser(context), here }, form);
}

export default function SectionPage() {
  const d = useLoaderData<typeof loader>();
  const { consultation: c, section, sections, previous, next, now, canEdit, canPost, me, threads, anchors } = d;
  const failed = useActionData<typeof action>();
  const hydrated = useHydrated();
  const revalidate = useQuietRevalidate();
  const [activeId, activate] = useActiveThread();
  const [quote, setQuote] = useState<SelectedQuote | null>(null);
  useSectionEvents(`/c/${c.slug}/s/${section.id}/events`, revalidate);
  const errors = failed?.fieldErrors as Record<string, string[]> | undefined;

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> ›{" "}
        <span aria-current="page">{section.title}</span>
      </nav>
      <div className="page-head">
        <PhaseBadge phase={c.phase} /> <span className="meta">{windowSentence(c.phase, c.opensAt, c.closesAt, now)}</span>
        <h1 id="section-title" style={{ marginTop: "0.6rem" }}>
          {section.title}
        </h1>
        <p className="meta">
          <Link to={`/c/${c.slug}/s/${section.id}/history`}>History of this section</Link>
          {" · "}
          <Link to={`/c/${c.slug}/versions`}>Versions</Link>
        </p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      <div className="layout-section">
        <div>
          {/* The HTML comes from server/collab/content.ts, which escapes text and drops unsafe links. */}
          {hydrated ? (
            <SectionEditor
              sectionId={section.id}
              title={section.title}
              editable={canEdit}
              initialHtml={section.html}
              me={me}
              onAccessChange={revalidate}
              anchors={anchors}
              activeId={activeId}
              onActivate={activate}
              onSelect={setQuote}
            />
          ) : section.html.trim() ? (
            <article className="prose" aria-labelledby="section-title" dangerouslySetInnerHTML={{ __html: section.html }} />
          ) : (
            <article className="prose">
              <p className="empty">This section has no text yet.</p>
            </article>
          )}

          <section className="card" aria-labelledby="respond-title" style={{ marginTop: "1.25rem" }}>
            <h2 id="respond-title">Respond to this section</h2>
            {d.received ? <ReceivedNote received={d.received} /> : null}
            {!canPost ? (
              <p className="muted">
                {d.signedIn ? "Comments are open only while the consultation is open for comment." : <><Link to={`/login?redirectTo=${encodeURIComponent(`/c/${c.slug}/s/${section.id}`)}`}>Sign in</Link> to comment, suggest changes or state your position.</>}
              </p>
            ) : (
              <>
                {/* A new receipt means the post went through: a fresh form, so the sent text is not left in the box to be sent twice. */}
                <CommentForm key={d.received?.reference ?? "form"} quote={quote} errors={errors} premoderated={c.moderationMode === "pre"} />
                <PositionForm quote={quote} myPosition={d.myPosition} positionHistory={d.positionHistory} />
              </>
            )}
          </section>

          <nav className="pager" aria-label="Sections">
            {previous ? <Link to={`/c/${c.slug}/s/${previous.id}`}>← {previous.title}</Link> : <span />}
            {next ? <Link to={`/c/${c.slug}/s/${next.id}`}>{next.title} →</Link> : <span />}
          </nav>
        </div>
        <aside className="side">
          <CommentRail
            threads={threads}
            total={d.totalThreads}
            matching={d.matchingThreads}
            filter={d.filter}
            activeId={activeId}
            onActivate={activate}
            canPost={canPost}
            canDecide={d.canDecide}
            canReport={d.canReport}
            confidentialCount={d.confidentialCount}
            groups={d.groups}
            historyHref={`/c/${c.slug}/s/${section.id}/history`}
          />
          <section className="card" aria-labelledby="positions-title">
            <h2 id="positions-title">Positions</h2>
            <PositionsChart counts={d.counts} caption="Current positions on this section by stakeholder group" />
          </section>
          {d.informedBy.length > 0 ? (
            <section className="card" aria-labelledby="requests-title">
              <h2 id="requests-title">Information requests informing this section</h2>
              <p className="muted">Organisations are asked for information that feeds this section; each request says who reads the answers.</p>
              <ul className="plain-list">
                {d.informedBy.map((r) => (
                  <li key={r.slug}>
                    <Link to={`/requests/${r.slug}`}>{r.title}</Link> <span className="muted">({r.open ? "open for answers" : "closed"})</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <nav className="card" aria-labelledby="contents-title">
            <h2 id="contents-title">Contents</h2>
            <ol className="toc">
              {sections.map((s) => (
                <li key={s.id}>
                  <Link to={`/c/${c.slug}/s/${s.id}`} aria-current={s.id === section.id ? "page" : undefined}>
                    {s.title}
                  </Link>
                </li>
              ))}
            </ol>
          </nav>
        </aside>
      </div>
    </>
  );
}
