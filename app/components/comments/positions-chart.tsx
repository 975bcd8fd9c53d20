import type { Stance } from "../../../common/enums.js";
import { useT } from "../../i18n/index.js";
import { useLabel } from "../../i18n/labels.js";
import { ellipsize } from "../../utils/format.js";

/** The order stances are shown in (a scale, neutral between the two sides); labels come from common/. */
export const STANCE_ORDER: readonly Stance[] = ["support", "support_with_changes", "neutral", "oppose"];

/** Positions by stakeholder group as stacked bars, with the numbers in a table for screen readers. */
export function PositionsChart({
  counts,
  caption,
  compact = false,
}: {
  counts: { stakeholder_group: string; stance: string; n: number }[];
  caption: string;
  /** Without the legend and the visible caption: a chart under the section's, which has them. */
  compact?: boolean;
}) {
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
        {compact ? null : (
          <p className="positions__legend">
            {STANCE_ORDER.map((s) => (
              <span key={s}>
                <span className={`swatch stance--${s}`} /> {t(`label.stance.${s}`)}
              </span>
            ))}
          </p>
        )}
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
      {compact ? null : <figcaption className="muted">{caption}</figcaption>}
    </figure>
  );
}

/** The positions taken on one passage, as the section page is given them. */
export interface PassagePositionsView {
  quote: string;
  counts: { stakeholder_group: string; stance: string; n: number }[];
  total: number;
}

/**
 * Positions by the passage they are about, beside the whole section's: each passage with
 * its tally ("3 support, 1 oppose on this passage") and the same chart by stakeholder group.
 */
export function PassagePositions({ passages, lang }: { passages: PassagePositionsView[]; lang: string }) {
  const { t } = useT();
  const tally = usePassageTally();
  if (passages.length === 0) return null;
  return (
    <div className="passage-positions">
      <h3 id="passage-positions-title">{t("takingPart.passages.title")}</h3>
      <ol className="passage-positions__list" aria-labelledby="passage-positions-title">
        {passages.map((p) => {
          return (
            <li key={p.quote} className="passage-positions__item">
              <p>
                <q lang={lang}>{ellipsize(p.quote, 120)}</q>
              </p>
              <p className="muted">{tally(p)}</p>
              <PositionsChart counts={p.counts} caption={t("takingPart.passages.caption")} compact />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** One list formatter per language: building one costs more than the tally it formats, and a rail page has dozens. */
const listFormats = new Map<string, Intl.ListFormat>();

/** "3 support, 1 oppose on this passage": a passage's positions in one line, in the reader's language. */
export function usePassageTally(): (p: PassagePositionsView) => string {
  const { t, locale } = useT();
  let list = listFormats.get(locale);
  if (!list) listFormats.set(locale, (list = new Intl.ListFormat(locale, { style: "short", type: "unit" })));
  return (p) => {
    const byStance = STANCE_ORDER.map((s) => ({ s, n: p.counts.filter((c) => c.stance === s).reduce((a, c) => a + c.n, 0) })).filter((x) => x.n > 0);
    const counts = list.format(byStance.map(({ s, n }) => t("takingPart.passage.count", { n, stance: t(`label.stance.${s}`).toLocaleLowerCase(locale) })));
    return t("takingPart.passage.tally", { counts });
  };
}
