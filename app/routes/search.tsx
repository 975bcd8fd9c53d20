import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { SEARCH_QUERY_MAX } from "../../common/limits.js";
import { ORGANISATION_KINDS, SEARCH_KINDS, STAKEHOLDER_GROUPS } from "../../common/enums.js";
import { FormattedMessage, metaTranslator, useT, type MessageId } from "../i18n/index.js";
import { schemas, searchSite } from "../utils/services.server.js";
import type { SnippetPart } from "../utils/presenters.server.js";

const STATUSES = ["open", "closed", "final"] as const;
const FIELDS = ["q", "type", "status", "group", "kind", "from", "to"] as const;
type Field = (typeof FIELDS)[number];

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  const { t } = metaTranslator(matches);
  const q = loaded?.input.q;
  return [{ title: q ? t("search.meta.query", { q }) : t("search.meta.title") }, { name: "robots", content: "noindex" }];
};

/** GET /search?q=&type=&status=&group=&kind=&from=&to=&page=: what the public may read, whoever asks. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  // What was asked, as typed, to fill the form in again.
  const input = Object.fromEntries(FIELDS.map((f) => [f, (params.get(f) ?? "").slice(0, SEARCH_QUERY_MAX)])) as Record<Field, string>;
  const parsed = schemas.SearchQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    return data({ input, errors: [...new Set(parsed.error.issues.map((i) => i.message))], results: null }, { status: 400 });
  }
  const results = await searchSite(context.margin.services.db, parsed.data);
  return { input, errors: [] as string[], results };
}

function Marked({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}
    </>
  );
}

function pageHref(input: Record<Field, string>, page: number): string {
  const params = new URLSearchParams();
  for (const f of FIELDS) if (input[f]) params.set(f, input[f]);
  if (page > 1) params.set("page", String(page));
  return `/search?${params.toString()}`;
}

export default function Search() {
  const { input, errors, results } = useLoaderData<typeof loader>();
  const { t, msg, date, number } = useT();
  const option = (prefix: string, value: string) => t(`${prefix}.${value}` as MessageId);
  const filtered = FIELDS.some((f) => f !== "q" && input[f] !== "");
  return (
    <>
      <div className="page-head">
        <h1>{t("search.title")}</h1>
        <p className="lead">{t("search.lead")}</p>
      </div>
      <Form method="get" action="/search" className="card search-form" role="search" aria-label={t("search.title")}>
        <div className="field field--wide">
          <label className="field__label" htmlFor="search-q">
            {t("search.field.q")}
          </label>
          <p className="field__hint" id="search-q-hint">
            {t("search.howTo")}
          </p>
          <input id="search-q" className="input" type="search" name="q" defaultValue={input.q} maxLength={SEARCH_QUERY_MAX} aria-describedby="search-q-hint" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="search-type">
            {t("search.field.type")}
          </label>
          <select id="search-type" className="input" name="type" defaultValue={input.type}>
            <option value="">{t("search.type.any")}</option>
            {SEARCH_KINDS.map((k) => (
              <option key={k} value={k}>
                {option("search.type", k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="search-status">
            {t("search.field.status")}
          </label>
          <select id="search-status" className="input" name="status" defaultValue={input.status}>
            <option value="">{t("search.status.any")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {option("search.status", s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="search-group">
            {t("search.field.group")}
          </label>
          <select id="search-group" className="input" name="group" defaultValue={input.group} aria-describedby="search-filter-note">
            <option value="">{t("search.group.any")}</option>
            {STAKEHOLDER_GROUPS.map((g) => (
              <option key={g} value={g}>
                {option("search.group", g)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="search-kind">
            {t("search.field.kind")}
          </label>
          <select id="search-kind" className="input" name="kind" defaultValue={input.kind} aria-describedby="search-filter-note">
            <option value="">{t("search.kind.any")}</option>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {option("search.kind", k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="search-from">
            {t("search.field.from")}
          </label>
          <input id="search-from" className="input" type="date" name="from" defaultValue={input.from} aria-describedby="search-date-note" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="search-to">
            {t("search.field.to")}
          </label>
          <input id="search-to" className="input" type="date" name="to" defaultValue={input.to} aria-describedby="search-date-note" />
        </div>
        <div className="field field--wide">
          <p className="field__hint" id="search-filter-note">
            {t("search.filterNote")}
          </p>
          <p className="field__hint" id="search-date-note">
            {t("search.dateNote")}
          </p>
          <div className="button-row">
            <button type="submit" className="button">
              {t("search.apply")}
            </button>
            {filtered ? <Link to={pageHref({ ...input, type: "", status: "", group: "", kind: "", from: "", to: "" }, 1)}>{t("search.clear")}</Link> : null}
          </div>
        </div>
      </Form>
      <p className="muted">
        <FormattedMessage id="search.scope" values={{ link: (chunks) => <Link to="/account/submissions">{chunks}</Link> }} />
      </p>

      {errors.length > 0 ? (
        <div className="error-summary" role="alert">
          <h2>{t("search.invalid")}</h2>
          <ul>
            {errors.map((e) => (
              <li key={e}>{msg(e)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {results === null ? null : results.words.length === 0 ? (
        <p className="empty">{t("search.noQuery")}</p>
      ) : (
        <section aria-labelledby="search-count">
          <h2 id="search-count" aria-live="polite">
            {results.capped ? t("search.countCapped", { total: number(results.total) }) : t("search.count", { total: results.total })}
          </h2>
          {results.short.length > 0 ? <p className="notice notice--small">{t("search.short", { count: results.short.length, words: results.short.join("、") })}</p> : null}
          {results.dropped > 0 ? <p className="notice notice--small">{t("search.dropped", { max: results.words.length, count: results.dropped })}</p> : null}
          {results.items.length === 0 ? (
            <div className="empty">
              <p>
                <strong>{t("search.empty.title", { q: input.q })}</strong>
              </p>
              <p>{t("search.empty.body")}</p>
            </div>
          ) : (
            <>
              <p className="meta">{t("search.order")}</p>
              <ol className="card-list search-results">
                {results.items.map((item, i) => (
                  <li key={`${i}:${item.href}`} className="search-result">
                    <p className="meta search-result__meta">
                      <span className="tag">{t(`search.result.${item.kind === "comment" && item.reply ? "reply" : item.kind}` as MessageId)}</span>{" "}
                      {item.consultation && item.kind !== "consultation" ? <span lang={item.lang}>{t("search.result.in", { title: item.consultation.title })}</span> : null}{" "}
                      · <time dateTime={item.at}>{date(item.at, item.timeZone)}</time>
                    </p>
                    <h3>
                      <Link to={item.href} lang={item.lang}>
                        {item.title.length > 0 ? <Marked parts={item.title} /> : (item.consultation?.title ?? item.href)}
                      </Link>
                    </h3>
                    <p className="search-result__snippet" lang={item.lang}>
                      <Marked parts={item.snippet} />
                    </p>
                  </li>
                ))}
              </ol>
            </>
          )}
          {results.page > 1 || results.hasNext ? (
            <nav className="pager" aria-label={t("search.pages.label")}>
              {results.page > 1 ? <Link to={pageHref(input, results.page - 1)} rel="prev">{t("search.prev")}</Link> : <span />}
              <span>{t("search.page", { page: results.page })}</span>
              {results.hasNext ? <Link to={pageHref(input, results.page + 1)} rel="next">{t("search.next")}</Link> : <span />}
            </nav>
          ) : null}
        </section>
      )}
    </>
  );
}
