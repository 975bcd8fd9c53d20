import { Link } from "@remix-run/react";
import { PHASE_CHANGE_LABEL, labelOf } from "../../../common/labels.js";
import { formatDate, formatDateTime } from "../../utils/format.js";

export interface TimelineData {
  slug: string;
  versions: { number: number; name: string; at: string }[];
  phases: { id: string; to: string; at: string }[];
  commentsByDay: { day: string; n: number }[];
}

/** Versions and phase changes in date order, and public comments per day as a small bar chart with a text equivalent. */
export function ConsultationTimeline({ slug, versions, phases, commentsByDay }: TimelineData) {
  const events = [
    ...versions.map((v) => ({ key: `v${v.number}`, at: v.at, node: <Link to={`/c/${slug}/v/${v.number}`}>{`Version ${v.number} published: ${v.name}`}</Link> })),
    ...phases.map((p) => ({ key: p.id, at: p.at, node: <>{labelOf(PHASE_CHANGE_LABEL, p.to)}</> })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const max = Math.max(1, ...commentsByDay.map((d) => d.n));
  const total = commentsByDay.reduce((n, d) => n + d.n, 0);
  return (
    <>
      {events.length === 0 ? (
        <p className="empty">Nothing has happened yet.</p>
      ) : (
        <ol className="timeline">
          {events.map((e) => (
            <li key={e.key}>
              <span className="muted">{`${formatDateTime(e.at)}: `}</span>
              {e.node}
            </li>
          ))}
        </ol>
      )}
      <h3 style={{ marginTop: "1rem", fontSize: "1rem" }}>Public comments over time</h3>
      {commentsByDay.length === 0 ? (
        <p className="empty">No public comments yet.</p>
      ) : (
        <>
          <div className="bars" aria-hidden="true">
            {commentsByDay.map((d) => (
              <span key={d.day} style={{ height: `${(100 * d.n) / max}%` }} title={`${formatDate(d.day)}: ${d.n}`} />
            ))}
          </div>
          <p className="meta">{`${total} public comment(s) on ${commentsByDay.length} day(s), most on ${formatDate(commentsByDay.find((d) => d.n === max)!.day)} (${max}).`}</p>
        </>
      )}
    </>
  );
}
