import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { answerShown, kindLabel } from "../components/requests/labels.js";
import { FormattedMessage, metaTranslator, useT, type Translator } from "../i18n/index.js";
import { resultsFor, type QuestionResults, type ResultCell, type ResultsDocument } from "../utils/request-results.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? `${t("results.meta", { title: data.request.title })} · Margin` : `${t("results.crumb")} · Margin` }];
};

export async function loader({ params, context }: LoaderFunctionArgs) {
  const served = await resultsFor(context, params.slug ?? "");
  const r = served.request;
  const request = { slug: r.slug, title: r.title, deadline: r.deadline, timeZone: r.time_zone, contentLanguage: r.content_language };
  return { request, results: served.state === "published" ? served.results : null, now: new Date().toISOString() };
}

type T = Translator["t"];
/** How the page shows dates: in the request's time zone; its content (titles, prompts, choices) is marked with its language. */
interface Shown {
  timeZone: string;
  lang: string;
}

const groupLabel = (t: T, g: string) => (g === "all" ? t("results.all") : kindLabel(t, g));
const rowLabel = (t: T, q: QuestionResults, key: string) => (q.kind === "yes_no" ? (key === "yes" ? t("request.yes") : t("request.no")) : key);

export default function RequestResults() {
  const { request, results, now } = useLoaderData<typeof loader>();
  const { t } = useT();
  const shown: Shown = { timeZone: request.timeZone, lang: request.contentLanguage };
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("request.breadcrumb")}>
        <Link to="/requests">{t("request.crumb")}</Link> ›{" "}
        <Link to={`/requests/${request.slug}`} lang={shown.lang}>
          {request.title}
        </Link>{" "}
        › <span aria-current="page">{t("results.crumb")}</span>
      </nav>
      <div className="page-head">
        <h1>
          <FormattedMessage id="results.title" values={{ title: <span lang={shown.lang}>{request.title}</span> }} />
        </h1>
      </div>
      {results ? <Published results={results as ResultsDocument} shown={shown} /> : <Pending deadline={request.deadline} now={now} shown={shown} />}
    </>
  );
}

function Pending({ deadline, now, shown }: { deadline: string; now: string; shown: Shown }) {
  const { t, dateTime, timeLeft } = useT();
  return (
    <p className="notice" role="status">
      {t("results.pending", { at: dateTime(deadline, shown.timeZone), left: timeLeft(deadline, now) })}
    </p>
  );
}

function Published({ results, shown }: { results: ResultsDocument; shown: Shown }) {
  const { t, dateTime } = useT();
  const k = results.request.k;
  const anySuppressed = results.questions.some((q) => [...q.respondents, ...q.rows.flatMap((r) => r.cells)].some((c) => c.suppressed));
  return (
    <>
      <section className="card" aria-labelledby="about-results">
        <h2 id="about-results">{t("results.about")}</h2>
        <p>{t("results.published", { at: dateTime(results.publishedAt, shown.timeZone), deadline: dateTime(results.request.deadline, shown.timeZone) })}</p>
        <p id="suppression-rule">{t("results.rule", { k, below: k - 1 })}</p>
        {anySuppressed ? <p className="muted">{t("results.someSuppressed")}</p> : null}
        <p>
          <FormattedMessage
            id="results.download"
            values={{
              csv: (c) => <a href={`/requests/${results.request.slug}/results.csv`}>{c}</a>,
              json: (c) => <a href={`/requests/${results.request.slug}/results.json`}>{c}</a>,
            }}
          />
        </p>
      </section>
      {results.questions.map((q) => (
        <QuestionSection key={q.id} q={q} groups={results.groups} k={k} lang={shown.lang} />
      ))}
      <ParticipationSection results={results} />
      <PublicAnswers results={results} shown={shown} />
    </>
  );
}

function Cell({ cell }: { cell: ResultCell }) {
  const { t } = useT();
  if (cell.suppressed) {
    return (
      <td data-suppressed="true">
        <span className="muted">{t("results.suppressed")}</span>
      </td>
    );
  }
  return <td>{cell.value}</td>;
}

