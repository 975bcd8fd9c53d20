import { Form, Link, useSubmit } from "@remix-run/react";
import { useState } from "react";
import { REASON_LABEL, STAKEHOLDER_LABEL, ellipsize, formatDateTime } from "../../utils/format.js";

export interface CommentItem {
  id: string;
  parentId: string | null;
  kind: "comment" | "suggestion";
  status: "published" | "pending" | "hidden" | "deleted";
  body: string;
  /** Rendered on the server from a small Markdown subset, raw HTML escaped and links limited to safe schemes. */
  bodyHtml: string;
  replacement: string | null;
  author: { name: string; organisation: string; group: string };
  mine: boolean;
  createdAt: string;
  editedAt: string | null;
  editable: boolean;
  /** The comment window is open, so the author may still edit or withdraw. */
  amendable: boolean;
  /** Deleted by its author after the team responded. */
  withdrawn: boolean;
  suggestionStatus: "open" | "accepted" | "declined" | null;
  decisionReason: string | null;
  reactions: { endorse: number; oppose: number; mine: "endorse" | "oppose" | null };
  overlaps: boolean;
  moderationReason: string | null;
  reviewRequested: boolean;
  confidential: boolean;
  redactedVersion: boolean;
  anchor: null | { state: "exact" | "moved" | "changed"; quote: { exact: string } };
  disposition: null | { outcome: string; label: string; response: string; at: string };
}

export interface Thread {
  root: CommentItem;
  replies: CommentItem[];
}


function Body({ c }: { c: CommentItem }) {
  if (c.status === "deleted") return <p className="tombstone">{c.withdrawn ? "Withdrawn by its author." : "Deleted by its author."}</p>;
  if (c.status === "hidden" && !c.mine) {
    return <p className="tombstone">{`Removed by moderation. Reason: ${REASON_LABEL[c.moderationReason ?? "other"] ?? "Other"}.`}</p>;
  }
  return (
    <>
      <div className="comment-body" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
      {c.kind === "suggestion" && c.replacement !== null ? (
        <div className="suggestion">
          <p className="muted">Proposed text:</p>
          <p>
            <del>{c.anchor?.quote.exact}</del> <ins>{c.replacement || "(remove the passage)"}</ins>
          </p>
        </div>
      ) : null}
    </>
  );
}

function Byline({ c }: { c: CommentItem }) {
  return (
    <p className="byline">
      <strong>{c.author.name}</strong>
      {c.author.organisation ? `, ${c.author.organisation}` : ""} <span className="tag">{STAKEHOLDER_LABEL[c.author.group] ?? c.author.group}</span>{" "}
      <time dateTime={c.createdAt} className="muted">
        {formatDateTime(c.createdAt)}
      </time>
      {c.editedAt ? <span className="muted"> (edited)</span> : null}
      {c.status === "pending" ? <span className="tag tag--pending">Awaiting moderation</span> : null}
      {c.confidential ? <span className="tag tag--pending">Confidential — team only</span> : null}
      {c.redactedVersion ? <span className="tag">Public version of a confidential submission</span> : null}
    </p>
  );
}

function HiddenOwn({ c }: { c: CommentItem }) {
  return (
    <div className="notice notice--small">
      <p>{`Moderators removed this from public view. Reason: ${REASON_LABEL[c.moderationReason ?? "other"] ?? "Other"}. Only you and the consultation team can read it.`}</p>
      {c.reviewRequested ? (
        <p>You asked for a review; the moderators will look again.</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="review" />
          <input type="hidden" name="commentId" value={c.id} />
          <button type="submit" className="button button--secondary button--small">
            Ask for a review
          </button>
        </Form>
      )}
    </div>
  );
}

