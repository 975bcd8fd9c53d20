import { Form } from "@remix-run/react";
import type { Stance } from "../../../common/enums.js";
import { STANCE_ORDER } from "../../components/comments/positions-chart.js";
import type { SelectedQuote } from "../../components/editor/section-editor.client.js";
import { FormattedMessage, useT } from "../../i18n/index.js";
import { ellipsize } from "../../utils/format.js";
import { COMMENT_BODY_MAX } from "../../../common/limits.js";

/** The viewer's position on the section: recorded anew each time, earlier ones kept in the record. */
export function PositionForm({
  quote,
  myPosition,
  positionHistory,
  contentLanguage,
  error,
}: {
  /** The selected passage, if any, which the position is about. */
  quote: SelectedQuote | null;
  myPosition: { stance: Stance; rationale: string } | null;
  /** How many earlier positions the viewer has taken here. */
  positionHistory: number;
  /** The consultation's language, which the quoted passage is in. */
  contentLanguage: string;
  /** Why the passage was refused (the server's words), shown beside it. */
  error?: string[];
}) {
  const { t, msg } = useT();
  const quoteText = quote?.exact ?? "";
  return (
    <Form method="post" className="form form--wide position-form">
      <input type="hidden" name="intent" value="position" />
      <input type="hidden" name="quote" value={quoteText} />
      <input type="hidden" name="quotePrefix" value={quote?.prefix ?? ""} />
      <input type="hidden" name="quoteSuffix" value={quote?.suffix ?? ""} />
      <input type="hidden" name="quoteStart" value={quote ? String(quote.start) : ""} />
      <fieldset>
        <legend>{myPosition ? t("section.position.legendNow", { stance: t(`label.stance.${myPosition.stance}`) }) : t("section.position.legend")}</legend>
        {STANCE_ORDER.map((s) => (
          <label key={s} className="radio">
            <input type="radio" name="stance" value={s} defaultChecked={myPosition?.stance === s} required /> {t(`label.stance.${s}`)}
          </label>
        ))}
      </fieldset>
      {quote ? (
        <p className="muted">
          <FormattedMessage id="section.position.about" values={{ quote: ellipsize(quoteText, 80), passage: (text) => <span lang={contentLanguage}>{text}</span> }} />
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id="positionQuote" tabIndex={-1}>
          {error.map(msg).join(" ")}
        </p>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor="rationale">
          {t("section.position.reason")}
        </label>
        <textarea id="rationale" name="rationale" className="input" rows={2} maxLength={COMMENT_BODY_MAX} defaultValue={myPosition?.rationale ?? ""} />
      </div>
      <button type="submit" className="button button--secondary">
        {myPosition ? t("section.position.update") : t("section.position.record")}
      </button>
      {positionHistory > 0 ? <p className="muted">{t("section.position.history", { count: positionHistory })}</p> : null}
    </Form>
  );
}
