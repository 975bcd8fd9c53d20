import type { Stance } from "../../../common/enums.js";
import { useT } from "../../i18n/index.js";
import { useLabel } from "../../i18n/labels.js";

/** The order stances are shown in (a scale, neutral between the two sides); labels come from common/. */
export const STANCE_ORDER: readonly Stance[] = ["support", "support_with_changes", "neutral", "oppose"];

/** Positions by stakeholder group as stacked bars, with the numbers in a table for screen readers. */
export function PositionsChart({ counts, caption }: { counts: { stakeholder_group: string; stance: string; n: number }[]; caption: string }) {
  const { t } = useT();
  const label = useLabel();
  const groups = [...new Set(counts.map((c) => c.stakeholder_group))].sort();
  if (groups.length === 0) return <p className="empty">{t("comments.positions.none")}</p>;
  const count = (g: string, s: string) => counts.find((c) => c.stakeholder_group === g && c.stance === s)?.n ?? 0;
  return (
    <figure className="positions">
      <div aria-hidden="true">
        {groups.map((g) => {
          const total = STANCE_ORDER.reduce((n, s) => n + count(g, s), 0);
          return (
            <div key={g} className="positions__row">
              <span className="positions__label">{label("group", g)}</span>
              <span className="positions__bar">
                {STANCE_ORDER.map((s) =>
                  count(g, s) > 0 ? (
                    <span key={s} className={`stance stance--${s}`} style={{ width: `${(100 * count(g, s)) / total}%` }} title={`${t(`label.stance.${s}`)}: ${count(g, s)}`}>
                      {count(g, s)}
                    </span>
                  ) : null,
                )}
              </span>
            </div>
          );
        })}
        <p className="positions__legend">
          {STANCE_ORDER.map((s) => (
            <span key={s}>
              <span className={`swatch stance--${s}`} /> {t(`label.stance.${s}`)}
            </span>
          ))}
        </p>
      </div>
      {/* The div hides the table: a table never shrinks to the hidden class's 1px, and would widen the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("comments.positions.group")}</th>
              {STANCE_ORDER.map((s) => (
                <th key={s} scope="col">
                  {t(`label.stance.${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g}>
                <th scope="row">{label("group", g)}</th>
                {STANCE_ORDER.map((s) => (
                  <td key={s}>{count(g, s)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}
