import { Form } from "@remix-run/react";
import { DISPOSITION_OUTCOMES } from "../../../common/enums.js";
import { DISPOSITION_RESPONSE_MAX } from "../../../common/limits.js";
import type { RailComment } from "../../utils/presenters.server.js";
import { useT } from "../../i18n/index.js";
import { useShownName } from "./comment-parts.js";

/**
 * The drafting team's response to a comment, from the rail: the same response the
 * report page records (outcome and words); links to changes and versions stay there.
 */
export function RespondBox({ c, lang }: { c: RailComment; lang: string }) {
  const { t } = useT();
  const shownName = useShownName();
  return (
    // A recorded response closes the box and starts the next one from it.
    <details className="reply-box respond-box" key={c.disposition?.at ?? "none"}>
      <summary>{c.disposition ? t("report.respond.change") : t("report.respond.new")}</summary>
      <Form method="post" className="form" aria-label={t("takingPart.respond.label", { author: shownName(c.author.name) })}>
        <input type="hidden" name="intent" value="respond" />
        <input type="hidden" name="commentId" value={c.id} />
        <div className="field">
          <label className="field__label" htmlFor={`respond-outcome-${c.id}`}>
            {t("report.respond.outcome")}
          </label>
          <select id={`respond-outcome-${c.id}`} name="outcome" className="input" defaultValue={c.disposition?.outcome ?? "noted"}>
            {DISPOSITION_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`label.disposition.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`respond-text-${c.id}`}>
            {t("report.respond.response")}
          </label>
          <textarea
            id={`respond-text-${c.id}`}
            name="response"
            className="input"
            rows={3}
            lang={lang}
            required
            maxLength={DISPOSITION_RESPONSE_MAX}
            defaultValue={c.disposition?.response ?? ""}
            aria-describedby={`respond-hint-${c.id}`}
          />
          <p className="field__hint" id={`respond-hint-${c.id}`}>
            {t("takingPart.respond.hint")}
          </p>
        </div>
        <button type="submit" className="button button--small">
          {t("report.respond.submit")}
        </button>
      </Form>
    </details>
  );
}
