import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { SectionEditor } from "../components/editor/section-editor.client.js";
import { PhaseBadge } from "../components/status.js";
import { windowSentence } from "../utils/format.js";
import { listSections, phaseOf, presenceColour, viewConsultation, viewSection } from "../utils/services.server.js";
import { getUser, orStatus } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.section.title} · ${data.consultation.title} · Margin` : "Section · Margin" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(viewConsultation(db, params.slug ?? "", getUser(context)));
  const section = await orStatus(viewSection(db, view, params.sectionId ?? ""));
  const sections = await listSections(db, view);
  const index = sections.findIndex((s) => s.id === section.id);
  const live = await context.margin.services.collab.readSection(section.id);
  const user = getUser(context);
  const c = view.consultation;
  const now = new Date();
  return {
    now: now.toISOString(),
    consultation: { slug: c.slug, title: c.title, phase: phaseOf(c, now), opensAt: c.opens_at, closesAt: c.closes_at },
    section: { id: section.id, title: section.title, html: live.html, number: index + 1 },
    canEdit: view.may("section.edit"),
    me: user ? { name: user.display_name, color: presenceColour(user.id) } : null,
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    previous: index > 0 ? sections[index - 1]! : null,
    next: index >= 0 && index < sections.length - 1 ? sections[index + 1]! : null,
  };
}

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export default function SectionPage() {
  const { consultation: c, section, sections, previous, next, now, canEdit, me } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const revalidator = useRevalidator();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> ›{" "}
        <span aria-current="page">{section.title}</span>
      </nav>
      <div className="page-head">
        <PhaseBadge phase={c.phase} />{" "}
        <span className="meta">{windowSentence(c.phase, c.opensAt, c.closesAt, now)}</span>
        <h1 id="section-title" style={{ marginTop: "0.6rem" }}>
          {section.title}
        </h1>
      </div>
      <div className="layout-two">
        <div>
          {/* The HTML comes from server/collab/content.ts, which escapes text and drops unsafe links. */}
          {hydrated ? (
            <SectionEditor
              sectionId={section.id}
              title={section.title}
              editable={canEdit}
              initialHtml={section.html}
              me={me}
              onAccessChange={() => revalidator.revalidate()}
            />
          ) : section.html.trim() ? (
            <article className="prose" aria-labelledby="section-title" dangerouslySetInnerHTML={{ __html: section.html }} />
          ) : (
            <article className="prose">
              <p className="empty">This section has no text yet.</p>
            </article>
          )}
          <nav className="pager" aria-label="Sections">
            {previous ? <Link to={`/c/${c.slug}/s/${previous.id}`}>← {previous.title}</Link> : <span />}
            {next ? <Link to={`/c/${c.slug}/s/${next.id}`}>{next.title} →</Link> : <span />}
          </nav>
        </div>
        <aside>
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
