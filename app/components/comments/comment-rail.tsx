import { Form, Link, useRouteLoaderData, useSubmit } from "@remix-run/react";
import type { loader as rootLoader } from "../../root.js";
import type { RailThread } from "../../utils/presenters.server.js";
import { useT } from "../../i18n/index.js";
import { useLabel } from "../../i18n/labels.js";
import { ThreadCard, type ThreadSetting } from "./thread-card.js";
import type { PostedNoteView } from "./comment-parts.js";
import type { PassagePositionsView } from "./positions-chart.js";

/** The rail's heading with the thread filter, which applies as soon as it changes (a button without script). */
function RailHead({ total, filter, groups }: { total: number; filter: string; groups: string[] }) {
  const submit = useSubmit();
  const { t } = useT();
  const label = useLabel();
  // "Mine" means nothing to someone signed out, so it is offered only to the signed in.
  const signedIn = Boolean(useRouteLoaderData<typeof rootLoader>("root")?.user);
  return (
    <Form method="get" className="rail__head" preventScrollReset onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}>
      <h2 id="comments-title">{t("comments.title", { count: total })}</h2>
      <label className="visually-hidden" htmlFor="comment-filter">
        {t("comments.filter.label")}
      </label>
      <select id="comment-filter" name="filter" className="input input--small" defaultValue={filter}>
        <option value="all">{t("comments.filter.all")}</option>
        <option value="suggestions">{t("comments.filter.suggestions")}</option>
        {signedIn || filter === "mine" ? <option value="mine">{t("comments.filter.mine")}</option> : null}
        {groups.map((g) => (
          <option key={g} value={g}>
            {label("group", g)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="button button--small">
          {t("comments.filter.apply")}
        </button>
      </noscript>
    </Form>
  );
}

/** The threads beside the text, in reading order, linked both ways with their highlights. */
export function CommentRail({
  threads,
  total,
  matching,
  filter,
  activeId,
  onActivate,
  posted,
  passages = [],
  canPost,
  canDecide,
  canReport,
  confidentialCount,
  groups,
  historyHref,
  setting,
}: {
  threads: RailThread[];
  total: number;
  matching: number;
  filter: string;
  activeId: string | null;
  onActivate: (id: string) => void;
  /** The viewer's item just posted, with its success message, shown beside it. */
  posted: PostedNoteView | null;
  /** Positions by passage: each thread on one of these passages shows its tally. */
  passages?: PassagePositionsView[];
  canPost: boolean;
  canDecide: boolean;
  canReport: boolean;
  confidentialCount: number;
  groups: string[];
  /** The section's history page, where a changed passage's edit can be seen. */
  historyHref: string;
  /** The consultation's content language and time zone, and the loader's `now`. */
  setting: ThreadSetting;
}) {
  const { t } = useT();
  const can = { canPost, canDecide, canReport };
  const byQuote = new Map(passages.map((p) => [p.quote, p]));
  return (
    <section className="rail" aria-labelledby="comments-title">
      <RailHead total={total} filter={filter} groups={groups} />
      {confidentialCount > 0 ? <p className="muted">{t("comments.confidential", { count: confidentialCount })}</p> : null}
      {threads.length === 0 ? <p className="empty">{total === 0 ? t("comments.none") : t("comments.noMatch")}</p> : null}
      <ol className="threads">
        {threads.map((thread) => (
          <li key={thread.root.id}>
            <ThreadCard thread={thread} active={thread.root.id === activeId} onActivate={onActivate} posted={posted} passage={thread.root.anchor ? byQuote.get(thread.root.anchor.quote.exact) : undefined} historyHref={historyHref} can={can} setting={setting} />
          </li>
        ))}
      </ol>
      {matching > threads.length ? (
        <p>
          <Link to={`?filter=${encodeURIComponent(filter)}&threads=all`} preventScrollReset>
            {t("comments.showAll", { count: matching })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
