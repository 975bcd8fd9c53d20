import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { REASON_LABEL, formatDateTime } from "../utils/format.js";
import { moderationDeps, moderationLedger, requireConsultation } from "../utils/services.server.js";
import { getUser, orStatus } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Moderation log · ${data.consultation.title} · Margin` : "Moderation log · Margin" }];

export const LOG_PAGE = 200;

const ACTION_TEXT: Record<string, string> = {
  approve: "Approved",
  hide: "Hidden",
  restore: "Restored",
  reject: "Rejected",
  review_requested: "Review requested by the author",
};

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const ledger = await moderationLedger(moderationDeps(context.margin.services), view, { limit: LOG_PAGE });
  return { consultation: { slug: view.consultation.slug, title: view.consultation.title }, ...ledger };
}

export default function ModerationLog() {
  const { consultation: c, entries, counts } = useLoaderData<typeof loader>();
  const byReason = new Map<string, number>();
  for (const x of counts) if (x.reason_code) byReason.set(x.reason_code, (byReason.get(x.reason_code) ?? 0) + x.n);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> › <span aria-current="page">Moderation log</span>
      </nav>
      <div className="page-head">
        <h1>Moderation log</h1>
        <p className="lead">
          Every moderation decision in this consultation, with its reason and the role of whoever took it (and their name, where the consultation
          chose to name its moderators). Removed text is never shown here; its place in the discussion shows a notice with the same reason.
        </p>
      </div>
      <section className="card" aria-labelledby="totals-title">
        <h2 id="totals-title">Removals by reason</h2>
        {byReason.size === 0 ? (
          <p className="empty">Nothing has been removed.</p>
        ) : (
          <ul>
            {[...byReason].map(([reason, n]) => (
              <li key={reason}>{`${REASON_LABEL[reason] ?? reason}: ${n}`}</li>
            ))}
          </ul>
        )}
      </section>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Moderation decisions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Decision</th>
              <th scope="col">Reason</th>
              <th scope="col">By</th>
              <th scope="col">Item</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at)}</td>
                <td>{ACTION_TEXT[e.action] ?? e.action}</td>
                <td>{e.reason ? REASON_LABEL[e.reason] : "—"}</td>
                <td>{e.role === "reports" ? `Hidden after ${e.reports ?? "several"} reports, pending review` : e.name ? `${e.name} (${e.role})` : e.role}</td>
                <td>
                  <code>{e.commentId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length === 0 ? <p className="empty">No moderation decisions yet.</p> : null}
    </>
  );
}
