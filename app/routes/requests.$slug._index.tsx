import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DISCLOSURE_LABEL, DISCLOSURE_READERS, ORGANISATION_KIND_LABEL, QUESTION_KIND_LABEL } from "../../common/labels.js";
import { formatDate, formatDateTime } from "../utils/format.js";
import { requestPageData } from "../utils/info-requests.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.request.title} · Information request · Margin` : "Information request · Margin" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  return requestPageData(context, params.slug ?? "");
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Level = keyof typeof DISCLOSURE_LABEL;
const LEVELS = Object.keys(DISCLOSURE_LABEL) as Level[];
const kindLabel = (k: string) => ORGANISATION_KIND_LABEL[k as keyof typeof ORGANISATION_KIND_LABEL] ?? k;

const PHASE_BADGE = { draft: ["badge--draft", "Draft — only you can see it"], open: ["badge--open", "Open for answers"], closed: ["badge--closed", "Closed"] } as const;

export default function RequestPage() {
  const d = useLoaderData<typeof loader>();
  const r = d.request;
  const [badgeClass, badgeText] = PHASE_BADGE[r.phase];
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/requests">Information requests</Link> › <span aria-current="page">{r.title}</span>
      </nav>
      <div className="page-head">
        <span className={`badge ${badgeClass}`}>{badgeText}</span>
        <h1 style={{ marginTop: "0.6rem" }}>{r.title}</h1>
        <p className="meta">
          {r.phase === "closed" ? "Closed on " : "Deadline: "}
          {formatDateTime(r.deadline)}
          {r.issuedAt ? ` · issued ${formatDate(r.issuedAt)}` : ""}
        </p>
        <Actions d={d} />
      </div>

      <section className="card" aria-labelledby="rule-title">
        <h2 id="rule-title">What is published, and what never is</h2>
        <p>
          <strong>
            After the deadline we publish aggregate statistics, the list of invited organisations with whether each responded, declined or gave no answer, and the answers their authors
            chose to make public. We never show an answer beyond the level its author chose.
          </strong>
        </p>
        <p className="muted">
          Until the deadline nothing about who has answered is public. Statistics hide any group of fewer than {r.k} organisations (the threshold k), and any figure from which a hidden one
          could be worked out. Declining is shown exactly as plainly as answering.
        </p>
      </section>

      <section className="card" aria-labelledby="purpose-title">
        <h2 id="purpose-title">Purpose and legal basis</h2>
        <p style={{ whiteSpace: "pre-wrap" }}>{r.purpose}</p>
        <h3>Legal basis</h3>
        <p style={{ whiteSpace: "pre-wrap" }}>{r.legalBasis}</p>
        <p className="muted">Answers that are not public are kept for {r.retentionDays} days after the deadline.</p>
        <p>
          Restricted answers read so far by the recipients: <strong>{d.reads.reads}</strong>
          {d.reads.exports > 0 ? `, and ${d.reads.exports} bulk download${d.reads.exports === 1 ? "" : "s"}` : ""}. Each answering organisation sees who read which of its answers.
        </p>
      </section>

      <section className="card" aria-labelledby="readers-title">
        <h2 id="readers-title">Who reads what</h2>
        <p>For each answer, the organisation chooses one of these levels, up to the most open one the question allows:</p>
        <dl>
          {LEVELS.map((l) => (
            <div key={l}>
              <dt>
                <strong>{DISCLOSURE_LABEL[l]}</strong>
              </dt>
              <dd>{DISCLOSURE_READERS[l].replace(/\bk\b/g, `k (${r.k})`)}</dd>
            </div>
          ))}
        </dl>
        <h3>The recipient bodies</h3>
        <p className="muted">These people, and only these, read answers given at “{DISCLOSURE_LABEL.recipients}” level. Any change to their membership is recorded publicly.</p>
        <ul>
          {r.recipientBodies.map((b) => (
            <li key={b.slug}>
              <strong>{b.name}</strong>
              {b.description ? <span className="muted"> — {b.description}</span> : null}
              <br />
              Members: {b.members.length === 0 ? "none yet" : b.members.join(", ")}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/recipient-bodies">All recipient bodies and their members</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="questions-title">
        <h2 id="questions-title">Questions</h2>
        <ol>
          {r.questions.map((q) => (
            <li key={q.id} style={{ marginBottom: "1rem" }}>
              <strong style={{ whiteSpace: "pre-wrap" }}>{q.prompt}</strong>
              {q.required ? " (required)" : " (optional)"}
              <br />
              <span className="muted">
                {QUESTION_KIND_LABEL[q.kind]} · most open level allowed: {DISCLOSURE_LABEL[q.maxLevel]}
              </span>
              {q.help ? (
                <p className="muted" style={{ whiteSpace: "pre-wrap", margin: "0.3rem 0 0" }}>
                  {q.help}
                </p>
              ) : null}
              {q.choices.length > 0 ? (
                <ul>
                  {q.choices.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="who-title">
        <h2 id="who-title">Who is asked</h2>
        {r.invited.length === 0 ? <p>No organisation is invited by name.</p> : null}
        {r.invited.length > 0 ? (
          <>
            <p>Invited by name ({r.invited.length}):</p>
            <ul>
              {r.invited.map((o) => (
                <li key={o.slug}>
                  {o.name} <span className="muted">({kindLabel(o.kind)}{o.verified ? ", verified" : ""})</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>{r.openToKinds.length === 0 ? "It is not open to other organisations." : `Also open to any verified organisation of these kinds: ${r.openToKinds.map(kindLabel).join(", ")}.`}</p>
        {d.organisation ? (
          <p className="notice notice--small">
            You may take part as {d.organisation.name}
            {d.organisation.role === "representative" ? " (you are its representative: you can answer or decline)." : " (its representative answers; you can see its answers)."}
          </p>
        ) : null}
      </section>

      {r.sections.length > 0 ? (
        <section className="card" aria-labelledby="sections-title">
          <h2 id="sections-title">Consultation sections it informs</h2>
          <ul>
            {r.sections.map((s) => (
              <li key={s.id}>
                <Link to={s.path}>
                  {s.consultation.title} › {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {r.history.length === 0 ? <p className="muted">Not issued yet.</p> : null}
        <ol className="timeline">
          {r.history.map((h) => (
            <li key={h.seq}>
              {formatDateTime(h.at)}: {h.action === "issued" ? "issued" : "changed"}
              {h.deadline ? ` — deadline moved from ${formatDateTime(h.deadline.from)} to ${formatDateTime(h.deadline.to)}` : ""}
              {h.invited && h.invited.added.length > 0 ? ` — invited ${h.invited.added.map((o) => o.name).join(", ")}` : ""}
              {h.invited && h.invited.removed.length > 0 ? ` — no longer invited: ${h.invited.removed.map((o) => o.name).join(", ")}` : ""}
              {h.reason ? <>. Reason: “{h.reason}”</> : null} <span className="muted">(public record entry #{h.seq})</span>
            </li>
          ))}
        </ol>
        <p className="muted">
          Each entry is in the <Link to="/transparency">public record</Link>, which anyone can verify.
        </p>
      </section>
    </>
  );
}

/** The ways on from here that this viewer has: answering, reading, results, or managing. */
function Actions({ d }: { d: Data }) {
  const r = d.request;
  const links: { to: string; label: string; primary?: boolean }[] = [];
  if (d.can.manage && r.phase === "draft") links.push({ to: `/requests/${r.slug}/edit`, label: "Edit the draft" }, { to: `/requests/${r.slug}/issue`, label: "Issue…", primary: true });
  if (d.can.manage && r.phase === "open") links.push({ to: `/requests/${r.slug}/change`, label: "Change the deadline or invitations" });
  if (d.can.respond) links.push({ to: `/requests/${r.slug}/respond`, label: "Answer or decline", primary: true });
  else if (d.can.viewOwnResponse) links.push({ to: `/requests/${r.slug}/respond`, label: "Your organisation's answers" });
  if (d.can.viewOwnResponse) links.push({ to: `/requests/${r.slug}/access`, label: "Who read your answers" });
  if (d.can.readRestricted) links.push({ to: `/requests/${r.slug}/answers`, label: "Read the answers (as a recipient)" });
  if (d.can.viewResults) links.push({ to: `/requests/${r.slug}/results`, label: "Results and participation", primary: true });
  if (links.length === 0) return null;
  return (
    <p className="button-row">
      {links.map((l) => (
        <Link key={l.to + l.label} to={l.to} className={l.primary ? "button" : "button button--secondary"}>
          {l.label}
        </Link>
      ))}
    </p>
  );
}
