import { Form, Link } from "@remix-run/react";
import type { RailThread } from "../../utils/presenters.server.js";
import { ellipsize } from "../../utils/format.js";
import { Body, Byline } from "./comment-parts.js";
import { OwnActions } from "./own-actions.js";
import { SuggestionPanel } from "./suggestion-panel.js";
import { COMMENT_BODY_MAX } from "../../../common/limits.js";

export interface ThreadPermissions {
  canPost: boolean;
  canDecide: boolean;
  canReport: boolean;
}

/** One thread: the quoted passage, the root comment or suggestion, its response, replies and the reply box. */
export function ThreadCard({
  thread: { root, replies },
  active,
  onActivate,
  historyHref,
  can: { canPost, canDecide, canReport },
}: {
  thread: RailThread;
  active: boolean;
  onActivate: (id: string) => void;
  historyHref: string;
  can: ThreadPermissions;
}) {
  return (
    <article
      id={`thread-${root.id}`}
      tabIndex={-1}
      className={active ? "thread thread--active" : "thread"}
      aria-label={`${root.kind === "suggestion" ? "Suggested amendment" : "Comment"} by ${root.author.name}`}
    >
      {root.anchor ? (
        <button type="button" className="quote" onClick={() => onActivate(root.id)} aria-label={`Show the passage in the text: ${root.anchor.quote.exact}`}>
          “{ellipsize(root.anchor.quote.exact, 140)}”
        </button>
      ) : (
        <p className="muted quote-none">On the whole section</p>
      )}
      {root.anchor?.state === "changed" ? (
        <p className="notice notice--small">
          The passage this refers to has changed since. The quote above is what was commented on. <Link to={historyHref}>See what changed</Link>
        </p>
      ) : null}
      {root.kind === "suggestion" ? <p className="tag tag--suggestion">Suggested amendment{root.suggestionStatus !== "open" ? ` · ${root.suggestionStatus}` : ""}</p> : null}
      <Byline c={root} />
      <Body c={root} />
      {root.kind === "suggestion" ? <SuggestionPanel c={root} canPost={canPost} canDecide={canDecide} /> : null}
      {root.disposition ? (
        <p className="disposition">
          <span className="muted">{"Drafting team’s response: "}</span>
          <span className={`outcome outcome--${root.disposition.outcome}`}>{root.disposition.label}</span> {root.disposition.response}
        </p>
      ) : null}
      <OwnActions c={root} canReport={canReport} />
      {replies.length > 0 ? (
        <ol className="replies" aria-label="Replies">
          {replies.map((r) => (
            <li key={r.id}>
              <Byline c={r} />
              <Body c={r} />
              <OwnActions c={r} canReport={canReport} />
            </li>
          ))}
        </ol>
      ) : null}
      {canPost && root.status !== "deleted" && root.status !== "hidden" ? (
        <details className="reply-box">
          <summary>Reply</summary>
          <Form method="post">
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="parentId" value={root.id} />
            <label className="visually-hidden" htmlFor={`reply-${root.id}`}>
              Your reply
            </label>
            <textarea id={`reply-${root.id}`} name="body" className="input" rows={3} maxLength={COMMENT_BODY_MAX} required />
            <button type="submit" className="button button--small">
              Post reply
            </button>
          </Form>
        </details>
      ) : null}
    </article>
  );
}
