import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuthorLegend, DiffView } from "../components/history/diff-view.js";
import { labelIn } from "../components/history/labels.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { peopleWithColours } from "../utils/services.server.js";
import { getUser, orStatus } from "../utils/request.server.js";
import { HISTORY_PAGE, sectionHistory, versionsOf, requireConsultation, requireSection } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("history.section.meta", { title: data.section.title }) : t("history.meta.none") }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const section = await orStatus(requireSection(db, view, params.sectionId ?? ""));
  const before = Number(new URL(request.url).searchParams.get("before"));
  const history = await sectionHistory(db, view, section, { limit: HISTORY_PAGE, beforeSeq: Number.isInteger(before) && before > 0 ? before : undefined });
  const versions = await versionsOf(db, view);
  return {
    consultation: {
      slug: view.consultation.slug,
      title: view.consultation.title,
      status: view.consultation.status,
      contentLanguage: view.consultation.content_language,
      timeZone: view.consultation.time_zone,
    },
    section: { id: section.id, title: section.title },
    seesDrafting: view.may("history.viewDrafting"),
    entries: history.entries,
    nextBefore: history.nextBefore,
    floor: history.floor,
    people: peopleWithColours([{ authors: history.people }]),
    versions: versions.map((v) => ({ number: v.number, name: v.name })),
  };
}

export default function SectionHistory() {
  const { consultation: c, section, entries, nextBefore, floor, people, versions, seesDrafting } = useLoaderData<typeof loader>();
  const { t, msg, dateTime } = useT();
  const when = (iso: string) => dateTime(iso, c.timeZone);
  const points = entries.map((e) => ({ value: String(e.seqTo), label: `${when(e.endedAt)} — ${e.authors.map((a) => a.name).join(", ")}` }));
  if (floor > 0 && !points.some((p) => p.value === String(floor))) points.push({ value: String(floor), label: t("history.section.opening") });
  const options = [
    { value: "current", label: t("history.currentText") },
    ...versions.map((v) => ({ value: `v${v.number}`, label: t("history.versionOption", { number: v.number, name: v.name }) })),
    ...points,
  ];
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={c.contentLanguage}>
          {c.title}
        </Link>{" "}
        ›{" "}
        <Link to={`/c/${c.slug}/s/${section.id}`} lang={c.contentLanguage}>
          {section.title}
        </Link>{" "}
        › <span aria-current="page">{t("history.breadcrumb")}</span>
      </nav>
      <div className="page-head">
        <h1>
          <FormattedMessage id="history.section.heading" values={{ title: <span lang={c.contentLanguage}>{section.title}</span> }} />
        </h1>
        <p className="lead">
          <FormattedMessage id="history.section.lead" values={{ link: (chunks) => <Link to="/transparency">{chunks}</Link> }} />
        </p>
        {seesDrafting ? (
          <p className="notice">{t("history.section.drafting")}</p>
        ) : null}
      </div>
      <Form method="get" action={`/c/${c.slug}/compare`} className="card compare-form no-print" aria-label={t("history.section.compareForm")}>
        <input type="hidden" name="section" value={section.id} />
        <div className="field">
          <label className="field__label" htmlFor="from">{t("history.section.compareFrom")}</label>
          <select id="from" name="from" className="input" defaultValue={points[1]?.value ?? points[0]?.value}>
            {options.filter((o) => o.value !== "current").map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="to">{t("history.section.compareTo")}</label>
          <select id="to" name="to" className="input" defaultValue="current">
            {options.map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">{t("history.compare")}</button>
      </Form>
      <AuthorLegend people={people} />
      {entries.length === 0 ? (
        <p className="empty">{t("history.section.empty")}</p>
      ) : (
        <ol className="history">
          {entries.map((e) => (
            <li key={e.id} id={`change-${e.id}`}>
              <h2>
                {`${when(e.endedAt)} · `}
                {e.authors.map((a, i) => (
                  <span key={a.id}>
                    {i > 0 ? t("history.listSeparator") : ""}
                    {a.name}
                    {a.group ? <span className="muted">{t("history.group", { group: labelIn(t, "group", a.group) })}</span> : null}
                  </span>
                ))}
              </h2>
              <p className="meta">
                {`${t("history.section.characters", { inserted: e.inserted, deleted: e.deleted })} · ${msg(e.summary)}`}
                {e.public ? null : <span className="tag" style={{ marginLeft: "0.4rem" }}>{t("history.beforeOpening")}</span>}
              </p>
              {e.suggestion ? (
                <p className="meta">
                  {t("history.section.appliesSuggestion")}
                  <Link to={`/c/${c.slug}/s/${section.id}#thread-${e.suggestion.id}`} lang={c.contentLanguage}>{`“${e.suggestion.quote ?? ""}” → “${e.suggestion.replacement ?? ""}”`}</Link>
                  {e.authors.length > 1 ? t("history.section.proposedBy", { names: e.authors.slice(1).map((a) => a.name).join(", ") }) : null}
                </p>
              ) : null}
              <DiffView blocks={e.diff} unchanged={e.unchanged} people={people} showAuthors={false} onlyChanged label={t("history.section.changeLabel", { date: when(e.endedAt) })} lang={c.contentLanguage} />
              <p className="meta">
                <FormattedMessage id="history.section.changeId" values={{ id: <code>{e.id}</code>, hash: <span className="hash">{`${e.stateHash.slice(0, 16)}…`}</span> }} />
              </p>
            </li>
          ))}
        </ol>
      )}
      <div className="pager">
        {nextBefore ? <Link to={`?before=${nextBefore}`}>{t("history.older")}</Link> : <span />}
      </div>
    </>
  );
}
