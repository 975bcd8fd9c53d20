import { Link } from "@remix-run/react";
import { FormattedMessage, useT } from "../../i18n/index.js";
import { labelIn } from "./labels.js";

export interface TimelineData {
  slug: string;
  /** The consultation's time zone (dates; default UTC) and the language its version names are written in. */
  timeZone?: string;
  contentLanguage?: string;
  versions: { number: number; name: string; at: string }[];
  phases: { id: string; to: string; at: string }[];
  commentsByDay: { day: string; n: number }[];
}

/** Versions and phase changes in date order, and public comments per day as a small bar chart with a text equivalent. */
export function ConsultationTimeline({ slug, timeZone = "UTC", contentLanguage, versions, phases, commentsByDay }: TimelineData) {
  const { t, dateTime, date } = useT();
  const events = [
    ...versions.map((v) => ({
      key: `v${v.number}`,
      at: v.at,
      node: (
        <Link to={`/c/${slug}/v/${v.number}`}>
          <FormattedMessage id="history.timeline.version" values={{ number: v.number, name: <span lang={contentLanguage}>{v.name}</span> }} />
        </Link>
      ),
    })),
    ...phases.map((p) => ({ key: p.id, at: p.at, node: <>{labelIn(t, "phaseChange", p.to)}</> })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const max = Math.max(1, ...commentsByDay.map((d) => d.n));
  const total = commentsByDay.reduce((n, d) => n + d.n, 0);
  // A day is a calendar date (YYYY-MM-DD): named as it is (read at UTC midnight), not moved to another zone.
  return (
    <>
      {events.length === 0 ? (
        <p className="empty">{t("history.timeline.empty")}</p>
      ) : (
        <ol className="timeline">
          {events.map((e) => (
            <li key={e.key}>
              <span className="muted">{t("history.timeline.at", { at: dateTime(e.at, timeZone) })}</span>
              {e.node}
            </li>
          ))}
        </ol>
      )}
      <h3 style={{ marginTop: "1rem", fontSize: "1rem" }}>{t("history.timeline.comments")}</h3>
      {commentsByDay.length === 0 ? (
        <p className="empty">{t("history.timeline.noComments")}</p>
      ) : (
        <>
          <div className="bars" aria-hidden="true">
            {commentsByDay.map((d) => (
              <span key={d.day} style={{ height: `${(100 * d.n) / max}%` }} title={`${date(d.day)}: ${d.n}`} />
            ))}
          </div>
          <p className="meta">
            {t("history.timeline.summary", { total, days: commentsByDay.length, busiest: date(commentsByDay.find((d) => d.n === max)!.day), max })}
          </p>
        </>
      )}
    </>
  );
}
