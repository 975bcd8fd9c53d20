import { OrganisationBadge } from "../components/organisation-badge.js";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DISPOSITION_OUTCOMES } from "../../common/enums.js";
import { ErrorSummary } from "../components/form.js";
import { STAKEHOLDER_GROUPS } from "../../common/enums.js";
import { labelIn } from "../components/history/labels.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { formFailure, getUser, handleFormError, orStatus, readForm, redirectWithFlash, requireUser, requireVersionNumber } from "../utils/request.server.js";
import { commentBodyHtml, commentDeps, linkableChanges, recordDisposition, reportSummaries, servedReport, schemas, togetherOf, versionsOf, requireConsultation } from "../utils/services.server.js";
import { reportFilterOf } from "../utils/report-filter.js";
import { Pager } from "../components/pager.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("report.meta", { number: data.version.number, title: data.consultation.title }) : t("report.meta.none") }];
};

/** How many recent changes of a section the response form offers to link. */
export const LINKABLE_CHANGES = 8;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = requireVersionNumber(params);
  const url = new URL(request.url);
  const filter = reportFilterOf(url);
  const paged = schemas.ListPageQuerySchema.pick({ page: true }).safeParse({ page: url.searchParams.get("page") });
  if (!paged.success) throw new Response(paged.error.issues[0]?.message ?? "Unknown page.", { status: 400 });
  const served = await orStatus(servedReport(db, view, number, filter));
  const report = served.document;
  // Paged on screen (ADR 033): one page of rows across the sections; the downloads keep every row.
  const pageSize = context.margin.services.env.RAIL_PAGE_SIZE;
  const shown = pageOfRows(report.sections, (paged.data.page - 1) * pageSize, pageSize);
  const rowCount = report.sections.reduce((n, g) => n + g.rows.length, 0);
  const canRespond = view.may("comment.respond");
  const changes: Record<string, { id: string; summary: string; at: string }[]> = {};
  if (canRespond) {
    for (const g of shown) {
      const rows = await linkableChanges(db, view, g.id, LINKABLE_CHANGES);
      changes[g.id] = rows.map((r) => ({ id: r.id, at: r.ended_at, summary: r.summary }));
    }
  }
  const [versions, reports] = await Promise.all([versionsOf(db, view), reportSummaries(db, view)]);
  // A response that is a group's answer (ADR 032) says so, where the row shows those same words.
  const together = await togetherOf(db, report.sections.flatMap((g) => g.rows.map((r) => r.commentId)));
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, contentLanguage: view.consultation.content_language, timeZone: view.consultation.time_zone },
    version: { number: report.version.number, name: report.version.name, at: report.version.publishedAt },
    next: report.until && { number: report.until.number, at: report.until.publishedAt },
    // Comment text as the section's rail shows it: the same Markdown subset, rendered safely here (the report's downloads keep the typed text).
    paging: { page: paged.data.page, pages: Math.max(1, Math.ceil(rowCount / pageSize)) },
    sections: shown.map((g) => ({
      ...g,
      rows: g.rows.map((r) => {
        const tg = together.get(r.commentId);
        return {
          ...r,
          bodyHtml: r.withdrawn ? "" : commentBodyHtml(commentDeps(context.margin.services), r.commentId, r.body),
          together: tg && tg.response === r.response ? { groupResponseId: tg.groupResponseId, count: tg.count } : null,
        };
      }),
    })),
    confidential: report.confidentialSubmissions,
    totals: report.totals,
    frozen: served.frozen,
    filter,
    query: url.search,
    canRespond,
    changes,
    versions: versions.map((v) => ({ number: v.number, name: v.name })),
    reports,
  };
}

/** `limit` rows from the `offset`th, across the sections in order, each section with the rows of it on the page. */
function pageOfRows<G extends { rows: unknown[] }>(sections: G[], offset: number, limit: number): G[] {
  const out: G[] = [];
  let skip = offset;
  let left = limit;
  for (const g of sections) {
    if (left <= 0) break;
    if (skip >= g.rows.length) {
      skip -= g.rows.length;
      continue;
    }
    const rows = g.rows.slice(skip, skip + left);
    skip = 0;
    left -= rows.length;
    out.push({ ...g, rows });
  }
  return out;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { db, bus } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", user));
  const form = await readForm(request);
  const input = {
    commentId: String(form.get("commentId") ?? ""),
    outcome: String(form.get("outcome") ?? ""),
    response: String(form.get("response") ?? ""),
    changeSetIds: form.getAll("changeSetIds").map(String),
    versionNumber: form.get("versionNumber") ? String(form.get("versionNumber")) : undefined,
  };
  const parsed = schemas.DispositionSchema.safeParse(input);
  if (!parsed.success) return formFailure({ ok: false, formError: null, fieldErrors: schemas.fieldErrorsOf(parsed.error), values: { commentId: input.commentId, response: input.response } });
  try {
    await recordDisposition({ db, bus, mail: context.margin.services.mail }, view, user, parsed.data);
  } catch (e) {
    return handleFormError(e, form);
  }
  return redirectWithFlash(`/c/${view.consultation.slug}/v/${params.number}/report${new URL(request.url).search}#row-${parsed.data.commentId}`, { id: "report.flash.recorded" });
}

