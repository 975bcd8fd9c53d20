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

/** How many days the comments chart shows at most (the newest ones); the table below it lists every day. */
export const CHART_MAX_DAYS = 120;

const DAY_MS = 86_400_000;

/** The days from the first to the last with comments, quiet days as zero, so a bar's place says its date. */
export function everyDay(byDay: { day: string; n: number }[]): { day: string; n: number }[] {
  if (byDay.length === 0) return [];
  const counts = new Map(byDay.map((d) => [d.day, d.n]));
  const sorted = [...counts.keys()].sort();
  const last = Date.parse(`${sorted[sorted.length - 1]}T00:00:00Z`);
  const first = Math.max(Date.parse(`${sorted[0]}T00:00:00Z`), last - (CHART_MAX_DAYS - 1) * DAY_MS);
  const out: { day: string; n: number }[] = [];
  for (let at = first; at <= last; at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    out.push({ day, n: counts.get(day) ?? 0 });
  }
  return out;
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
  const days = everyDay(commentsByDay);
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
          <figure className="day-chart">
            <div className="day-chart__plot" aria-hidden="true">
              <span className="day-chart__max">{max}</span>
              <div className="bars">
                {days.map((d) => (
                  <span key={d.day} className={d.n === 0 ? "bars__bar bars__bar--zero" : "bars__bar"} style={{ height: `${(100 * d.n) / max}%` }} title={`${date(d.day)}: ${d.n}`} />
                ))}
              </div>
            </div>
            <div className="day-chart__axis" aria-hidden="true">
              <span>{date(days[0]!.day)}</span>
              {days.length > 1 ? <span>{date(days[days.length - 1]!.day)}</span> : null}
            </div>
            <figcaption className="visually-hidden">{t("reading.chart.axis", { first: date(days[0]!.day), last: date(days[days.length - 1]!.day), max })}</figcaption>
          </figure>
          <p className="meta">
            {t("history.timeline.summary", { total, days: commentsByDay.length, busiest: date(commentsByDay.find((d) => d.n === max)!.day), max })}
          </p>
          <details className="day-chart__table">
            <summary>{t("reading.chart.table")}</summary>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("reading.chart.day")}</th>
                  <th scope="col">{t("reading.chart.count")}</th>
                </tr>
              </thead>
              <tbody>
                {commentsByDay.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{date(d.day)}</th>
                    <td>{d.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </>
  );
}
