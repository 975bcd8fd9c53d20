import { OrganisationBadge } from "../components/organisation-badge.js";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DISPOSITION_OUTCOMES } from "../../common/enums.js";
import { DISPOSITION_LABEL as OUTCOME_LABEL } from "../../common/labels.js";
import { ErrorSummary } from "../components/form.js";
import { STAKEHOLDER_LABEL, formatDateTime } from "../utils/format.js";
import { formFailure, getUser, handleFormError, orStatus, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";
import { linkableChanges, recordDisposition, servedReport, schemas, versionsOf, requireConsultation } from "../utils/services.server.js";
import { reportFilterOf } from "../utils/report-filter.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Response to comments, version ${data.version.number} · ${data.consultation.title} · Margin` : "Response to comments · Margin" }];

/** How many recent changes of a section the response form offers to link. */
export const LINKABLE_CHANGES = 8;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const number = Number(params.number);
  if (!Number.isInteger(number) || number < 1) throw new Response("No such version.", { status: 404 });
  const url = new URL(request.url);
  const filter = reportFilterOf(url);
  const served = await orStatus(servedReport(db, view, number, filter));
  const report = served.document;
  const canRespond = view.may("comment.respond");
  const changes: Record<string, { id: string; label: string; at: string }[]> = {};
  if (canRespond) {
    for (const g of report.sections) {
      const rows = await linkableChanges(db, view, g.id, LINKABLE_CHANGES);
      changes[g.id] = rows.map((r) => ({ id: r.id, at: r.ended_at, label: `${formatDateTime(r.ended_at)}: ${r.summary}` }));
    }
  }
  const versions = await versionsOf(db, view);
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title },
    version: { number: report.version.number, name: report.version.name, at: report.version.publishedAt },
    next: report.until && { number: report.until.number, at: report.until.publishedAt },
    sections: report.sections,
    confidential: report.confidentialSubmissions,
    totals: report.totals,
    frozen: served.frozen,
    filter,
    query: url.search,
    canRespond,
    changes,
    versions: versions.map((v) => ({ number: v.number, name: v.name })),
  };
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
    await recordDisposition({ db, bus }, view, user, parsed.data);
  } catch (e) {
    return handleFormError(e, form);
  }
  return redirectWithFlash(`/c/${view.consultation.slug}/v/${params.number}/report${new URL(request.url).search}#row-${parsed.data.commentId}`, "Response recorded.");
}

const OUTCOME_OPTIONS = [...DISPOSITION_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABEL[o] })), { value: "open", label: "Awaiting response" }];

