import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../../utils/format.js";
import { submissionsPage } from "./data.server.js";

export const meta: MetaFunction = () => [{ title: "My submissions · Margin" }];

export async function loader(args: LoaderFunctionArgs) {
  return submissionsPage(args);
}

type Item = Awaited<ReturnType<typeof submissionsPage>>["items"][number];

function Status({ item }: { item: Item }) {
  return (
    <p className={`submission__status submission__status--${item.status}`}>
      <strong>{item.statusLabel}</strong>
      {item.moderationReason ? ` — reason: ${item.moderationReason}` : null}
      {item.editedAt && item.status !== "withdrawn" ? ` · edited ${formatDateTime(item.editedAt)}` : null}
    </p>
  );
}

/** Who read a confidential submission, and when: every read by its recipients is logged. */
function Reads({ reads }: { reads: NonNullable<Item["reads"]> }) {
  if (reads.length === 0) return <p className="muted">Not read by anyone yet.</p>;
  return (
    <details className="submission__reads">
      <summary>{`Read ${reads.length} ${reads.length === 1 ? "time" : "times"}`}</summary>
      <ul>
        {reads.map((r, i) => (
          <li key={i}>
            {`${r.reader} — ${r.action === "export" ? `in a bulk export of ${r.items}` : "read"} `}
            <time dateTime={r.at}>{formatDateTime(r.at)}</time>
          </li>
        ))}
      </ul>
    </details>
  );
}

function Submission({ item }: { item: Item }) {
  return (
    <li className="card submission">
      <h2 className="submission__title">
        {item.kind} on{" "}
        {item.href ? <Link to={item.href}>{item.section?.title ?? "the consultation"}</Link> : (item.section?.title ?? "the consultation")}
      </h2>
      <p className="meta">
        <Link to={`/c/${item.consultation.slug}`}>{item.consultation.title}</Link> · submitted {formatDateTime(item.submittedAt)}
      </p>
      {item.excerpt ? <blockquote className="submission__excerpt">{item.excerpt}</blockquote> : null}
      <Status item={item} />
      {item.status === "confidential" ? <Reads reads={item.reads ?? []} /> : null}
      {item.response ? (
        <div className="submission__response">
          <p>
            <strong>{`Response: ${item.response.outcome}`}</strong>
            {item.response.at ? <span className="meta"> · {formatDateTime(item.response.at)}</span> : null}
          </p>
          {item.response.text ? <p>{item.response.text}</p> : null}
        </div>
      ) : (
        <p className="muted">No response from the consultation team yet.</p>
      )}
      <p className="submission__receipt">
        Reference <strong className="reference">{item.reference}</strong> · ledger entry #{item.ledgerSeq}
        {item.confidentialReceipt ? " · fingerprint kept private (salted)" : null} ·{" "}
        <a href={item.receiptHref} download={`margin-receipt-${item.reference}.json`}>
          Download receipt (JSON)<span className="visually-hidden"> for {item.reference}</span>
        </a>
      </p>
    </li>
  );
}

function Explainer() {
  return (
    <section className="card" aria-labelledby="about-receipts">
      <h2 id="about-receipts">About receipts</h2>
      <p>
        Every comment, reply, suggested amendment and position you send gets a receipt with a reference number, such as <strong className="reference">M-7K3Q-9X2D-4B</strong>.
        Quote it when you contact the consultation team. The receipt also names the entry in the public, tamper-evident{" "}
        <Link to="/transparency">record</Link> that holds your submission, with a fingerprint (digest) of your words.
      </p>
      <p>
        With the receipt file, anyone can later check that the record still holds your submission unaltered, or see exactly what happened to it (edited,
        hidden by moderation and why, or withdrawn): run <code>margin verify --receipt FILE --url {"<this site's address>"}</code>. For confidential
        submissions and those awaiting moderation, the fingerprint is salted: the check proves your submission is in the record without revealing your
        words. Keep the file private; it contains your text and the salt.
      </p>
    </section>
  );
}

export default function MySubmissions() {
  const { items, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/account">Your account</Link> › <span aria-current="page">My submissions</span>
      </nav>
      <div className="page-head">
        <h1>My submissions</h1>
        <p className="lead">
          {total === 0
            ? "You have not sent any comments yet."
            : `${total} submission${total === 1 ? "" : "s"} across all consultations, newest first, with where each stands and any response.`}
        </p>
      </div>
      {items.length > 0 ? (
        <ol className="submissions" aria-label="Your submissions">
          {items.map((item) => (
            <Submission key={item.reference} item={item} />
          ))}
        </ol>
      ) : null}
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages of submissions">
          {page > 1 ? <Link to={`?page=${page - 1}`}>← Newer</Link> : <span />}
          <span>{`Page ${page} of ${pages}`}</span>
          {page < pages ? <Link to={`?page=${page + 1}`}>Older →</Link> : <span />}
        </nav>
      ) : null}
      <Explainer />
    </>
  );
}
