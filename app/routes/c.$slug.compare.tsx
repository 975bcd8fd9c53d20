import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuthorLegend, DiffView } from "../components/history/diff-view.js";
import { formatDateTime } from "../utils/format.js";
import { compareOrEmpty, peopleWithColours, toClient } from "../utils/services.server.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { listSections, parsePoint, versionsOf, requireConsultation, requireSection } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Compare · ${data.consultation.title} · Margin` : "Compare · Margin" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const url = new URL(request.url);
  const versions = await versionsOf(db, view);
  const latest = versions[0];
  const from = url.searchParams.get("from") || (versions[1] ? `v${versions[1].number}` : latest ? `v${latest.number}` : "0");
  const to = url.searchParams.get("to") || "current";
  const layout = url.searchParams.get("layout") === "side" ? "side" : "inline";
  const sectionId = url.searchParams.get("section");
  await orStatus(Promise.resolve().then(() => (parsePoint(from), parsePoint(to))));
  const ids = sectionId ? [sectionId] : (await listSections(db, view)).map((s) => s.id);
  const compared = [];
  for (const id of ids) {
    const section = await orStatus(requireSection(db, view, id));
    compared.push({ id: section.id, title: section.title, ...toClient(await orStatus(compareOrEmpty(db, view, section, from, to))) });
  }
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title },
    versions: versions.map((v) => ({ number: v.number, name: v.name, at: v.created_at })),
    from,
    to,
    layout,
    sectionId,
    sections: compared,
    people: peopleWithColours(compared),
  };
}

function pointLabel(token: string, versions: { number: number; name: string }[]): string {
  if (token === "current") return "the current text";
  const v = versions.find((x) => `v${x.number}` === token);
  return v ? `version ${v.number} (${v.name})` : token === "0" ? "an empty section" : `update ${token}`;
}

export default function Compare() {
  const { consultation: c, versions, from, to, layout, sectionId, sections, people } = useLoaderData<typeof loader>();
  const options = [{ value: "current", label: "Current text" }, ...versions.map((v) => ({ value: `v${v.number}`, label: `Version ${v.number}: ${v.name}` }))];
  const changed = sections.filter((s) => s.inserted + s.deleted > 0);
  const other = layout === "side" ? "inline" : "side";
  const otherHref = `?${new URLSearchParams({ from, to, layout: other, ...(sectionId ? { section: sectionId } : {}) })}`;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> › <Link to={`/c/${c.slug}/versions`}>Versions</Link> ›{" "}
        <span aria-current="page">Compare</span>
      </nav>
      <div className="page-head">
        <h1>{`Changes from ${pointLabel(from, versions)} to ${pointLabel(to, versions)}`}</h1>
        <p className="lead">Added words are underlined in the colour of whoever wrote them and named after the change; removed words are struck through.</p>
      </div>
      <Form method="get" className="card compare-form no-print" aria-label="Choose what to compare">
        {sectionId ? <input type="hidden" name="section" value={sectionId} /> : null}
        <div className="field">
          <label className="field__label" htmlFor="from">From</label>
          <select id="from" name="from" className="input" defaultValue={from}>
            {options.filter((o) => o.value !== "current").concat(options.some((o) => o.value === from) ? [] : [{ value: from, label: pointLabel(from, versions) }]).map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="to">To</label>
          <select id="to" name="to" className="input" defaultValue={to}>
            {options.concat(options.some((o) => o.value === to) ? [] : [{ value: to, label: pointLabel(to, versions) }]).map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </div>
        <input type="hidden" name="layout" value={layout} />
        <button type="submit" className="button">Compare</button>
        <Link to={otherHref}>{layout === "side" ? "Show changes inline" : "Show side by side"}</Link>
      </Form>
      <AuthorLegend people={people} />
      <p>{changed.length === 0 ? "No section changed between these two points." : `${changed.length} of ${sections.length} section(s) changed.`}</p>
      {sections.map((s) => (
        <section key={s.id} className="card" aria-labelledby={`cmp-${s.id}`}>
          <h2 id={`cmp-${s.id}`}>{s.title}</h2>
          <p className="meta">
            {s.inserted + s.deleted === 0 ? "No change." : `${s.inserted} characters added, ${s.deleted} removed.`}{" "}
            <span className="no-print">
              <Link to={`/c/${c.slug}/s/${s.id}/history`}>Full history of this section</Link>
            </span>
          </p>
          {s.inserted + s.deleted === 0 ? null : layout === "side" ? (
            <div className="diff-side">
              <div>
                <h3>{`Before: ${s.from.label}${s.from.time ? `, ${formatDateTime(s.from.time)}` : ""}`}</h3>
                <DiffView blocks={s.before} people={people} showAuthors={false} label={`${s.title}, before`} />
              </div>
              <div>
                <h3>{`After: ${s.to.label}${s.to.time ? `, ${formatDateTime(s.to.time)}` : ""}`}</h3>
                <DiffView blocks={s.after} people={people} label={`${s.title}, after`} />
              </div>
            </div>
          ) : (
            <DiffView blocks={s.inline} people={people} label={`Changes to ${s.title}`} />
          )}
        </section>
      ))}
    </>
  );
}
