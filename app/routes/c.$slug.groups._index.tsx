import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { metaTranslator, useT } from "../i18n/index.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { listSections, requireConsultation, requireGrouping, schemas, topicsPage } from "../utils/services.server.js";
import { groupName, groupsPath } from "../utils/groups.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("groups.meta", { title: data.consultation.title }) : t("groups.meta.none") }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  await orStatus(Promise.resolve().then(() => requireGrouping(view)));
  const url = new URL(request.url);
  const query = schemas.GroupsQuerySchema.parse(Object.fromEntries(url.searchParams));
  const sections = await listSections(db, view);
  const section = query.section && sections.some((s) => s.id === query.section) ? query.section : undefined;
  const page = await orStatus(topicsPage(db, view, { section, page: query.page }));
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, contentLanguage: view.consultation.content_language },
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    section: section ?? null,
    pageNumber: query.page,
    ...page,
  };
}

export default function GroupsPage() {
  const { consultation: c, sections, section, topics, total, pages, pageNumber } = useLoaderData<typeof loader>();
  const { t } = useT();
  const lang = c.contentLanguage;
  const pageLink = (p: number) => groupsPath(c.slug, { section, page: p });
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={lang}>
          {c.title}
        </Link>{" "}
        › <span aria-current="page">{t("groups.breadcrumb")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("groups.heading")}</h1>
        <p className="lead">{t("groups.lead")}</p>
      </div>
      <Form method="get" className="card form">
        <fieldset>
          <legend>{t("groups.filter.legend")}</legend>
          <label htmlFor="section" className="field__label">
            {t("groups.filter.section")}
          </label>
          <select id="section" name="section" className="input" defaultValue={section ?? ""} lang={lang}>
            <option value="">{t("groups.filter.all")}</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button button--secondary">
            {t("groups.filter.apply")}
          </button>
        </fieldset>
      </Form>
      {topics.length === 0 ? (
        <p className="empty">{t("groups.empty")}</p>
      ) : (
        <>
          <p className="meta">{t("groups.total", { n: total })}</p>
          <ol className="groups" data-testid="topic-list">
            {topics.map((g) => {
              const name = groupName(t, g);
              return (
                <li key={g.id} className="card" data-testid="topic">
                  <h2 id={`topic-${g.id}`}>
                    <Link to={groupsPath(c.slug, { groupId: g.id, section })} aria-label={t("groups.open", { label: name })} lang={g.label ? lang : undefined}>
                      {name}
                    </Link>
                  </h2>
                  <p className="meta">
                    {section ? t("groups.countInSection", { shown: g.shown, n: g.size }) : t("groups.count", { n: g.size })}
                    {g.curated ? <span className="tag"> {t("groups.curated")}</span> : null}
                  </p>
                  <p className="meta">
                    {t("groups.terms")}: <span lang={lang}>{g.terms.length ? g.terms.join(", ") : t("groups.terms.none")}</span>
                  </p>
                  {g.gist ? (
                    <p lang={lang}>
                      <strong>{t("groups.gist")}:</strong> {g.gist}
                    </p>
                  ) : null}
                  {g.representatives.length > 0 ? (
                    <section aria-labelledby={`reps-${g.id}`}>
                      <h3 id={`reps-${g.id}`} className="visually-hidden">
                        {t("groups.representative")}
                      </h3>
                      <ul className="groups__reps">
                        {g.representatives.map((r) => (
                          <li key={r.id}>
                            <blockquote className="quote-static" lang={lang}>
                              {excerpt(r.body)}
                            </blockquote>
                            <Link to={`/c/${c.slug}/s/${r.sectionId}#thread-${r.id}`} className="meta" lang={lang}>
                              {r.sectionTitle}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </section>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {pages > 1 ? (
            <nav aria-label={t("groups.pages")} className="pager">
              {pageNumber > 1 ? <Link to={pageLink(pageNumber - 1)}>{t("groups.prev")}</Link> : null} <span>{t("groups.page", { page: pageNumber, pages })}</span>{" "}
              {pageNumber < pages ? <Link to={pageLink(pageNumber + 1)}>{t("groups.next")}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}

/** A representative comment as a short excerpt: the list shows what a group is about, not whole texts. */
function excerpt(body: string): string {
  const chars = [...body];
  return chars.length > 280 ? `${chars.slice(0, 280).join("")}…` : body;
}
