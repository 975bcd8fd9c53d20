import { Form, useLocation, useSearchParams } from "@remix-run/react";
import { SEARCH_QUERY_MAX } from "../../common/limits.js";
import { useT } from "../i18n/index.js";

/** The header's search box: a plain GET form to /search, so it works before hydration and without JavaScript. */
export function SearchBox() {
  const { t } = useT();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  // On the results page the box shows what was searched; elsewhere it starts empty.
  const current = pathname === "/search" ? (params.get("q") ?? "") : "";
  return (
    <Form method="get" action="/search" role="search" className="search-box">
      <label htmlFor="site-search" className="visually-hidden">
        {t("search.box.label")}
      </label>
      <input
        id="site-search"
        key={current}
        type="search"
        name="q"
        className="input input--small search-box__input"
        defaultValue={current}
        maxLength={SEARCH_QUERY_MAX}
        placeholder={t("search.box.placeholder")}
        enterKeyHint="search"
      />
      <button type="submit" className="button button--small search-box__button">
        {t("search.box.submit")}
      </button>
    </Form>
  );
}
