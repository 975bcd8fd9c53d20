import { Form } from "@remix-run/react";
import type { RailComment } from "../../utils/presenters.server.js";
import { COMMENT_BODY_MAX } from "../../../common/limits.js";

/** A published suggestion's state and reactions, with endorse/oppose for others and accept/decline for the team. */
export function SuggestionPanel({ c, canPost, canDecide }: { c: RailComment; canPost: boolean; canDecide: boolean }) {
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
              <textarea id={`reason-${c.id}`} name="reason" className="input" rows={2} required maxLength={COMMENT_BODY_MAX} />
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
