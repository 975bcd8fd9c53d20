import { Link, useLocation } from "@remix-run/react";
import { useT } from "../i18n/index.js";

/**
 * Previous and next links for a list the server pages (`?page=`, from 1), keeping the
 * page's other query parameters: plain links, so they work without script.
 */
export function Pager({ page, pages, label, hash = "" }: { page: number; pages: number; label: string; hash?: string }) {
  const { t } = useT();
  const { search } = useLocation();
  if (pages <= 1) return null;
  const to = (n: number) => {
    const q = new URLSearchParams(search);
    if (n > 1) q.set("page", String(n));
    else q.delete("page");
    const query = q.toString();
    return `${query ? `?${query}` : "?"}${hash}`;
  };
  return (
    <nav className="rail__pager" aria-label={label} data-testid="pager">
      {page > 1 ? (
        <Link to={to(page - 1)} rel="prev">
          ← {t("heat.pager.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="muted">{t("heat.page", { page: String(page), pages: String(pages) })}</span>
      {page < pages ? (
        <Link to={to(page + 1)} rel="next" data-testid="pager-next">
          {t("heat.pager.next")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