function QuestionSection({ q, groups, k, lang }: { q: QuestionResults; groups: string[]; k: number; lang: string }) {
  const { t } = useT();
  const headingId = `question-${q.position}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <FormattedMessage id="results.question" values={{ n: q.position, prompt: <span lang={lang}>{q.prompt}</span> }} />
      </h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="muted">
            {t(q.rows.length === 0 ? "results.caption.answered" : q.rowsSumToTotal ? "results.caption.choices" : "results.caption.multiple")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("results.answer")}</th>
              {groups.map((g) => (
                <th scope="col" key={g}>
                  {groupLabel(t, g)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("results.respondents")}</th>
              {q.respondents.map((c) => (
                <Cell key={c.id} cell={c} />
              ))}
            </tr>
            {q.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" lang={q.kind === "yes_no" ? undefined : lang}>
                  {rowLabel(t, q, r.key)}
                </th>
                {r.cells.map((c) => (
                  <Cell key={c.id} cell={c} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {q.statistics ? <Statistics q={q} k={k} /> : null}
      {q.kind === "text" ? <p className="muted">{t("results.textNote")}</p> : null}
    </section>
  );
}

function Statistics({ q, k }: { q: QuestionResults; k: number }) {
  const { t, number } = useT();
  const stats = q.statistics ?? [];
  const rows = [
    ["q1", t("results.stats.q1")],
    ["median", t("results.stats.median")],
    ["q3", t("results.stats.q3")],
  ] as const;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="muted">{t("results.stats.caption", { k })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.stats.statistic")}</th>
            {stats.map((s) => (
              <th scope="col" key={s.group}>
                {groupLabel(t, s.group)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              {stats.map((s) =>
                s.quartiles ? (
                  <td key={s.group}>{number(s.quartiles[key])}</td>
                ) : (
                  <td key={s.group} data-suppressed="true">
                    <span className="muted">{t("results.notShown")}</span>
                  </td>
                )
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ParticipationSection({ results }: { results: ResultsDocument }) {
  const { t } = useT();
  const p = results.participation;
  return (
    <section className="card" aria-labelledby="participation">
      <h2 id="participation">{t("results.participation")}</h2>
      <p>
        {t("results.participation.counts", { invited: p.counts.invited, responded: p.counts.responded, declined: p.counts.declined, noAnswer: p.counts.noAnswer })}
        {t("results.participation.open", { n: p.openCallRespondents })}
      </p>
      {p.invited.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="muted">{t("results.participation.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("results.col.organisation")}</th>
                <th scope="col">{t("results.col.kind")}</th>
                <th scope="col">{t("results.col.status")}</th>
                <th scope="col">{t("results.col.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {p.invited.map((o) => (
                <tr key={o.slug}>
                  <th scope="row">{o.name}</th>
                  <td>{kindLabel(t, o.kind)}</td>
                  <td>{t(`results.status.${o.status}`)}</td>
                  <td>{o.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function PublicAnswers({ results, shown }: { results: ResultsDocument; shown: Shown }) {
  const { t, date } = useT();
  const { named, unnamed } = results.publicAnswers;
  const prompt = new Map(results.questions.map((q) => [q.id, t("results.question", { n: q.position, prompt: q.prompt })]));
  const question = (id: string) => prompt.get(id) ?? t("results.public.aQuestion");
  return (
    <section className="card" aria-labelledby="public-answers">
      <h2 id="public-answers">{t("results.public")}</h2>
      <h3>{t("results.public.named")}</h3>
      {named.length === 0 ? (
        <p className="muted">{t("results.public.noNamed")}</p>
      ) : (
        <ul>
          {named.map((a, i) => (
            <li key={`${a.questionId}-${i}`}>
              <strong>{a.organisation.name}</strong>{" "}
              <span className="muted">{t("results.public.namedMeta", { kind: kindLabel(t, a.organisation.kind), day: date(a.day, shown.timeZone), question: question(a.questionId) })}</span>{" "}
              <span lang={shown.lang}>{answerShown(t, a.value)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("results.public.unnamed")}</h3>
      <p className="muted">{t("results.public.unnamedNote", { k: results.request.k })}</p>
      {(results.publicAnswers.unnamedWithheld ?? 0) > 0 ? (
        <p>{t("results.public.withheld", { n: results.publicAnswers.unnamedWithheld ?? 0, k: results.request.k })}</p>
      ) : unnamed.length === 0 ? (
        <p className="muted">{t("results.public.noUnnamed")}</p>
      ) : (
        <ul>
          {unnamed.map((a, i) => (
            <li key={`${a.questionId}-${i}`}>
              <span className="muted">
                {t("results.public.unnamedMeta", { kind: a.kind ? kindLabel(t, a.kind) : t("results.public.anOrganisation"), day: date(a.day, shown.timeZone), question: question(a.questionId) })}
              </span>{" "}
              <span lang={shown.lang}>{answerShown(t, a.value)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