export default function Report() {
  const { consultation: c, version: v, next, sections, confidential, totals, frozen, filter, query, canRespond, changes, versions } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  // A response corrected after the freeze: the row keeps the frozen words and points to the correction.
  const latestCorrection = new Map((frozen?.corrections ?? []).map((k) => [k.commentId, k]));
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> › <Link to={`/c/${c.slug}/v/${v.number}`}>{`Version ${v.number}`}</Link> ›{" "}
        <span aria-current="page">Response to comments</span>
      </nav>
      <div className="page-head">
        <h1>{`Response to comments on version ${v.number}: ${v.name}`}</h1>
        <p className="lead">
          {`Every public comment and suggestion made on this version (${formatDateTime(v.at)}${next ? ` until version ${next.number} on ${formatDateTime(next.at)}` : frozen ? " until the consultation closed" : " until now"}), with the drafting team’s response.`}
        </p>
        {frozen ? <FrozenNotice slug={c.slug} frozen={frozen} /> : null}
        <p>
          {frozen ? `${total} comment(s) in the final report, as frozen: ` : `${total} comment(s): `}
          {OUTCOME_OPTIONS.map((o) => `${o.label} ${totals[o.value as keyof typeof totals]}`).join(" · ")}
          {confidential > 0 ? ` · ${confidential} confidential submission(s), answered privately and not listed here` : ""}
        </p>
        <p className="button-row no-print">
          <a href={`/c/${c.slug}/v/${v.number}/report.csv${query}`} download>Download CSV</a>
          <a href={`/c/${c.slug}/v/${v.number}/report.json${query}`}>JSON</a>
          <button type="button" className="button button--secondary button--small" onClick={() => window.print()}>Print</button>
        </p>
      </div>
      {frozen && frozen.corrections.length > 0 ? <Corrections corrections={frozen.corrections} /> : null}
      <Form method="get" className="card compare-form no-print" aria-label="Filter the report">
        <div className="field">
          <label className="field__label" htmlFor="f-outcome">Outcome</label>
          <select id="f-outcome" name="outcome" className="input" defaultValue={filter.outcome ?? ""}>
            <option value="">Any</option>
            {OUTCOME_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="f-group">Stakeholder group</label>
          <select id="f-group" name="group" className="input" defaultValue={filter.group ?? ""}>
            <option value="">Any</option>
            {Object.entries(STAKEHOLDER_LABEL).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="f-kind">Kind</label>
          <select id="f-kind" name="kind" className="input" defaultValue={filter.kind ?? ""}>
            <option value="">Comments and suggestions</option>
            <option value="comment">Comments</option>
            <option value="suggestion">Suggestions</option>
          </select>
        </div>
        <button type="submit" className="button">Filter</button>
        {query ? <Link to="?">Clear filters</Link> : null}
      </Form>
      {failure && !failure.ok ? <ErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}
      {sections.length === 0 ? <p className="empty">{total === 0 ? "No public comments were made on this version." : "No comments match the filters."}</p> : null}
      {sections.map((g) => (
        <section key={g.id} className="card report-section" aria-labelledby={`rs-${g.id}`}>
          <h2 id={`rs-${g.id}`}>{g.title}</h2>
          {g.rows.map((r) => (
            <article key={r.commentId} id={`row-${r.commentId}`} className="report-row" aria-label={`${r.kind === "suggestion" ? "Suggestion" : "Comment"} by ${r.author.name}`}>
              <p className="byline">
                <strong>{r.author.name}</strong>
                {r.author.organisation ? `, ${r.author.organisation} ` : " "}
                <OrganisationBadge badge={r.author.verifiedOrganisation} />
                {` · ${STAKEHOLDER_LABEL[r.author.group] ?? r.author.group} · ${formatDateTime(r.createdAt)}`}
                {r.kind === "suggestion" ? <span className="tag tag--suggestion" style={{ marginLeft: "0.3rem" }}>Suggestion</span> : null}
              </p>
              {r.quote ? <p className="quote-static">{`“${r.quote}”`}</p> : null}
              {r.withdrawn ? <p className="tombstone">Withdrawn by its author.</p> : <p>{r.body}</p>}
              {r.replacement !== null ? <p className="suggestion">Suggested text: <ins>{r.replacement}</ins></p> : null}
              <p>
                <span className={`outcome outcome--${r.outcome ?? "open"}`}>{r.outcome ? OUTCOME_LABEL[r.outcome] : "Awaiting response"}</span>{" "}
                {r.response ?? ""}
              </p>
              {latestCorrection.has(r.commentId) ? (
                <p className="meta">
                  {`Corrected after the final report: now ${OUTCOME_LABEL[latestCorrection.get(r.commentId)!.after.outcome]}; `}
                  <a href={`#correction-${latestCorrection.get(r.commentId)!.seq}`}>{`see the correction of ${formatDateTime(latestCorrection.get(r.commentId)!.at)}`}</a>.
                </p>
              ) : null}
              {r.changeSetIds.length > 0 || r.answeredInVersion ? (
                <p className="meta">
                  {r.changeSetIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 ? ", " : "Answered by "}
                      <Link to={`/c/${c.slug}/s/${r.sectionId}/history#change-${id}`}>{`change ${id.slice(0, 6)}`}</Link>
                    </span>
                  ))}
                  {r.answeredInVersion ? (
                    <>
                      {r.changeSetIds.length > 0 ? " · " : "Answered in "}
                      <Link to={`/c/${c.slug}/v/${r.answeredInVersion}`}>{`version ${r.answeredInVersion}`}</Link>
                    </>
                  ) : null}
                </p>
              ) : null}
              {canRespond ? (
                <details className="reply-box no-print">
                  <summary>{frozen ? "Correct the response" : r.outcome ? "Change the response" : "Respond"}</summary>
                  <Form method="post" className="form">
                    {frozen ? (
                      <p className="field__hint">
                        The final report stays as it was frozen. A new response is published as a correction, with its date, in the public record and under “Corrections since the final report”.
                      </p>
                    ) : null}
                    <input type="hidden" name="commentId" value={r.commentId} />
                    <div className="field">
                      <label className="field__label" htmlFor={`o-${r.commentId}`}>Outcome</label>
                      <select id={`o-${r.commentId}`} name="outcome" className="input" defaultValue={latestCorrection.get(r.commentId)?.after.outcome ?? r.outcome ?? "noted"}>
                        {DISPOSITION_OUTCOMES.map((o) => <option key={o} value={o}>{OUTCOME_LABEL[o]}</option>)}
                      </select>
                    </div>
                    <div className="field">
                      <label className="field__label" htmlFor={`r-${r.commentId}`}>Response</label>
                      <textarea id={`r-${r.commentId}`} name="response" className="input" rows={3} defaultValue={latestCorrection.get(r.commentId)?.after.response ?? r.response ?? ""} required />
                    </div>
                    {(changes[g.id] ?? []).length > 0 ? (
                      <fieldset>
                        <legend>Changes that answer it</legend>
                        {(changes[g.id] ?? []).map((ch) => (
                          <label key={ch.id} className="radio">
                            <input type="checkbox" name="changeSetIds" value={ch.id} defaultChecked={r.changeSetIds.includes(ch.id)} /> {ch.label}
                          </label>
                        ))}
                      </fieldset>
                    ) : null}
                    <div className="field">
                      <label className="field__label" htmlFor={`v-${r.commentId}`}>Answered in version</label>
                      <select id={`v-${r.commentId}`} name="versionNumber" className="input" defaultValue={r.answeredInVersion ?? ""}>
                        <option value="">—</option>
                        {versions.map((x) => <option key={x.number} value={x.number}>{`Version ${x.number}: ${x.name}`}</option>)}
                      </select>
                    </div>
                    <button type="submit" className="button button--small" disabled={busy}>Record response</button>
                  </Form>
                </details>
              ) : null}
            </article>
          ))}
        </section>
      ))}
    </>
  );
}

