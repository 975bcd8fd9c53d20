import { STAKEHOLDER_LABEL } from "../../utils/format.js";

export const STANCES = ["support", "support_with_changes", "neutral", "oppose"] as const;
export const STANCE_TEXT: Record<string, string> = {
  support: "Support",
  support_with_changes: "Support with changes",
  neutral: "Neutral",
  oppose: "Oppose",
};

/** Positions by stakeholder group as stacked bars, with the numbers in a table for screen readers. */
export function PositionsChart({ counts, caption }: { counts: { stakeholder_group: string; stance: string; n: number }[]; caption: string }) {
  const groups = [...new Set(counts.map((c) => c.stakeholder_group))].sort();
  if (groups.length === 0) return <p className="empty">No positions yet.</p>;
  const count = (g: string, s: string) => counts.find((c) => c.stakeholder_group === g && c.stance === s)?.n ?? 0;
  return (
    <figure className="positions">
      <div aria-hidden="true">
        {groups.map((g) => {
          const total = STANCES.reduce((n, s) => n + count(g, s), 0);
          return (
            <div key={g} className="positions__row">
              <span className="positions__label">{STAKEHOLDER_LABEL[g] ?? g}</span>
              <span className="positions__bar">
                {STANCES.map((s) =>
                  count(g, s) > 0 ? (
                    <span key={s} className={`stance stance--${s}`} style={{ width: `${(100 * count(g, s)) / total}%` }} title={`${STANCE_TEXT[s]}: ${count(g, s)}`}>
                      {count(g, s)}
                    </span>
                  ) : null,
                )}
              </span>
            </div>
          );
        })}
        <p className="positions__legend">
          {STANCES.map((s) => (
            <span key={s}>
              <span className={`swatch stance--${s}`} /> {STANCE_TEXT[s]}
            </span>
          ))}
        </p>
      </div>
      <table className="visually-hidden">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            {STANCES.map((s) => (
              <th key={s} scope="col">
                {STANCE_TEXT[s]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g}>
              <th scope="row">{STAKEHOLDER_LABEL[g] ?? g}</th>
              {STANCES.map((s) => (
                <td key={s}>{count(g, s)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}
