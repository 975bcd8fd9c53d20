import { Form } from "@remix-run/react";
import { useState } from "react";
import type { RailComment } from "../../utils/presenters.server.js";
import { MODERATION_REASONS } from "../../../common/enums.js";
import { useT } from "../../i18n/index.js";
import { useLabel } from "../../i18n/labels.js";
import { COMMENT_BODY_MAX } from "../../../common/limits.js";

/** The author's own comment hidden by moderation: why, and a way to ask for a review. */
function HiddenOwn({ c }: { c: RailComment }) {
  const { t } = useT();
  const label = useLabel();
  return (
    <div className="notice notice--small">
      <p>{t("comments.hidden", { reason: label("reason", c.moderationReason ?? "other") })}</p>
      {c.reviewRequested ? (
        <p>{t("comments.hidden.reviewAsked")}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="review" />
          <input type="hidden" name="commentId" value={c.id} />
          <button type="submit" className="button button--secondary button--small">
            {t("comments.hidden.askReview")}
          </button>
        </Form>
      )}
    </div>
  );
}

function ReportBox({ c }: { c: RailComment }) {
  const { t } = useT();
  return (
    <details className="report-box">
      <summary>{t("comments.report")}</summary>
      <Form method="post">
        <input type="hidden" name="intent" value="report" />
        <input type="hidden" name="commentId" value={c.id} />
        <label className="field__label" htmlFor={`report-${c.id}`}>
          {t("comments.report.what")}
        </label>
        <select id={`report-${c.id}`} name="reason" className="input input--small" required defaultValue="">
          <option value="" disabled>
            {t("comments.report.choose")}
          </option>
          {MODERATION_REASONS.map((k) => (
            <option key={k} value={k}>
              {t(`label.reason.${k}`)}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="button button--secondary button--small">
          {t("comments.report.send")}
        </button>
      </Form>
    </details>
  );
}

/** What the viewer may do with a comment: edit or withdraw their own, or report someone else's. */
export function OwnActions({ c, canReport }: { c: RailComment; canReport?: boolean }) {
  const [editing, setEditing] = useState(false);
  const { t } = useT();
  if (c.mine && c.status === "hidden") return <HiddenOwn c={c} />;
  if (!c.mine) return canReport && c.status === "published" ? <ReportBox c={c} /> : null;
  if (c.status === "deleted") return null;
  if (!c.amendable) return <p className="muted">{t("comments.own.frozen")}</p>;
  const confirmText = c.disposition ? t("comments.own.confirmWithdraw") : t("comments.own.confirmDelete");
  return (
    <div className="own-actions">
      {editing ? (
        <Form method="post" onSubmit={() => setEditing(false)}>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="commentId" value={c.id} />
          <label className="visually-hidden" htmlFor={`edit-${c.id}`}>
            {t("comments.own.editLabel")}
          </label>
          <textarea id={`edit-${c.id}`} name="body" className="input" rows={3} defaultValue={c.body ?? ""} maxLength={COMMENT_BODY_MAX} />
          <div className="button-row">
            <button type="submit" className="button button--small">
              {t("comments.own.save")}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setEditing(false)}>
              {t("comments.own.cancel")}
            </button>
          </div>
        </Form>
      ) : (
        <div className="button-row">
          {c.editable ? (
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              {t("comments.own.edit")}
            </button>
          ) : null}
          <Form method="post" onSubmit={(e) => (!window.confirm(confirmText) ? e.preventDefault() : undefined)}>
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="commentId" value={c.id} />
            <button type="submit" className="link-button">
              {c.disposition ? t("comments.own.withdraw") : t("comments.own.delete")}
            </button>
          </Form>
        </div>
      )}
    </div>
  );
}
