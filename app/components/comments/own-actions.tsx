import { Form } from "@remix-run/react";
import { useState } from "react";
import type { RailComment } from "../../utils/presenters.server.js";
import { REASON_LABEL } from "../../utils/format.js";
import { COMMENT_BODY_MAX } from "../../../common/limits.js";

/** The author's own comment hidden by moderation: why, and a way to ask for a review. */
function HiddenOwn({ c }: { c: RailComment }) {
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

function ReportBox({ c }: { c: RailComment }) {
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

/** What the viewer may do with a comment: edit or withdraw their own, or report someone else's. */
export function OwnActions({ c, canReport }: { c: RailComment; canReport?: boolean }) {
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
          <textarea id={`edit-${c.id}`} name="body" className="input" rows={3} defaultValue={c.body} maxLength={COMMENT_BODY_MAX} />
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
