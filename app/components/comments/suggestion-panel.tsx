import { Form } from "@remix-run/react";
import type { RailComment } from "../../utils/presenters.server.js";
import { COMMENT_BODY_MAX } from "../../../common/limits.js";
import { useT } from "../../i18n/index.js";

/** A published suggestion's state and reactions, with endorse/oppose for others and accept/decline for the team. */
export function SuggestionPanel({ c, canPost, canDecide, lang }: { c: RailComment; canPost: boolean; canDecide: boolean; lang: string }) {
  const { t } = useT();
  if (c.status !== "published") return null;
  const open = c.suggestionStatus === "open";
  return (
    <div className="suggestion-panel">
      {c.overlaps ? <p className="notice notice--small">{t("comments.suggestion.overlaps")}</p> : null}
      {c.suggestionStatus === "declined" && c.decisionReason ? (
        <p className="muted">
          <strong>{t("comments.suggestion.declined")}</strong> <span lang={lang}>{c.decisionReason}</span>
        </p>
      ) : null}
      <p className="muted">{t("comments.suggestion.reactions", { endorse: c.reactions.endorse, oppose: c.reactions.oppose })}</p>
      {open && canPost && !c.mine ? (
        <div className="button-row">
          {(["endorse", "oppose"] as const).map((r) => (
            <Form method="post" key={r}>
              <input type="hidden" name="intent" value="react" />
              <input type="hidden" name="commentId" value={c.id} />
              <input type="hidden" name="reaction" value={r} />
              <button type="submit" className="button button--secondary button--small" aria-pressed={c.reactions.mine === r}>
                {r === "endorse" ? t("comments.suggestion.endorse") : t("comments.suggestion.oppose")}
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
              {t("comments.suggestion.accept")}
            </button>
          </Form>
          <details>
            <summary>{t("comments.suggestion.decline")}</summary>
            <Form method="post">
              <input type="hidden" name="intent" value="decline" />
              <input type="hidden" name="commentId" value={c.id} />
              <label className="field__label" htmlFor={`reason-${c.id}`}>
                {t("comments.suggestion.reason")}
              </label>
              <textarea id={`reason-${c.id}`} name="reason" className="input" rows={2} required maxLength={COMMENT_BODY_MAX} />
              <button type="submit" className="button button--danger button--small">
                {t("comments.suggestion.declineSend")}
              </button>
            </Form>
          </details>
        </div>
      ) : null}
    </div>
  );
}
