import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { metaTranslator, useT } from "../i18n/index.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { currentDocument, requireConsultation, versionsOf } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("reading.document.meta", { title: data.doc.title }) : t("reading.document.metaNone") }];
};

/** The whole consultation on one page, every section's current text in order: to read straight through, or print. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db, collab } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const [doc, versions] = await Promise.all([currentDocument(db, collab, view), versionsOf(db, view)]);
  return {
    doc,
    now: new Date().toISOString(),
    versions: versions.map((v) => ({ number: v.number, name: v.name, at: v.created_at })).sort((a, b) => b.number - a.number),
  };
}

export default function WholeDocument() {
  const { doc, now, versions } = useLoaderData<typeof loader>();
  const { t, dateTime } = useT();
  const lang = doc.contentLanguage;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("consultation.breadcrumb")}>
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${doc.slug}`} lang={lang}>
          {doc.title}
        </Link>{" "}
        › <span aria-current="page">{t("reading.document.breadcrumb")}</span>
      </nav>
      <article className="document" aria-labelledby="document-title">
        <header className="page-head">
          <h1 id="document-title" lang={lang}>
            {doc.title}
          </h1>
          <p className="meta">{t("reading.document.asOf", { at: dateTime(now, doc.timeZone) })}</p>
          <div className="no-print">
            <p className="button-row">
              {/* Printing is the browser's own (Ctrl+P or its menu, with or without script): the page's print style leaves out the site's navigation. */}
              <button type="button" className="button button--secondary button--small" onClick={() => window.print()}>
                {t("reading.document.print")}
              </button>
            </p>
            <p className="muted">{t("reading.document.printHint")}</p>
            {versions.length > 0 ? (
              <>
                <h2 className="document__downloads">{t("reading.document.downloads")}</h2>
                <ul>
                  {versions.map((v) => (
                    <li key={v.number}>
                      <a href={`/c/${doc.slug}/v/${v.number}/document.html`} download>
                        {t("reading.document.download", { number: v.number })}
                      </a>{" "}
                      <span lang={lang}>{v.name}</span>
                      <span className="muted">{` · ${dateTime(v.at, doc.timeZone)}`}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </header>
        {doc.summary ? (
          <div lang={lang} className="document__summary">
            {doc.summary.split(/\n{2,}/).map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        ) : null}
        {doc.sections.length === 0 ? <p className="empty">{t("consultation.sections.none")}</p> : null}
        {doc.sections.map((s) => (
          <section key={s.id} className="document__section" aria-labelledby={`ds-${s.id}`} lang={lang}>
            <h2 id={`ds-${s.id}`}>
              <Link to={`/c/${doc.slug}/s/${s.id}`}>{s.title}</Link>
            </h2>
            {/* The server's own rendering of the editor schema: text escaped, only safe links. */}
            {s.html ? <div className="prose" dangerouslySetInnerHTML={{ __html: s.html }} /> : <p className="empty">{t("section.empty")}</p>}
          </section>
        ))}
      </article>
    </>
  );
}
