import { OrganisationBadge } from "../components/organisation-badge.js";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FrozenText } from "../components/history/frozen-text.js";
import type { PmNode } from "../components/offset-text.js";
import { labelIn } from "../components/history/labels.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { getUser, orStatus, requireVersionNumber } from "../utils/request.server.js";
import { currentDispositions, versionDetail, requireConsultation } from "../utils/services.server.js";
import { versionComments } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("version.meta", { number: data.version.number, name: data.version.name, title: data.consultation.title }) : t("version.meta.none") }];
};

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = requireVersionNumber(params);
  const detail = await orStatus(versionDetail(db, view, number));
  const comments = await versionComments(db, view, detail);
  const dispositions = await currentDispositions(db, view.consultation.id);
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, contentLanguage: view.consultation.content_language, timeZone: view.consultation.time_zone },
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
          return { ...c, disposition: d ? { outcome: d.outcome, response: d.response } : null };
        }),
    })),
  };
}

export default function VersionPage() {
  const { consultation: c, version: v, previous, next, sections } = useLoaderData<typeof loader>();
  const { t, dateTime } = useT();
  const when = (iso: string) => dateTime(iso, c.timeZone);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={c.contentLanguage}>
          {c.title}
        </Link>{" "}
        › <Link to={`/c/${c.slug}/versions`}>{t("versions.heading")}</Link> › <span aria-current="page">{t("version.breadcrumb", { number: v.number })}</span>
      </nav>
      <div className="page-head">
        <p className="meta">{t("version.head", { number: v.number, at: when(v.at), teamOnly: v.public ? "no" : "yes" })}</p>
        <h1 lang={c.contentLanguage}>{v.name}</h1>
        {v.note ? (
          <p className="lead" lang={c.contentLanguage}>
            {v.note}
          </p>
        ) : null}
        <p className="notice">
          {next ? (
            <FormattedMessage id="version.earlier" values={{ number: next.number, name: <span lang={c.contentLanguage}>{next.name}</span>, at: when(next.at) }} />
          ) : (
            t("version.latest")
          )}
          {t("version.commentsWhere")}
        </p>
        <p className="button-row no-print">
          {previous ? <Link className="button button--secondary" to={`/c/${c.slug}/compare?from=v${previous.number}&to=v${v.number}`}>{t("version.sincePrevious", { number: previous.number })}</Link> : null}
          <Link className="button button--secondary" to={`/c/${c.slug}/compare?from=v${v.number}&to=${next ? `v${next.number}` : "current"}`}>
            {next ? t("version.inNext", { number: next.number }) : t("version.since")}
          </Link>
          <Link to={`/c/${c.slug}/v/${v.number}/report`}>{t("versions.report")}</Link>
          <Link to={`/c/${c.slug}/v/${v.number}/results`}>{t("egov.link")}</Link>
        </p>
      </div>
      {sections.map((s) => (
        <section key={s.id} className="card" aria-labelledby={`vs-${s.id}`}>
          <h2 id={`vs-${s.id}`} lang={c.contentLanguage}>
            {s.title}
          </h2>
          <div className="layout-section">
            <div className="prose" lang={c.contentLanguage}>
              <FrozenText
                content={s.content}
                idPrefix={`v-${s.id}-`}
                highlights={s.comments.filter((x) => x.start !== null && x.end !== null).map((x) => ({ id: x.id, start: x.start!, end: x.end!, label: t("version.commentBy", { name: x.author.name }) }))}
              />
            </div>
            <div>
              <h3 style={{ fontSize: "1rem" }}>{t("version.comments", { count: s.comments.length })}</h3>
              <ol className="threads">
                {s.comments.map((x) => (
                  <li key={x.id} id={`note-${x.id}`} className="thread">
                    {x.quote ? <p className="quote-static" lang={c.contentLanguage}>{`“${x.quote}”`}</p> : null}
                    <p className="byline">
                      <strong>{x.author.name}</strong>
                      {x.author.verifiedOrganisation ? `, ${x.author.organisation} ` : null}
                      <OrganisationBadge badge={x.author.verifiedOrganisation} />
                      {` · ${labelIn(t, "group", x.author.group)} · ${when(x.createdAt)}`}
                      {x.kind === "suggestion" ? <span className="tag tag--suggestion" style={{ marginLeft: "0.3rem" }}>{t("version.suggestion")}</span> : null}
                    </p>
                    <p lang={c.contentLanguage}>{x.body}</p>
                    {x.replacement !== null ? <p className="suggestion" lang={c.contentLanguage}><ins>{x.replacement}</ins></p> : null}
                    <p className="carry muted">
                      {x.carry ? labelIn(t, "carry", x.carry) : x.start === null ? t("version.notInText") : null}
                      {x.carry === "changed" || x.carry === "orphaned" ? (
                        <>
                          {" · "}
                          <Link to={`/c/${c.slug}/compare?section=${s.id}&from=${previous ? `v${previous.number}` : "0"}&to=v${v.number}`}>{t("version.seeChange")}</Link>
                        </>
                      ) : null}
                    </p>
                    {x.disposition ? (
                      <p>
                        <span className={`outcome outcome--${x.disposition.outcome}`}>{labelIn(t, "outcome", x.disposition.outcome)}</span>{" "}
                        <span lang={c.contentLanguage}>{x.disposition.response}</span>
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            </div>
          </div>
          <p className="meta">
            <FormattedMessage id="version.hash" values={{ hash: <span className="hash">{s.hash}</span> }} />
          </p>
        </section>
      ))}
    </>
  );
}
