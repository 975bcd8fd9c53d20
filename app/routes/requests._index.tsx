import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../utils/format.js";
import { requestListData } from "../utils/info-requests.server.js";

export const meta: MetaFunction = () => [{ title: "Information requests · Margin" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return requestListData(context, new URL(request.url).searchParams.get("cursor"));
}

export default function Requests() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Information requests</h1>
        <p className="lead">
          Requests from public bodies to organisations for information they need, such as risk practices or incidents. Each one says who reads each answer; each answer's author chooses how
          openly it is shown; after the deadline the statistics and who took part are published.
        </p>
        {d.mayCreate ? (
          <p className="button-row">
            <Link to="/requests/new" className="button">
              New request
            </Link>
            <Link to="/admin/recipient-bodies">Recipient bodies</Link>
          </p>
        ) : null}
      </div>
      {d.drafts.length > 0 ? (
        <section className="card" aria-labelledby="drafts-title">
          <h2 id="drafts-title">Your drafts</h2>
          <p className="muted">Only you can see these until you issue them.</p>
          <ul>
            {d.drafts.map((r) => (
              <li key={r.slug}>
                <Link to={`/requests/${r.slug}/edit`}>{r.title}</Link> <span className="muted">· saved {formatDateTime(r.updatedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="issued-title">
        <h2 id="issued-title">Issued requests</h2>
        {d.requests.length === 0 ? <p className="empty">No request has been issued yet.</p> : null}
        <ul className="card-list">
          {d.requests.map((r) => (
            <li key={r.slug} className="card">
              <span className={`badge ${r.phase === "open" ? "badge--open" : "badge--closed"}`}>{r.phase === "open" ? "Open for answers" : "Closed"}</span>
              <h3 style={{ margin: "0.5rem 0 0.2rem" }}>
                <Link to={`/requests/${r.slug}`}>{r.title}</Link>
              </h3>
              <p className="meta">
                {r.phase === "open" ? "Deadline" : "Closed on"} {formatDateTime(r.deadline)}
              </p>
              <p style={{ whiteSpace: "pre-wrap" }}>{r.purpose.length > 300 ? `${r.purpose.slice(0, 300)}…` : r.purpose}</p>
            </li>
          ))}
        </ul>
        {d.next ? (
          <p>
            <Link to={`/requests?cursor=${encodeURIComponent(d.next)}`}>Older requests →</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
