import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../../components/form.js";
import { levelLabel, readersOf } from "../../components/requests/labels.js";
import { FormattedMessage, metaTranslator, useT, type Translator } from "../../i18n/index.js";
import { respondAction, respondPage, type Entered, type RespondData } from "./data.server.js";

/** Answers are for their readers alone: never kept by a shared cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${metaTranslator(matches).t("respond.meta", { title: data?.request.title ?? "" })} · Margin` }];

export async function loader(args: LoaderFunctionArgs) {
  return respondPage(args);
}

export async function action(args: ActionFunctionArgs) {
  return respondAction(args);
}

type Question = RespondData["questions"][number];
type Errors = Record<string, string[] | undefined>;
type Level = Question["levels"][number];
type T = Translator["t"];

const STATUS_SENTENCE = { draft: "respond.status.draft", submitted: "respond.status.submitted", declined: "respond.status.declined" } as const;

/** An answer as shown: yes and no in the page's language. */
const shown = (t: T, v: string | boolean) => (typeof v === "boolean" ? t(v ? "request.yes" : "request.no") : v);

export default function Respond() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.fieldErrors ?? {}) as Errors;
  const entered = (result?.entered ?? page.entered) as Entered;
  const back = `/requests/${page.request.slug}`;
  const { t, dateTime, timeLeft } = useT();
  const lang = page.request.contentLanguage;
  const readers = (l: Level) => readersOf(t, l, page.request.k, page.bodies);
  return (
    <>
      <div className="page-head">
        <p className="meta">
          <Link to={back}>
            ← <span lang={lang}>{page.request.title}</span>
          </Link>
        </p>
        <h1>{t("respond.title")}</h1>
        <p className="muted">
          {page.organisation.name} · {Date.parse(page.request.deadline) > Date.parse(page.now)
            ? t("respond.deadline", { at: dateTime(page.request.deadline, page.request.timeZone), left: timeLeft(page.request.deadline, page.now) })
            : t("request.closedOn", { at: dateTime(page.request.deadline, page.request.timeZone) })} ·{" "}
          {page.status ? t(STATUS_SENTENCE[page.status]) : t("respond.status.none")}
          {page.status === "declined" && page.declineReason ? t("respond.declineReason", { reason: page.declineReason }) : null}
        </p>
        <p>
          <Link to={`/requests/${page.request.slug}/access`}>{t("respond.accessLink")}</Link>
        </p>
      </div>
      {page.receipt ? <Receipt slug={page.request.slug} receipt={page.receipt} timeZone={page.request.timeZone} /> : null}
      <ErrorSummary formError={result?.formError} />
      {result?.review ? <Review review={result.review} entered={entered} readers={readers} lang={lang} /> : null}
      {page.canRespond ? (
        <AnswerForm questions={page.questions} entered={entered} errors={errors} readers={readers} lang={lang} />
      ) : (
        <p className="card">{page.organisation.role === "representative" ? t("respond.final") : t("respond.membersOnly")}</p>
      )}
      <Submitted page={page} readers={readers} />
      {page.canRespond && page.status !== "submitted" && page.status !== "declined" ? <Decline errors={errors} /> : null}
      <Revisions page={page} />
    </>
  );
}

function Receipt({ slug, receipt, timeZone }: { slug: string; receipt: NonNullable<RespondData["receipt"]>; timeZone: string }) {
  const { t, dateTime } = useT();
  return (
    <section className="card" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t("respond.receipt.title")}</h2>
      <p>
        <FormattedMessage
          id="respond.receipt.line"
          values={{ revision: receipt.revision, at: dateTime(receipt.submittedAt, timeZone), reference: receipt.reference, strong: (c) => <strong className="reference">{c}</strong> }}
        />
      </p>
      <p className="muted">{t("respond.receipt.about")}</p>
      <p>
        <a href={`/requests/${slug}/receipts/${receipt.reference}.json`} download={`margin-receipt-${receipt.reference}.json`}>
          {t("respond.receipt.download")}
        </a>
      </p>
    </section>
  );
}

