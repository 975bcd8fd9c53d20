import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuthorLegend, DiffView } from "../components/history/diff-view.js";
import { STAKEHOLDER_LABEL, formatDateTime } from "../utils/format.js";
import { peopleWithColours } from "../utils/services.server.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { HISTORY_PAGE, sectionHistory, versionsOf, requireConsultation, requireSection } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `History of ${data.section.title} · Margin` : "History · Margin" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const section = await orStatus(requireSection(db, view, params.sectionId ?? ""));
  const before = Number(new URL(request.url).searchParams.get("before"));
  const history = await sectionHistory(db, view, section, { limit: HISTORY_PAGE, beforeSeq: Number.isInteger(before) && before > 0 ? before : undefined });
  const versions = await versionsOf(db, view);
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, status: view.consultation.status },
    section: { id: section.id, title: section.title },
    seesDrafting: view.may("history.viewDrafting"),
    entries: history.entries,
    nextBefore: history.nextBefore,
    floor: history.floor,
    people: peopleWithColours([{ authors: history.entries.flatMap((e) => e.authors) }]),
    versions: versions.map((v) => ({ number: v.number, name: v.name })),
  };
}

export default function SectionHistory() {
  const { consultation: c, section, entries, nextBefore, floor, people, versions, seesDrafting } = useLoaderData<typeof loader>();
  const points = entries.map((e) => ({ value: String(e.seqTo), label: `${formatDateTime(e.endedAt)} — ${e.authors.map((a) => a.name).join(", ")}` }));
  if (floor > 0 && !points.some((p) => p.value === String(floor))) points.push({ value: String(floor), label: "The text when the consultation opened" });
  const options = [{ value: "current", label: "Current text" }, ...versions.map((v) => ({ value: `v${v.number}`, label: `Version ${v.number}: ${v.name}` })), ...points];
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> › <Link to={`/c/${c.slug}/s/${section.id}`}>{section.title}</Link> ›{" "}
        <span aria-current="page">History</span>
      </nav>
      <div className="page-head">
        <h1>{`History of “${section.title}”`}</h1>
        <p className="lead">
          Every change to this section, newest first: who made it, when, and exactly what changed. Each change is recorded in the{" "}
          <Link to="/transparency">public ledger</Link>, so this history cannot be rewritten unnoticed.
        </p>
        {seesDrafting ? (
          <p className="notice">You are on the drafting team, so you also see the drafting done before the consultation opened (marked “Before opening”). Readers see the history from the opening on.</p>
        ) : null}
      </div>
      <Form method="get" action={`/c/${c.slug}/compare`} className="card compare-form no-print" aria-label="Compare two points in this section's history">
        <input type="hidden" name="section" value={section.id} />
        <div className="field">
          <label className="field__label" htmlFor="from">Compare from</label>
          <select id="from" name="from" className="input" defaultValue={points[1]?.value ?? points[0]?.value}>
            {options.filter((o) => o.value !== "current").map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="to">to</label>
          <select id="to" name="to" className="input" defaultValue="current">
            {options.map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">Compare</button>
      </Form>
      <AuthorLegend people={people} />
      {entries.length === 0 ? (
        <p className="empty">No changes have been made public for this section yet.</p>
      ) : (
        <ol className="history">
          {entries.map((e) => (
            <li key={e.id} id={`change-${e.id}`}>
              <h2>
                {`${formatDateTime(e.endedAt)} · `}
                {e.authors.map((a, i) => (
                  <span key={a.id}>
                    {i > 0 ? ", " : ""}
                    {a.name}
                    {a.group ? <span className="muted">{` (${STAKEHOLDER_LABEL[a.group] ?? a.group})`}</span> : null}
                  </span>
                ))}
              </h2>
              <p className="meta">
                {`+${e.inserted} / −${e.deleted} characters · ${e.summary}`}
                {e.public ? null : <span className="tag" style={{ marginLeft: "0.4rem" }}>Before opening</span>}
              </p>
              {e.suggestion ? (
                <p className="meta">
                  {"Applies an accepted suggestion: "}
                  <Link to={`/c/${c.slug}/s/${section.id}#thread-${e.suggestion.id}`}>{`“${e.suggestion.quote ?? ""}” → “${e.suggestion.replacement ?? ""}”`}</Link>
                  {e.authors.length > 1 ? ` (proposed by ${e.authors.slice(1).map((a) => a.name).join(", ")})` : null}
                </p>
              ) : null}
              <DiffView blocks={e.diff} people={people} showAuthors={false} onlyChanged label={`Change of ${formatDateTime(e.endedAt)}`} />
              <p className="meta">
                Change id <code>{e.id}</code> · text hash after it <span className="hash">{e.stateHash.slice(0, 16)}…</span>
              </p>
            </li>
          ))}
        </ol>
      )}
      <div className="pager">
        {nextBefore ? <Link to={`?before=${nextBefore}`}>Older changes</Link> : <span />}
      </div>
    </>
  );
}