/** The outcomes the filter and the totals name, "open" (awaiting a response) last. */
const OUTCOME_VALUES = [...DISPOSITION_OUTCOMES, "open"] as const;

export default function Report() {
  const { consultation: c, version: v, next, sections, confidential, totals, frozen, filter, query, canRespond, changes, versions, reports, paging } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, msg, dateTime } = useT();
  const when = (iso: string) => dateTime(iso, c.timeZone);
  const outcome = (o: string | null | undefined) => labelIn(t, "outcome", o ?? "open");
  const lang = c.contentLanguage;
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  // A response corrected after the freeze: the row keeps the frozen words and points to the correction.
  const latestCorrection = new Map((frozen?.corrections ?? []).map((k) => [k.commentId, k]));
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={lang}>
          {c.title}
        </Link>{" "}
        › <Link to={`/c/${c.slug}/v/${v.number}`}>{t("report.version", { number: v.number })}</Link> › <span aria-current="page">{t("report.breadcrumb")}</span>
      </nav>
      <div className="page-head">
        <h1>
          <FormattedMessage id="report.heading" values={{ number: v.number, name: <span lang={lang}>{v.name}</span> }} />
        </h1>
        <p className="lead">
          {next
            ? t("report.lead.next", { at: when(v.at), next: next.number, nextAt: when(next.at) })
            : t(frozen ? "report.lead.closed" : "report.lead.now", { at: when(v.at) })}
        </p>
        {frozen ? <FrozenNotice slug={c.slug} frozen={frozen} timeZone={c.timeZone} /> : null}
        <p>
          {t(frozen ? "report.total.frozen" : "report.total", { total })}
          {OUTCOME_VALUES.map((o) => t("report.outcomeCount", { label: outcome(o), n: totals[o] })).join(" · ")}
          {confidential > 0 ? t("report.confidential", { count: confidential }) : ""}
        </p>
        <p className="button-row no-print">
          <a href={`/c/${c.slug}/v/${v.number}/report.csv${query}`} download>
            {t("report.csv")}
          </a>
          <a href={`/c/${c.slug}/v/${v.number}/report.json${query}`}>{t("report.json")}</a>
          <Link to={`/c/${c.slug}/v/${v.number}/results`}>{t("egov.link")}</Link>
          <button type="button" className="button button--secondary button--small" onClick={() => window.print()}>
            {t("report.print")}
          </button>
        </p>
      </div>
      {reports.length > 1 ? (
        <nav className="card no-print" aria-labelledby="other-reports">
          <h2 id="other-reports" style={{ fontSize: "1rem" }}>
            {t("reading.reports.title")}
          </h2>
          <ul>
            {reports.map((r) => (
              <li key={r.number}>
                {r.number === v.number ? (
                  <span aria-current="page">{t("reading.reports.item", { number: r.number, comments: r.comments, answered: r.answered })}</span>
                ) : (
                  <Link to={`/c/${c.slug}/v/${r.number}/report`}>{t("reading.reports.item", { number: r.number, comments: r.comments, answered: r.answered })}</Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {frozen && frozen.corrections.length > 0 ? <Corrections corrections={frozen.corrections} timeZone={c.timeZone} contentLanguage={lang} /> : null}
      <Form method="get" className="card compare-form no-print" aria-label={t("report.filter")}>
        <div className="field">
          <label className="field__label" htmlFor="f-outcome">{t("report.filter.outcome")}</label>
          <select id="f-outcome" name="outcome" className="input" defaultValue={filter.outcome ?? ""}>
            <option value="">{t("report.filter.any")}</option>
            {OUTCOME_VALUES.map((o) => <option key={o} value={o}>{outcome(o)}</option>)}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="f-group">{t("report.filter.group")}</label>
          <select id="f-group" name="group" className="input" defaultValue={filter.group ?? ""}>
            <option value="">{t("report.filter.any")}</option>
            {STAKEHOLDER_GROUPS.map((value) => <option key={value} value={value}>{labelIn(t, "group", value)}</option>)}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="f-kind">{t("report.filter.kind")}</label>
          <select id="f-kind" name="kind" className="input" defaultValue={filter.kind ?? ""}>
            <option value="">{t("report.filter.both")}</option>
            <option value="comment">{t("report.filter.comments")}</option>
            <option value="suggestion">{t("report.filter.suggestions")}</option>
          </select>
        </div>
        <button type="submit" className="button">{t("report.filter.submit")}</button>
        {query ? <Link to="?">{t("report.filter.clear")}</Link> : null}
      </Form>
      {failure && !failure.ok ? <ErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}
      {sections.length === 0 ? <p className="empty">{total === 0 ? t("report.empty.none") : t("report.empty.filtered")}</p> : null}
      {sections.map((g) => (
        <section key={g.id} className="card report-section" aria-labelledby={`rs-${g.id}`}>
          <h2 id={`rs-${g.id}`} lang={lang}>
            {g.title}
          </h2>
          {g.rows.map((r) => (
            <article key={r.commentId} id={`row-${r.commentId}`} className="report-row" aria-label={t("report.row.label", { kind: r.kind, name: r.author.name })}>
              <p className="byline">
                <strong>{r.author.name}</strong>
                {r.author.organisation ? `, ${r.author.organisation} ` : " "}
                <OrganisationBadge badge={r.author.verifiedOrganisation} />
                {` · ${labelIn(t, "group", r.author.group)} · ${when(r.createdAt)}`}
                {r.kind === "suggestion" ? <span className="tag tag--suggestion" style={{ marginLeft: "0.3rem" }}>{t("report.suggestion")}</span> : null}
              </p>
              {r.quote ? <p className="quote-static" lang={lang}>{`“${r.quote}”`}</p> : null}
              {r.withdrawn ? <p className="tombstone">{t("report.withdrawn")}</p> : <div className="comment-body" lang={lang} dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />}
              {r.replacement !== null ? (
                <p className="suggestion">
                  {t("report.suggestedText")}
                  <ins lang={lang}>{r.replacement}</ins>
                </p>
              ) : null}
              <p>
                <span className={`outcome outcome--${r.outcome ?? "open"}`}>{outcome(r.outcome)}</span> <span lang={lang}>{r.response ?? ""}</span>
                {r.together ? (
                  <>
                    {" "}
                    <Link className="meta" to={`/c/${c.slug}/group-answers/${r.together.groupResponseId}`}>
                      {t("groupResponse.together", { n: r.together.count })}
                    </Link>
                  </>
                ) : null}
              </p>
              {latestCorrection.has(r.commentId) ? (
                <p className="meta">
                  {t("report.corrected", { outcome: outcome(latestCorrection.get(r.commentId)!.after.outcome) })}
                  <a href={`#correction-${latestCorrection.get(r.commentId)!.seq}`}>{t("report.seeCorrection", { at: when(latestCorrection.get(r.commentId)!.at) })}</a>
                  {t("report.period")}
                </p>
              ) : null}
              {r.changeSetIds.length > 0 || r.answeredInVersion ? (
                <p className="meta">
                  {r.changeSetIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 ? ", " : t("report.answeredBy")}
                      <Link to={`/c/${c.slug}/s/${r.sectionId}/history#change-${id}`}>{t("report.change", { id: id.slice(0, 6) })}</Link>
                    </span>
                  ))}
                  {r.answeredInVersion ? (
                    <>
                      {r.changeSetIds.length > 0 ? " · " : t("report.answeredIn")}
                      <Link to={`/c/${c.slug}/v/${r.answeredInVersion}`}>{t("report.inVersion", { number: r.answeredInVersion })}</Link>
                    </>
                  ) : null}
                </p>
              ) : null}
              {canRespond ? (
                <details className="reply-box no-print">
                  <summary>{frozen ? t("report.respond.correct") : r.outcome ? t("report.respond.change") : t("report.respond.new")}</summary>
                  <Form method="post" className="form">
                    {frozen ? (
                      <p className="field__hint">{t("report.respond.frozenHint")}</p>
                    ) : null}
                    <input type="hidden" name="commentId" value={r.commentId} />
                    <div className="field">
                      <label className="field__label" htmlFor={`o-${r.commentId}`}>{t("report.respond.outcome")}</label>
                      <select id={`o-${r.commentId}`} name="outcome" className="input" defaultValue={latestCorrection.get(r.commentId)?.after.outcome ?? r.outcome ?? "noted"}>
                        {DISPOSITION_OUTCOMES.map((o) => <option key={o} value={o}>{outcome(o)}</option>)}
                      </select>
                    </div>
                    <div className="field">
                      <label className="field__label" htmlFor={`r-${r.commentId}`}>{t("report.respond.response")}</label>
                      <textarea id={`r-${r.commentId}`} name="response" className="input" lang={lang} rows={3} defaultValue={latestCorrection.get(r.commentId)?.after.response ?? r.response ?? ""} required />
                    </div>
                    {(changes[g.id] ?? []).length > 0 ? (
                      <fieldset>
                        <legend>{t("report.respond.changes")}</legend>
                        {(changes[g.id] ?? []).map((ch) => (
                          <label key={ch.id} className="radio">
                            <input type="checkbox" name="changeSetIds" value={ch.id} defaultChecked={r.changeSetIds.includes(ch.id)} />{" "}
                            {t("report.respond.changeOption", { at: when(ch.at), summary: msg(ch.summary) })}
                          </label>
                        ))}
                      </fieldset>
                    ) : null}
                    <div className="field">
                      <label className="field__label" htmlFor={`v-${r.commentId}`}>{t("report.respond.version")}</label>
                      <select id={`v-${r.commentId}`} name="versionNumber" className="input" defaultValue={r.answeredInVersion ?? ""}>
                        <option value="">—</option>
                        {versions.map((x) => <option key={x.number} value={x.number}>{t("report.respond.versionOption", { number: x.number, name: x.name })}</option>)}
                      </select>
                    </div>
                    <button type="submit" className="button button--small" disabled={busy}>
                      {t("report.respond.submit")}
                    </button>
                  </Form>
                </details>
              ) : null}
            </article>
          ))}
        </section>
      ))}
      <Pager page={paging.page} pages={paging.pages} label={t("heat.page.nav")} />
    </>
  );
}

type Frozen = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["frozen"]>;

/** Says the report is the final one, frozen, and where its fingerprint is in the public record. */
function FrozenNotice({ slug, frozen, timeZone }: { slug: string; frozen: Frozen; timeZone: string }) {
  const { t, dateTime } = useT();
  const n = frozen.corrections.length;
  return (
    <div className="notice" role="note" aria-label={t("report.frozen.label")}>
      <p>
        <strong>{t("report.frozen.title", { at: dateTime(frozen.frozenAt, timeZone), seq: frozen.seq })}</strong>
      </p>
      <p>
        <FormattedMessage
          id="report.frozen.body"
          values={{
            sha: <code className="hash">{frozen.reportSha256}</code>,
            seq: frozen.seq,
            link: (chunks) => <Link to="/transparency">{chunks}</Link>,
            verify: <code>margin verify</code>,
          }}
        />
        {n === 0 ? t("report.frozen.noCorrections") : t("report.frozen.corrections", { n })}
      </p>
      <p className="no-print">
        <a href={`/c/${slug}/history`}>{t("report.frozen.history")}</a>
      </p>
    </div>
  );
}

/** The responses recorded after the freeze, each an entry in the public record, shown next to the unchanged report. */
function Corrections({ corrections, timeZone, contentLanguage: lang }: { corrections: Frozen["corrections"]; timeZone: string; contentLanguage: string }) {
  const { t, dateTime } = useT();
  const label = (o: string | null) => labelIn(t, "outcome", o ?? "open");
  return (
    <section className="card" aria-labelledby="corrections-title">
      <h2 id="corrections-title">{t("report.corrections.title")}</h2>
      <ol className="corrections">
        {corrections.map((k) => (
          <li key={k.seq} id={`correction-${k.seq}`}>
            <p className="byline">
              {t("report.corrections.entry", { at: dateTime(k.at, timeZone), seq: k.seq })}
              <a href={`#row-${k.commentId}`}>{t("report.corrections.commentBy", { author: k.author })}</a>
              <FormattedMessage id="report.corrections.in" values={{ section: <span lang={lang}>{k.sectionTitle}</span> }} />
            </p>
            <p>
              {k.before.outcome === k.after.outcome ? (
                <FormattedMessage
                  id="report.corrections.unchanged"
                  values={{ outcome: <span className={`outcome outcome--${k.after.outcome}`}>{label(k.after.outcome)}</span> }}
                />
              ) : (
                <FormattedMessage
                  id="report.corrections.changed"
                  values={{
                    before: <span className={`outcome outcome--${k.before.outcome ?? "open"}`}>{label(k.before.outcome)}</span>,
                    after: <span className={`outcome outcome--${k.after.outcome}`}>{label(k.after.outcome)}</span>,
                  }}
                />
              )}
            </p>
            {k.after.response !== k.before.response ? (
              <>
                <p>{t("report.corrections.now", { response: k.after.response ?? "" })}</p>
                <p className="meta">{t("report.corrections.before", { response: k.before.response ?? t("report.corrections.none") })}</p>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
