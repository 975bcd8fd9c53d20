import { Link } from "@remix-run/react";
import { useT } from "../../i18n/index.js";
import { STANCE_ORDER } from "./positions-chart.js";

export interface HeatBlockView {
  index: number;
  excerpt: string;
  comments: number;
  positions: Record<string, number>;
}

/**
 * Where the section's comments and positions land, block by block (the server counts
 * what this viewer may see). Each block links to the rail filtered to it, without
 * script; numbers and words say it, the bar only repeats them.
 */
export function HeatStrip({ blocks, active, lang }: { blocks: HeatBlockView[]; active: number | null; lang: string }) {
  const { t } = useT();
  const max = Math.max(1, ...blocks.map((b) => b.comments + STANCE_ORDER.reduce((n, s) => n + (b.positions[s] ?? 0), 0)));
  return (
    <nav className="card heat" aria-labelledby="heat-title" data-testid="heat-strip">
      <h2 id="heat-title">{t("heat.title")}</h2>
      {blocks.length === 0 ? (
        <p className="empty">{t("heat.none")}</p>
      ) : (
        <>
          <p className="muted">{t("heat.intro")}</p>
          <ol className="heat__blocks">
            {blocks.map((b) => {
              const weight = b.comments + STANCE_ORDER.reduce((n, s) => n + (b.positions[s] ?? 0), 0);
              return (
                <li key={b.index}>
                  <Link
                    to={`?passage=${b.index}#comments-title`}
                    className="heat__block"
                    aria-current={active === b.index ? "true" : undefined}
                    data-testid="heat-block"
                    data-passage={b.index}
                  >
                    <span className="heat__bar" aria-hidden="true">
                      <span style={{ width: `${Math.max(4, (100 * weight) / max)}%` }} />
                    </span>
                    <span className="heat__label">
                      <strong>{t("heat.block", { number: String(b.index + 1) })}</strong> <span lang={lang}>“{b.excerpt}”</span>
                    </span>
                    <span className="heat__counts">
                      <span data-testid="heat-comments">{t("heat.comments", { count: b.comments })}</span>
                      {STANCE_ORDER.filter((s) => (b.positions[s] ?? 0) > 0).map((s) => (
                        <span key={s} className={`heat__stance stance-text--${s}`}>
                          {" · "}
                          {t(`heat.stance.${s}`, { count: String(b.positions[s]) })}
                        </span>
                      ))}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </nav>
  );
}
