import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ORGANISATION_KIND_LABEL, labelOf } from "../../common/labels.js";
import { formatDate, formatDateTime } from "../utils/format.js";
import { answerText } from "../../common/answer-text.js";
import { resultsFor, type QuestionResults, type ResultCell, type ResultsDocument } from "../utils/request-results.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Results · ${data.request.title} · Margin` : "Results · Margin" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const served = await resultsFor(context, params.slug ?? "");
  const request = { slug: served.request.slug, title: served.request.title, deadline: served.request.deadline };
  return { request, results: served.state === "published" ? served.results : null };
}

const STATUS_LABEL = { responded: "Responded", declined: "Declined", no_answer: "No answer" } as const;

const groupLabel = (g: string) => (g === "all" ? "All respondents" : labelOf(ORGANISATION_KIND_LABEL, g));
const rowLabel = (q: QuestionResults, key: string) => (q.kind === "yes_no" ? (key === "yes" ? "Yes" : "No") : key);

export default function RequestResults() {
  const { request, results } = useLoaderData<typeof loader>();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/requests">Information requests</Link> › <Link to={`/requests/${request.slug}`}>{request.title}</Link> › <span aria-current="page">Results</span>
      </nav>
      <div className="page-head">
        <h1>{`Results: ${request.title}`}</h1>
      </div>
      {results ? <Published results={results as ResultsDocument} /> : <Pending deadline={request.deadline} />}
    </>
  );
}

function Pending({ deadline }: { deadline: string }) {
  return (
    <p className="notice" role="status">
      {`The results of this request will be published after its deadline, ${formatDateTime(
        deadline
      )}: the statistics, the list of invited organisations with whether each responded, declined or did not answer, and the answers their authors made public. Until then nothing about who answered is public.`}
    </p>
  );
}

function Published({ results }: { results: ResultsDocument }) {
  const k = results.request.k;
  const anySuppressed = results.questions.some((q) => [...q.respondents, ...q.rows.flatMap((r) => r.cells)].some((c) => c.suppressed));
  return (
    <>
      <section className="card" aria-labelledby="about-results">
        <h2 id="about-results">About these results</h2>
        <p>
          {`Published ${formatDateTime(results.publishedAt)}, after the deadline of ${formatDateTime(
            results.request.deadline
          )}, and recorded in the public ledger as they are shown here; they will not change. Counts are of organisations, from each one's latest submitted answers, broken down by kind of organisation.`}
        </p>
        <p id="suppression-rule">
          {`A count from 1 to ${
            k - 1
          } is not shown: with fewer than ${k} organisations (this request's threshold k), a reader who knows some of them could tell what the others answered. Such a cell reads “suppressed”. Some other cells read “suppressed” too, although their count is 0 or at least ${k}: shown, they would let anyone work out a hidden count by subtracting from a total (complementary suppression). Medians and quartiles are shown only over at least ${k} numbers, and over all respondents only when that gives no smaller group's numbers away. Written answers are counted, never summarised; those their authors made public are listed below.`}
        </p>
        {anySuppressed ? <p className="muted">Some cells of these results are suppressed.</p> : null}
        <p>
          Download exactly what this page shows: <a href={`/requests/${results.request.slug}/results.csv`}>CSV</a> ·{" "}
          <a href={`/requests/${results.request.slug}/results.json`}>JSON</a>
        </p>
      </section>
      {results.questions.map((q) => (
        <QuestionSection key={q.id} q={q} groups={results.groups} k={k} />
      ))}
      <ParticipationSection results={results} />
      <PublicAnswers results={results} />
    </>
  );
}

function Cell({ cell }: { cell: ResultCell }) {
  if (cell.suppressed) {
    return (
      <td data-suppressed="true">
        <span className="muted">suppressed</span>
      </td>
    );
  }
  return <td>{cell.value}</td>;
}