type Frozen = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["frozen"]>;

/** Says the report is the final one, frozen, and where its fingerprint is in the public record. */
function FrozenNotice({ slug, frozen }: { slug: string; frozen: Frozen }) {
  const n = frozen.corrections.length;
  return (
    <div className="notice" role="note" aria-label="Final report">
      <p>
        <strong>{`Final report, frozen on ${formatDateTime(frozen.frozenAt)}; its fingerprint is in the public record as entry #${frozen.seq}.`}</strong>
      </p>
      <p>
        {"The consultation is final, so this report no longer changes. The JSON download is the frozen copy byte for byte: its SHA\u2011256 fingerprint is "}
        <code className="hash">{frozen.reportSha256}</code>
        {", the same as in entry #"}
        {frozen.seq}
        {" of the "}
        <Link to="/transparency">public record</Link>
        {", and "}
        <code>margin verify</code>
        {" checks that they match. "}
        {n === 0
          ? "No response has been corrected since."
          : `${n} ${n === 1 ? "response was" : "responses were"} corrected since; ${n === 1 ? "it is" : "they are"} listed under “Corrections since the final report”, and the report itself shows what was frozen.`}
      </p>
      <p className="no-print">
        <a href={`/c/${slug}/history`}>{"Everything else that happened is in the consultation’s history."}</a>
      </p>
    </div>
  );
}

/** The responses recorded after the freeze, each an entry in the public record, shown next to the unchanged report. */
function Corrections({ corrections }: { corrections: Frozen["corrections"] }) {
  const label = (o: string | null) => (o ? (OUTCOME_LABEL as Record<string, string>)[o] ?? o : "Awaiting response");
  return (
    <section className="card" aria-labelledby="corrections-title">
      <h2 id="corrections-title">Corrections since the final report</h2>
      <ol className="corrections">
        {corrections.map((k) => (
          <li key={k.seq} id={`correction-${k.seq}`}>
            <p className="byline">
              {`${formatDateTime(k.at)} · public record entry #${k.seq} · `}
              <a href={`#row-${k.commentId}`}>{`comment by ${k.author}`}</a>
              {` in “${k.sectionTitle}”`}
            </p>
            <p>
              {k.before.outcome === k.after.outcome ? (
                <>
                  {"Outcome unchanged: "}
                  <span className={`outcome outcome--${k.after.outcome}`}>{label(k.after.outcome)}</span>
                  {"; the response was reworded."}
                </>
              ) : (
                <>
                  {"Outcome changed from "}
                  <span className={`outcome outcome--${k.before.outcome ?? "open"}`}>{label(k.before.outcome)}</span>
                  {" to "}
                  <span className={`outcome outcome--${k.after.outcome}`}>{label(k.after.outcome)}</span>.
                </>
              )}
            </p>
            {k.after.response !== k.before.response ? (
              <>
                <p>{`Response now: ${k.after.response ?? ""}`}</p>
                <p className="meta">{`Before: ${k.before.response ?? "(none)"}`}</p>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
