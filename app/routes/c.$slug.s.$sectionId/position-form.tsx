import { Form } from "@remix-run/react";
import type { Stance } from "../../../common/enums.js";
import { STANCE_LABEL } from "../../../common/labels.js";
import { STANCE_ORDER } from "../../components/comments/positions-chart.js";
import type { SelectedQuote } from "../../components/editor/section-editor.client.js";
import { ellipsize } from "../../utils/format.js";
import { COMMENT_BODY_MAX } from "../../../common/limits.js";

/** The viewer's position on the section: recorded anew each time, earlier ones kept in the record. */
export function PositionForm({
  quote,
  myPosition,
  positionHistory,
}: {
  /** The selected passage, if any, which the position is about. */
  quote: SelectedQuote | null;
  myPosition: { stance: Stance; rationale: string } | null;
  /** How many earlier positions the viewer has taken here. */
  positionHistory: number;
}) {
  const quoteText = quote?.exact ?? "";
  return (
    <Form method="post" className="form form--wide position-form">
      <input type="hidden" name="intent" value="position" />
      <input type="hidden" name="quote" value={quoteText} />
      <fieldset>
        <legend>Your position on this section{myPosition ? ` (now: ${STANCE_LABEL[myPosition.stance]})` : ""}</legend>
        {STANCE_ORDER.map((s) => (
          <label key={s} className="radio">
            <input type="radio" name="stance" value={s} defaultChecked={myPosition?.stance === s} required /> {STANCE_LABEL[s]}
          </label>
        ))}
      </fieldset>
      {quote ? <p className="muted">{`About the selected passage: “${ellipsize(quoteText, 80)}”`}</p> : null}
      <div className="field">
        <label className="field__label" htmlFor="rationale">
          Reason (optional)
        </label>
        <textarea id="rationale" name="rationale" className="input" rows={2} maxLength={COMMENT_BODY_MAX} defaultValue={myPosition?.rationale ?? ""} />
      </div>
      <button type="submit" className="button button--secondary">
        {myPosition ? "Update my position" : "Record my position"}
      </button>
      {positionHistory > 0 ? (
        <p className="muted">{positionHistory === 1 ? "Your earlier position stays in the record." : `Your ${positionHistory} earlier positions stay in the record.`}</p>
      ) : null}
    </Form>
  );
}