function QuestionSection({ q, groups, k }: { q: QuestionResults; groups: string[]; k: number }) {
  const headingId = `question-${q.position}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{`Question ${q.position}: ${q.prompt}`}</h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="muted">
            {q.rows.length > 0
              ? `Organisations choosing each answer, by kind of organisation${
                  q.rowsSumToTotal ? "" : " (several choices each, so the rows do not add up to the respondents)"
                }. “suppressed”: see the rule above.`
              : `Organisations that answered, by kind of organisation. “suppressed”: see the rule above.`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Answer</th>
              {groups.map((g) => (
                <th scope="col" key={g}>
                  {groupLabel(g)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Respondents</th>
              {q.respondents.map((c) => (
                <Cell key={c.id} cell={c} />
              ))}
            </tr>
            {q.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{rowLabel(q, r.key)}</th>
                {r.cells.map((c) => (
                  <Cell key={c.id} cell={c} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {q.statistics ? <Statistics q={q} k={k} /> : null}
      {q.kind === "text" ? <p className="muted">Written answers are only counted here. Those made public by their authors are listed under “Public answers”.</p> : null}
    </section>
  );
}

function Statistics({ q, k }: { q: QuestionResults; k: number }) {
  const stats = q.statistics ?? [];
  const rows = [
    ["q1", "Lower quartile"],
    ["median", "Median"],
    ["q3", "Upper quartile"],
  ] as const;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="muted">{`Median and quartiles of the numbers given, by kind of organisation. Not shown over fewer than ${k} numbers, nor over all respondents when the kinds not shown hold fewer than ${k} numbers between them (comparing would give those numbers away).`}</caption>
        <thead>
          <tr>
            <th scope="col">Statistic</th>
            {stats.map((s) => (
              <th scope="col" key={s.group}>
                {groupLabel(s.group)}
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
                  <td key={s.group}>{s.quartiles[key]}</td>
                ) : (
                  <td key={s.group} data-suppressed="true">
                    <span className="muted">not shown</span>
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
  const p = results.participation;
  return (
    <section className="card" aria-labelledby="participation">
      <h2 id="participation">Who was asked, and who answered</h2>
      <p>
        {`Declining is as visible as answering: every invited organisation is listed with its status. ${p.counts.invited} invited: ${p.counts.responded} responded, ${p.counts.declined} declined, ${p.counts.noAnswer} did not answer. `}
        {`${p.openCallRespondents} other ${
          p.openCallRespondents === 1 ? "organisation" : "organisations"
        } answered the open call (eligible by kind, not invited by name); they are counted, not named.`}
      </p>
      {p.invited.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="muted">Invited organisations and their status at the deadline</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Reason given</th>
              </tr>
            </thead>
            <tbody>
              {p.invited.map((o) => (
                <tr key={o.slug}>
                  <th scope="row">{o.name}</th>
                  <td>{labelOf(ORGANISATION_KIND_LABEL, o.kind)}</td>
                  <td>{STATUS_LABEL[o.status]}</td>
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

function withheldNote(n: number, k: number): string {
  const what = n === 1 ? "One answer made public without a name is" : `${n} answers made public without a name are`;
  return `${what} not listed: fewer than ${k} organisations responded, so the list of who took part would tell whose they are. They are counted in the statistics above.`;
}

function PublicAnswers({ results }: { results: ResultsDocument }) {
  const { named, unnamed } = results.publicAnswers;
  const prompt = new Map(results.questions.map((q) => [q.id, `Question ${q.position}: ${q.prompt}`]));
  return (
    <section className="card" aria-labelledby="public-answers">
      <h2 id="public-answers">Public answers</h2>
      <h3>Public, with the organisation's name</h3>
      {named.length === 0 ? (
        <p className="muted">No answer was made public with a name.</p>
      ) : (
        <ul>
          {named.map((a, i) => (
            <li key={`${a.questionId}-${i}`}>
              <strong>{a.organisation.name}</strong>{" "}
              <span className="muted">{`(${labelOf(ORGANISATION_KIND_LABEL, a.organisation.kind)}, ${formatDate(a.day)}) on ${prompt.get(a.questionId) ?? "a question"}:`}</span>{" "}
              {answerText(a.value)}
            </li>
          ))}
        </ul>
      )}
      <h3>Public, without a name</h3>
      <p className="muted">{`Listed in shuffled order, with the day only, and the kind of organisation only where at least ${results.request.k} organisations of that kind responded.`}</p>
      {(results.publicAnswers.unnamedWithheld ?? 0) > 0 ? (
        <p>{withheldNote(results.publicAnswers.unnamedWithheld ?? 0, results.request.k)}</p>
      ) : unnamed.length === 0 ? (
        <p className="muted">No answer was made public without a name.</p>
      ) : (
        <ul>
          {unnamed.map((a, i) => (
            <li key={`${a.questionId}-${i}`}>
              <span className="muted">{`${a.kind ? labelOf(ORGANISATION_KIND_LABEL, a.kind) : "An organisation"}, ${formatDate(a.day)}, on ${
                prompt.get(a.questionId) ?? "a question"
              }:`}</span>{" "}
              {answerText(a.value)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
