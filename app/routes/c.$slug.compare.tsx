import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuthorLegend, DiffView } from "../components/history/diff-view.js";
import { metaTranslator, useT, type Translator } from "../i18n/index.js";
import { compareOrEmpty, pageComparisons, peopleWithColours, toClient } from "../utils/services.server.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { listSections, parsePoint, versionsOf, requireConsultation, requireSection } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("compare.meta", { title: data.consultation.title }) : t("compare.meta.none") }];
};

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
    compared.push({ id: section.id, title: section.title, ...toClient(await orStatus(compareOrEmpty(db, view, section, from, to)), layout) });
  }
  const paged = pageComparisons(compared, { page: pageParam(url), size: context.margin.services.env.COMPARE_PAGE_BLOCKS, layout });
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, contentLanguage: view.consultation.content_language, timeZone: view.consultation.time_zone },
    versions: versions.map((v) => ({ number: v.number, name: v.name, at: v.created_at })),
    from,
    to,
    layout,
    sectionId,
    sections: paged.sections,
    paging: paged.paging,
    people: peopleWithColours(compared),
  };
}

/** The page of a long comparison the URL asks for; anything but a positive whole number is the first. */
function pageParam(url: URL): number {
  const page = Number(url.searchParams.get("page"));
  return Number.isInteger(page) && page > 0 ? page : 1;
}

function pointLabelIn(t: Translator["t"], token: string, versions: { number: number; name: string }[]): string {
  if (token === "current") return t("compare.point.current");
  const v = versions.find((x) => `v${x.number}` === token);
  return v ? t("compare.point.version", { number: v.number, name: v.name }) : token === "0" ? t("compare.point.empty") : t("compare.point.update", { token });
}

export default function Compare() {
  const { consultation: c, versions, from, to, layout, sectionId, sections, people, paging } = useLoaderData<typeof loader>();
  const { t, msg, dateTime } = useT();
  const pointLabel = (token: string) => pointLabelIn(t, token, versions);
  const options = [
    { value: "current", label: t("history.currentText") },
    ...versions.map((v) => ({ value: `v${v.number}`, label: t("history.versionOption", { number: v.number, name: v.name }) })),
  ];
  const point = (p: { label: string; time: string | null }) => (p.time ? t("compare.withTime", { label: msg(p.label), time: dateTime(p.time, c.timeZone) }) : msg(p.label));
  const changed = sections.filter((s) => s.inserted + s.deleted > 0);
  const other = layout === "side" ? "inline" : "side";
  const otherHref = `?${new URLSearchParams({ from, to, layout: other, ...(sectionId ? { section: sectionId } : {}) })}`;
  const pageHref = (page: number) => `?${new URLSearchParams({ from, to, layout, ...(sectionId ? { section: sectionId } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;
  const pager = paging.pages > 1 ? <ComparePager paging={paging} href={pageHref} /> : null;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={c.contentLanguage}>
          {c.title}
        </Link>{" "}
        › <Link to={`/c/${c.slug}/versions`}>{t("compare.versions")}</Link> › <span aria-current="page">{t("compare.breadcrumb")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("compare.heading", { from: pointLabel(from), to: pointLabel(to) })}</h1>
        <p className="lead">{t("compare.lead")}</p>
      </div>
      <Form method="get" className="card compare-form no-print" aria-label={t("compare.form")}>
        {sectionId ? <input type="hidden" name="section" value={sectionId} /> : null}
        <div className="field">
          <label className="field__label" htmlFor="from">{t("compare.from")}</label>
          <select id="from" name="from" className="input" defaultValue={from}>
            {options.filter((o) => o.value !== "current").concat(options.some((o) => o.value === from) ? [] : [{ value: from, label: pointLabel(from) }]).map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="to">{t("compare.to")}</label>
          <select id="to" name="to" className="input" defaultValue={to}>
            {options.concat(options.some((o) => o.value === to) ? [] : [{ value: to, label: pointLabel(to) }]).map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </div>
        <input type="hidden" name="layout" value={layout} />
        <button type="submit" className="button">{t("history.compare")}</button>
        <Link to={otherHref}>{layout === "side" ? t("compare.inline") : t("compare.side")}</Link>
      </Form>
      <AuthorLegend people={people} />
      <p>{changed.length === 0 ? t("compare.noneChanged") : t("compare.changed", { changed: changed.length, total: sections.length })}</p>
      {paging.pages > 1 ? <p className="notice" id="compare-paged">{t("compare.paged", { from: paging.from, to: paging.to, total: paging.total })}</p> : null}
      {pager}
      {sections.map((s) => (
        <section key={s.id} className="card" aria-labelledby={`cmp-${s.id}`}>
          <h2 id={`cmp-${s.id}`} lang={c.contentLanguage}>
            {s.title}
          </h2>
          <p className="meta">
            {s.inserted + s.deleted === 0 ? t("compare.noChange") : t("compare.counts", { inserted: s.inserted, deleted: s.deleted })}{" "}
            <span className="no-print">
              <Link to={`/c/${c.slug}/s/${s.id}/history`}>{t("compare.fullHistory")}</Link>
            </span>
          </p>
          {s.onPage !== null ? (
            <p className="muted">
              <Link to={pageHref(s.onPage)}>{t("compare.onPage", { page: s.onPage })}</Link>
            </p>
          ) : s.inserted + s.deleted === 0 ? null : layout === "side" ? (
            <div className="diff-side">
              <div>
                <h3>{t("compare.before", { label: point(s.from) })}</h3>
                <DiffView blocks={s.before} people={people} showAuthors={false} label={t("compare.beforeRegion", { title: s.title })} lang={c.contentLanguage} />
              </div>
              <div>
                <h3>{t("compare.after", { label: point(s.to) })}</h3>
                <DiffView blocks={s.after} people={people} label={t("compare.afterRegion", { title: s.title })} lang={c.contentLanguage} />
              </div>
            </div>
          ) : (
            <DiffView blocks={s.inline} people={people} label={t("compare.inlineRegion", { title: s.title })} lang={c.contentLanguage} />
          )}
        </section>
      ))}
      {pager}
    </>
  );
}

/** Links to the other pages of a long comparison, with where this page is in it. */
function ComparePager({ paging, href }: { paging: { page: number; pages: number; from: number; to: number; total: number }; href: (page: number) => string }) {
  const { t } = useT();
  return (
    <nav className="pager no-print" aria-label={t("compare.pager.label")}>
      {paging.page > 1 ? <Link to={href(paging.page - 1)} rel="prev">{t("compare.pager.prev")}</Link> : <span />}
      <span>{t("compare.pager.where", { page: paging.page, pages: paging.pages })}</span>
      {paging.page < paging.pages ? <Link to={href(paging.page + 1)} rel="next">{t("compare.pager.next")}</Link> : <span />}
    </nav>
  );
}
