import { OrganisationBadge } from "../components/organisation-badge.js";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FrozenText, type PmNode } from "../components/history/frozen-text.js";
import { STAKEHOLDER_LABEL, formatDateTime } from "../utils/format.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { currentDispositions, OUTCOME_LABEL, versionDetail, requireConsultation } from "../utils/services.server.js";
import { versionComments } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Version ${data.version.number}: ${data.version.name} · ${data.consultation.title} · Margin` : "Version · Margin" }];

const CARRY_TEXT: Record<string, string> = {
  exact: "Passage unchanged in this version",
  moved: "Passage unchanged, moved within the section",
  changed: "Passage edited in this version",
  orphaned: "Passage removed in this version",
};

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = Number(params.number);
  if (!Number.isInteger(number) || number < 1) throw new Response("No such version.", { status: 404 });
  const detail = await orStatus(versionDetail(db, view, number));
  const comments = await versionComments(db, view, detail);
  const dispositions = await currentDispositions(db, view.consultation.id);
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title },
    version: { number: detail.version.number, name: detail.version.name, note: detail.version.note, at: detail.version.created_at, public: detail.version.public === 1 },
    previous: detail.previous && { number: detail.previous.number, name: detail.previous.name },
    next: detail.next && { number: detail.next.number, name: detail.next.name, at: detail.next.created_at },
    sections: detail.sections.map((s) => ({
      id: s.section_id,
      title: s.title,
      content: JSON.parse(s.content) as PmNode,
      hash: s.state_hash,
      comments: comments
        .filter((c) => c.sectionId === s.section_id)
        .map((c) => {
          const d = dispositions.get(c.id);
          return { ...c, disposition: d ? { outcome: d.outcome, label: OUTCOME_LABEL[d.outcome], response: d.response } : null };
        }),
    })),
  };
}

export default function VersionPage() {
  const { consultation: c, version: v, previous, next, sections } = useLoaderData<typeof loader>();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> › <Link to={`/c/${c.slug}/versions`}>Versions</Link> ›{" "}
        <span aria-current="page">{`Version ${v.number}`}</span>
      </nav>
      <div className="page-head">
        <p className="meta">{`Version ${v.number} · published ${formatDateTime(v.at)} · read-only${v.public ? "" : " · drafting team only"}`}</p>
        <h1>{v.name}</h1>
        {v.note ? <p className="lead">{v.note}</p> : null}
        <p className="notice">
          {next
            ? `This is an earlier version. Version ${next.number} (“${next.name}”) replaced it on ${formatDateTime(next.at)}. `
            : "This is the latest published version; the drafting team may have changed the text since. "}
          Comments are shown where they were made on this version’s text.
        </p>
        <p className="button-row no-print">
          {previous ? <Link className="button button--secondary" to={`/c/${c.slug}/compare?from=v${previous.number}&to=v${v.number}`}>{`What changed since version ${previous.number}`}</Link> : null}
          <Link className="button button--secondary" to={`/c/${c.slug}/compare?from=v${v.number}&to=${next ? `v${next.number}` : "current"}`}>
            {next ? `What changed in version ${next.number}` : "What changed since"}
          </Link>
          <Link to={`/c/${c.slug}/v/${v.number}/report`}>Response to comments</Link>
        </p>
      </div>
      {sections.map((s) => (
        <section key={s.id} className="card" aria-labelledby={`vs-${s.id}`}>
          <h2 id={`vs-${s.id}`}>{s.title}</h2>
          <div className="layout-section">
            <div className="prose">
              <FrozenText
                content={s.content}
                highlights={s.comments.filter((x) => x.start !== null && x.end !== null).map((x) => ({ id: x.id, start: x.start!, end: x.end!, label: `Comment by ${x.author.name}` }))}
              />
            </div>
            <div>
              <h3 style={{ fontSize: "1rem" }}>{s.comments.length === 0 ? "No comments on this version" : `${s.comments.length} comment(s) on this version`}</h3>
              <ol className="threads">
                {s.comments.map((x) => (
                  <li key={x.id} id={`note-${x.id}`} className="thread">
                    {x.quote ? <p className="quote-static">{`“${x.quote}”`}</p> : null}
                    <p className="byline">
                      <strong>{x.author.name}</strong>
                      {x.author.verifiedOrganisation ? `, ${x.author.organisation} ` : null}
                      <OrganisationBadge badge={x.author.verifiedOrganisation} />
                      {` · ${STAKEHOLDER_LABEL[x.author.group] ?? x.author.group} · ${formatDateTime(x.createdAt)}`}
                      {x.kind === "suggestion" ? <span className="tag tag--suggestion" style={{ marginLeft: "0.3rem" }}>Suggestion</span> : null}
                    </p>
                    <p>{x.body}</p>
                    {x.replacement !== null ? <p className="suggestion"><ins>{x.replacement}</ins></p> : null}
                    <p className="carry muted">
                      {x.carry ? CARRY_TEXT[x.carry] : x.start === null ? "The quoted passage is not in this version’s text." : null}
                      {x.carry === "changed" || x.carry === "orphaned" ? (
                        <>
                          {" · "}
                          <Link to={`/c/${c.slug}/compare?section=${s.id}&from=${previous ? `v${previous.number}` : "0"}&to=v${v.number}`}>see the change</Link>
                        </>
                      ) : null}
                    </p>
                    {x.disposition ? (
                      <p>
                        <span className={`outcome outcome--${x.disposition.outcome}`}>{x.disposition.label}</span> {x.disposition.response}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            </div>
          </div>
          <p className="meta">
            Text hash <span className="hash">{s.hash}</span>
          </p>
        </section>
      ))}
    </>
  );
}