function Review({
  review,
  entered,
  readers,
  lang,
}: {
  review: { questionId: string; prompt: string; value: string | boolean; level: Level }[];
  entered: Entered;
  readers: (l: Level) => string;
  lang: string;
}) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">{t("respond.review.title")}</h2>
      <p>{t("respond.review.lead")}</p>
      <dl>
        {review.map((r) => (
          <div key={r.questionId}>
            <dt lang={lang}>{r.prompt}</dt>
            <dd>
              <p>{shown(t, r.value)}</p>
              <p>
                <strong>{t("respond.levelColon", { level: levelLabel(t, r.level) })}</strong> {readers(r.level)}
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
          {t("respond.review.submit")}
        </button>
      </Form>
    </section>
  );
}

function AnswerForm({ questions, entered, errors, readers, lang }: { questions: Question[]; entered: Entered; errors: Errors; readers: (l: Level) => string; lang: string }) {
  const { t } = useT();
  return (
    <Form method="post" className="card" aria-labelledby="answers-title">
      <h2 id="answers-title">{t("respond.form.title")}</h2>
      <p className="muted">{t("respond.form.lead")}</p>
      {questions.map((q) => (
        <QuestionField key={q.id} q={q} entered={entered[q.id]} errors={errors[q.id]} readers={readers} lang={lang} />
      ))}
      <p>
        <button type="submit" name="intent" value="save" className="button">
          {t("respond.form.save")}
        </button>{" "}
        <button type="submit" name="intent" value="review" className="button button--primary">
          {t("respond.form.review")}
        </button>
      </p>
    </Form>
  );
}

function ValueInput({ q, value, lang }: { q: Question; value: string[]; lang: string }) {
  const { t } = useT();
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
          <legend className="visually-hidden" lang={lang}>
            {q.prompt}
          </legend>
          {options.map((c) => (
            <label key={c} className="choice">
              <input type={q.kind === "multiple" ? "checkbox" : "radio"} name={name} value={c} defaultChecked={value.includes(c)} />{" "}
              {q.kind === "yes_no" ? t(c === "yes" ? "request.yes" : "request.no") : <span lang={lang}>{c}</span>}
            </label>
          ))}
        </fieldset>
      );
    }
  }
}

function QuestionField({
  q,
  entered,
  errors,
  readers,
  lang,
}: {
  q: Question;
  entered: Entered[string] | undefined;
  errors: string[] | undefined;
  readers: (l: Level) => string;
  lang: string;
}) {
  const { t, msg } = useT();
  return (
    <div className={errors ? "field field--error" : "field"}>
      <label htmlFor={`answer-${q.id}`} id={`${q.id}-prompt`} className="field__label">
        <span lang={lang}>{q.prompt}</span>
        {q.required ? t("respond.form.required") : ""}
      </label>
      {q.help ? (
        <p className="field__hint" lang={lang}>
          {q.help}
        </p>
      ) : null}
      {errors ? <p className="field__error">{errors.map((e) => msg(e)).join(" ")}</p> : null}
      <ValueInput q={q} value={entered?.value ?? []} lang={lang} />
      <fieldset className="levels">
        <legend>{t("respond.form.levels")}</legend>
        {q.levels.map((l) => (
          <label key={l} className="choice">
            <input type="radio" name={`level-${q.id}`} value={l} defaultChecked={entered?.level === l} /> <strong>{levelLabel(t, l)}</strong>{t("respond.levelColon", { level: "" })} {readers(l)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

function Submitted({ page, readers }: { page: RespondData; readers: (l: Level) => string }) {
  const { t } = useT();
  if (page.answers.length === 0) return null;
  return (
    <section className="card" aria-labelledby="submitted-title">
      <h2 id="submitted-title">{t("respond.submitted.title", { revision: page.revisions[0]?.revision ?? 0 })}</h2>
      <dl>
        {page.answers.map((a) => (
          <div key={a.questionId}>
            <dt lang={page.request.contentLanguage}>{a.prompt}</dt>
            <dd>
              <p>{shown(t, a.value)}</p>
              <p className="muted">
                {t("respond.levelColon", { level: levelLabel(t, a.level) })} {readers(a.level)}
              </p>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Decline({ errors }: { errors: Errors }) {
  const { t, msg } = useT();
  return (
    <Form method="post" className="card" aria-labelledby="decline-title">
      <h2 id="decline-title">{t("respond.decline.title")}</h2>
      <p className="muted">{t("respond.decline.lead")}</p>
      <label htmlFor="reason" className="field__label">
        {t("respond.decline.reason")}
      </label>
      {errors.reason ? <p className="field__error">{errors.reason.map((e) => msg(e)).join(" ")}</p> : null}
      <textarea id="reason" name="reason" className="input" rows={3} />
      <p>
        <button type="submit" name="intent" value="decline" className="button button--danger">
          {t("respond.decline.submit")}
        </button>
      </p>
    </Form>
  );
}

function Revisions({ page }: { page: RespondData }) {
  const { t, dateTime } = useT();
  if (page.revisions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="revisions-title">
      <h2 id="revisions-title">{t("respond.revisions.title")}</h2>
      <ul className="plain-list">
        {page.revisions.map((r) => (
          <li key={r.revision}>
            {t("respond.revisions.line", { revision: r.revision, at: dateTime(r.submittedAt, page.request.timeZone) })}
            {r.submittedBy ? t("respond.revisions.by", { name: r.submittedBy }) : ""}
            <FormattedMessage
              id="respond.revisions.reference"
              values={{
                reference: r.reference,
                ref: (c) => <span className="reference">{c}</span>,
                link: (c) => <a href={`/requests/${page.request.slug}/receipts/${r.reference}.json`}>{c}</a>,
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