function ReportBox({ c }: { c: CommentItem }) {
  return (
    <details className="report-box">
      <summary>Report</summary>
      <Form method="post">
        <input type="hidden" name="intent" value="report" />
        <input type="hidden" name="commentId" value={c.id} />
        <label className="field__label" htmlFor={`report-${c.id}`}>
          What is wrong with it?
        </label>
        <select id={`report-${c.id}`} name="reason" className="input input--small" required defaultValue="">
          <option value="" disabled>
            Choose…
          </option>
          {Object.entries(REASON_LABEL)
            .filter(([k]) => k !== "reported")
            .map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
        </select>{" "}
        <button type="submit" className="button button--secondary button--small">
          Send report
        </button>
      </Form>
    </details>
  );
}

function OwnActions({ c, canReport }: { c: CommentItem; canReport?: boolean }) {
  const [editing, setEditing] = useState(false);
  if (c.mine && c.status === "hidden") return <HiddenOwn c={c} />;
  if (!c.mine) return canReport && c.status === "published" ? <ReportBox c={c} /> : null;
  if (c.status === "deleted") return null;
  if (!c.amendable) return <p className="muted">The comment window has closed; your submission stays as it is.</p>;
  const confirmText = c.disposition
    ? "Withdraw your comment? It has a response, so its place and the response stay public, marked as withdrawn by you."
    : "Delete your comment? Its place in the thread stays, marked as deleted.";
  return (
    <div className="own-actions">
      {editing ? (
        <Form method="post" onSubmit={() => setEditing(false)}>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="commentId" value={c.id} />
          <label className="visually-hidden" htmlFor={`edit-${c.id}`}>
            Edit your comment
          </label>
          <textarea id={`edit-${c.id}`} name="body" className="input" rows={3} defaultValue={c.body} maxLength={10000} />
          <div className="button-row">
            <button type="submit" className="button button--small">
              Save
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </Form>
      ) : (
        <div className="button-row">
          {c.editable ? (
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
          <Form method="post" onSubmit={(e) => (!window.confirm(confirmText) ? e.preventDefault() : undefined)}>
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="commentId" value={c.id} />
            <button type="submit" className="link-button">
              {c.disposition ? "Withdraw" : "Delete"}
            </button>
          </Form>
        </div>
      )}
    </div>
  );
}

function SuggestionPanel({ c, canPost, canDecide }: { c: CommentItem; canPost: boolean; canDecide: boolean }) {
  if (c.status !== "published") return null;
  const open = c.suggestionStatus === "open";
  return (
    <div className="suggestion-panel">
      {c.overlaps ? <p className="notice notice--small">Overlaps another open suggestion on the same words.</p> : null}
      {c.suggestionStatus === "declined" && c.decisionReason ? (
        <p className="muted">
          <strong>Declined:</strong> {c.decisionReason}
        </p>
      ) : null}
      <p className="muted">{`${c.reactions.endorse} endorse · ${c.reactions.oppose} oppose`}</p>
      {open && canPost && !c.mine ? (
        <div className="button-row">
          {(["endorse", "oppose"] as const).map((r) => (
            <Form method="post" key={r}>
              <input type="hidden" name="intent" value="react" />
              <input type="hidden" name="commentId" value={c.id} />
              <input type="hidden" name="reaction" value={r} />
              <button type="submit" className="button button--secondary button--small" aria-pressed={c.reactions.mine === r}>
                {r === "endorse" ? "Endorse" : "Oppose"}
              </button>
            </Form>
          ))}
        </div>
      ) : null}
      {open && canDecide ? (
        <div className="decide">
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <input type="hidden" name="commentId" value={c.id} />
            <button type="submit" className="button button--small">
              Accept into the text
            </button>
          </Form>
          <details>
            <summary>Decline…</summary>
            <Form method="post">
              <input type="hidden" name="intent" value="decline" />
              <input type="hidden" name="commentId" value={c.id} />
              <label className="field__label" htmlFor={`reason-${c.id}`}>
                Reason, shown publicly
              </label>
              <textarea id={`reason-${c.id}`} name="reason" className="input" rows={2} required maxLength={10000} />
              <button type="submit" className="button button--danger button--small">
                Decline
              </button>
            </Form>
          </details>
        </div>
      ) : null}
    </div>
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
  threads: Thread[];
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
  const submit = useSubmit();
  const shown = threads;
  return (
    <section className="rail" aria-labelledby="comments-title">
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
      {confidentialCount > 0 ? <p className="muted">{`${confidentialCount} confidential submission${confidentialCount === 1 ? "" : "s"}, read by the consultation team.`}</p> : null}
      {shown.length === 0 ? <p className="empty">{total === 0 ? "No comments yet." : "No threads match this filter."}</p> : null}
      <ol className="threads">
        {shown.map(({ root, replies }) => (
          <li key={root.id}>
            <article
              id={`thread-${root.id}`}
              tabIndex={-1}
              className={root.id === activeId ? "thread thread--active" : "thread"}
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
                    <textarea id={`reply-${root.id}`} name="body" className="input" rows={3} maxLength={10000} required />
                    <button type="submit" className="button button--small">
                      Post reply
                    </button>
                  </Form>
                </details>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
      {matching > shown.length ? (
        <p>
          <Link to={`?filter=${encodeURIComponent(filter)}&threads=all`} preventScrollReset>{`Show all ${matching} threads`}</Link>
        </p>
      ) : null}
    </section>
  );
}
