import { Form, Link, useSubmit } from "@remix-run/react";
import type { RailThread } from "../../utils/presenters.server.js";
import { STAKEHOLDER_LABEL } from "../../utils/format.js";
import { ThreadCard } from "./thread-card.js";

/** The rail's heading with the thread filter, which applies as soon as it changes (a button without script). */
function RailHead({ total, filter, groups }: { total: number; filter: string; groups: string[] }) {
  const submit = useSubmit();
  return (
    <Form method="get" className="rail__head" preventScrollReset onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}>
      <h2 id="comments-title">{`Comments (${total})`}</h2>
      <label className="visually-hidden" htmlFor="comment-filter">
        Show
      </label>
      <select id="comment-filter" name="filter" className="input input--small" defaultValue={filter}>
        <option value="all">All threads</option>
        <option value="suggestions">Open suggestions</option>
        <option value="mine">Mine</option>
        {groups.map((g) => (
          <option key={g} value={g}>
            {STAKEHOLDER_LABEL[g] ?? g}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="button button--small">
          Show
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
  canPost,
  canDecide,
  canReport,
  confidentialCount,
  groups,
  historyHref,
}: {
  threads: RailThread[];
  total: number;
  matching: number;
  filter: string;
  activeId: string | null;
  onActivate: (id: string) => void;
  canPost: boolean;
  canDecide: boolean;
  canReport: boolean;
  confidentialCount: number;
  groups: string[];
  /** The section's history page, where a changed passage's edit can be seen. */
  historyHref: string;
}) {
  const can = { canPost, canDecide, canReport };
  return (
    <section className="rail" aria-labelledby="comments-title">
      <RailHead total={total} filter={filter} groups={groups} />
      {confidentialCount > 0 ? <p className="muted">{`${confidentialCount} confidential submission${confidentialCount === 1 ? "" : "s"}, read only by their named readers.`}</p> : null}
      {threads.length === 0 ? <p className="empty">{total === 0 ? "No comments yet." : "No threads match this filter."}</p> : null}
      <ol className="threads">
        {threads.map((thread) => (
          <li key={thread.root.id}>
            <ThreadCard thread={thread} active={thread.root.id === activeId} onActivate={onActivate} historyHref={historyHref} can={can} />
          </li>
        ))}
      </ol>
      {matching > threads.length ? (
        <p>
          <Link to={`?filter=${encodeURIComponent(filter)}&threads=all`} preventScrollReset>{`Show all ${matching} threads`}</Link>
        </p>
      ) : null}
    </section>
  );
}
