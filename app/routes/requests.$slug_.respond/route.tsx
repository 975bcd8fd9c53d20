import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../../components/form.js";
import { formatDateTime } from "../../utils/format.js";
import { respondAction, respondPage, type Entered, type RespondData } from "./data.server.js";

/** Answers are for their readers alone: never kept by a shared cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Answer: ${data?.request.title ?? "request"} · Margin` }];

export async function loader(args: LoaderFunctionArgs) {
  return respondPage(args);
}

export async function action(args: ActionFunctionArgs) {
  return respondAction(args);
}

type Question = RespondData["questions"][number];
type Errors = Record<string, string[] | undefined>;

const STATUS_SENTENCE: Record<string, string> = {
  draft: "Not submitted yet: a draft is saved.",
  submitted: "Submitted.",
  declined: "Declined.",
};

export default function Respond() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.fieldErrors ?? {}) as Errors;
  const entered = (result?.entered ?? page.entered) as Entered;
  const back = `/requests/${page.request.slug}`;
  return (
    <>
      <div className="page-head">
        <p className="meta">
          <Link to={back}>← {page.request.title}</Link>
        </p>
        <h1>Your organisation's answers</h1>
        <p className="muted">
          {page.organisation.name} · deadline {formatDateTime(page.request.deadline)} · {page.status ? STATUS_SENTENCE[page.status] : "Not answered yet."}
          {page.status === "declined" && page.declineReason ? ` Reason given: ${page.declineReason}` : null}
        </p>
        <p>
          <Link to={`/requests/${page.request.slug}/access`}>Who has read your answers</Link>
        </p>
      </div>
      {page.receipt ? <Receipt slug={page.request.slug} receipt={page.receipt} /> : null}
      <ErrorSummary formError={result?.formError} />
      {result?.review ? <Review review={result.review} entered={entered} /> : null}
      {page.canRespond ? (
        <AnswerForm questions={page.questions} entered={entered} errors={errors} />
      ) : (
        <p className="card">
          {page.organisation.role === "representative"
            ? "The deadline has passed: the answers below are final."
            : "Only your organisation's representatives can answer or decline. You can read what they submitted."}
        </p>
      )}
      <Submitted page={page} />
      {page.canRespond && page.status !== "submitted" && page.status !== "declined" ? <Decline errors={errors} /> : null}
      <Revisions page={page} />
    </>
  );
}

function Receipt({ slug, receipt }: { slug: string; receipt: NonNullable<RespondData["receipt"]> }) {
  return (
    <section className="card" aria-labelledby="receipt-title">
      <h2 id="receipt-title">Receipt</h2>
      <p>
        Revision {receipt.revision}, submitted {formatDateTime(receipt.submittedAt)}. Reference <strong className="reference">{receipt.reference}</strong>.
      </p>
      <p className="muted">
        The public record holds an entry for this submission with only fingerprints (salted digests) of your organisation and of your answers. The receipt file
        gives you the salt and the answers, so you can show later that the record still holds exactly what you submitted.
      </p>
      <p>
        <a href={`/requests/${slug}/receipts/${receipt.reference}.json`} download={`margin-receipt-${receipt.reference}.json`}>
          Download receipt (JSON)
        </a>
      </p>
    </section>
  );
}

function Review({ review, entered }: { review: { questionId: string; prompt: string; value: string; levelLabel: string; readers: string }[]; entered: Entered }) {
  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">Check before submitting</h2>
      <p>Each answer below will be readable by the people named next to it. Nothing is sent until you press Submit.</p>
      <dl>
        {review.map((r) => (
          <div key={r.questionId}>
            <dt>{r.prompt}</dt>
            <dd>
              <p>{r.value}</p>
              <p>
                <strong>{r.levelLabel}:</strong> {r.readers}
              </p>
            </dd>
          </div>
        ))}
      </dl>
      <Form method="post">
        {Object.entries(entered).flatMap(([qid, e]) => [
          ...e.value.map((v, i) => <input key={`${qid}-v${i}`} type="hidden" name={`answer-${qid}`} value={v} />),
          e.level ? <input key={`${qid}-l`} type="hidden" name={`level-${qid}`} value={e.level} /> : null,
        ])}
        <button type="submit" name="intent" value="submit" className="button button--primary">
          Submit
        </button>
      </Form>
    </section>
  );
}

function AnswerForm({ questions, entered, errors }: { questions: Question[]; entered: Entered; errors: Errors }) {
  return (
    <Form method="post" className="card" aria-labelledby="answers-title">
      <h2 id="answers-title">Answers</h2>
      <p className="muted">For each answer, choose who may read it. The page says plainly who that is; you can check everything once more before submitting.</p>
      {questions.map((q) => (
        <QuestionField key={q.id} q={q} entered={entered[q.id]} errors={errors[q.id]} />
      ))}
      <p>
        <button type="submit" name="intent" value="save" className="button">
          Save draft
        </button>{" "}
        <button type="submit" name="intent" value="review" className="button button--primary">
          Review and submit
        </button>
      </p>
    </Form>
  );
}

function ValueInput({ q, value }: { q: Question; value: string[] }) {
  const name = `answer-${q.id}`;
  const described = `${q.id}-prompt`;
  switch (q.kind) {
    case "text":
      return <textarea id={name} name={name} className="input" rows={5} defaultValue={value[0] ?? ""} aria-describedby={described} />;
    case "number":
      return <input id={name} name={name} className="input" inputMode="decimal" defaultValue={value[0] ?? ""} aria-describedby={described} />;
    case "yes_no":
    case "single":
    case "multiple": {
      const options = q.kind === "yes_no" ? ["yes", "no"] : q.choices;
      return (
        <fieldset>
          <legend className="visually-hidden">{q.prompt}</legend>
          {options.map((c) => (
            <label key={c} className="choice">
              <input type={q.kind === "multiple" ? "checkbox" : "radio"} name={name} value={c} defaultChecked={value.includes(c)} /> {c}
            </label>
          ))}
        </fieldset>
      );
    }
  }
}

function QuestionField({ q, entered, errors }: { q: Question; entered: Entered[string] | undefined; errors: string[] | undefined }) {
  return (
    <div className={errors ? "field field--error" : "field"}>
      <label htmlFor={`answer-${q.id}`} id={`${q.id}-prompt`} className="field__label">
        {q.prompt}
        {q.required ? " (required)" : ""}
      </label>
      {q.help ? <p className="field__hint">{q.help}</p> : null}
      {errors ? <p className="field__error">{errors.join(" ")}</p> : null}
      <ValueInput q={q} value={entered?.value ?? []} />
      <fieldset className="levels">
        <legend>Who may read this answer</legend>
        {q.levels.map((l) => (
          <label key={l.level} className="choice">
            <input type="radio" name={`level-${q.id}`} value={l.level} defaultChecked={entered?.level === l.level} /> <strong>{l.label}</strong>: {l.readers}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

function Submitted({ page }: { page: RespondData }) {
  if (page.answers.length === 0) return null;
  return (
    <section className="card" aria-labelledby="submitted-title">
      <h2 id="submitted-title">Submitted answers (revision {page.revisions[0]?.revision})</h2>
      <dl>
        {page.answers.map((a) => (
          <div key={a.questionId}>
            <dt>{a.prompt}</dt>
            <dd>
              <p>{a.value}</p>
              <p className="muted">
                {a.levelLabel}: {a.readers}
              </p>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Decline({ errors }: { errors: Errors }) {
  return (
    <Form method="post" className="card" aria-labelledby="decline-title">
      <h2 id="decline-title">Decline to answer</h2>
      <p className="muted">
        After the deadline the list of invited organisations shows each one's status, yours as declined with the reason you give here (optional, public). You can
        still submit answers before the deadline, which withdraws the decline.
      </p>
      <label htmlFor="reason" className="field__label">
        Public reason (optional)
      </label>
      {errors.reason ? <p className="field__error">{errors.reason.join(" ")}</p> : null}
      <textarea id="reason" name="reason" className="input" rows={3} />
      <p>
        <button type="submit" name="intent" value="decline" className="button button--danger">
          Decline
        </button>
      </p>
    </Form>
  );
}

function Revisions({ page }: { page: RespondData }) {
  if (page.revisions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="revisions-title">
      <h2 id="revisions-title">Revisions</h2>
      <ul className="plain-list">
        {page.revisions.map((r) => (
          <li key={r.revision}>
            Revision {r.revision} · {formatDateTime(r.submittedAt)}
            {r.submittedBy ? ` by ${r.submittedBy}` : ""} · reference <span className="reference">{r.reference}</span> ·{" "}
            <a href={`/requests/${page.request.slug}/receipts/${r.reference}.json`}>receipt</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
