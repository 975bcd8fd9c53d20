import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import type { SelectedQuote } from "../../components/editor/section-editor.client.js";
import { FormattedMessage, useT } from "../../i18n/index.js";
import { ellipsize } from "../../utils/format.js";
import { COMMENT_BODY_MAX } from "../../../common/limits.js";

/** The form for a comment or a suggested amendment, on the selected passage or the whole section. */
export function CommentForm({
  quote,
  errors,
  values,
  premoderated,
  contentLanguage,
}: {
  quote: SelectedQuote | null;
  errors: Record<string, string[]> | undefined;
  /** What was typed, when the submission came back refused: never lost. */
  values?: Record<string, string> | undefined;
  premoderated: boolean;
  /** The consultation's language, which the quoted passage is in. */
  contentLanguage: string;
}) {
  const { t, msg } = useT();
  const [kind, setKind] = useState<"comment" | "suggestion">("comment");
  const [confidential, setConfidential] = useState(false);
  const quoteText = quote?.exact ?? "";
  return (
    <Form method="post" className="form form--wide">
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="quoteExact" value={quoteText} />
      <input type="hidden" name="quotePrefix" value={quote?.prefix ?? ""} />
      <input type="hidden" name="quoteSuffix" value={quote?.suffix ?? ""} />
      <input type="hidden" name="quoteStart" value={quote ? String(quote.start) : ""} />
      <p className="muted" id="quote-hint">
        {quote ? (
          <FormattedMessage
            id="section.form.onPassage"
            values={{ quote: ellipsize(quoteText, 160), q: (text) => <q lang={contentLanguage}>{text}</q> }}
          />
        ) : (
          t("section.form.onSection")
        )}
      </p>
      {errors?.quote ? <p className="field__error">{errors.quote.map(msg).join(" ")}</p> : null}
      <fieldset>
        <legend>{t("section.form.what")}</legend>
        <label className="radio">
          <input type="radio" name="kind" value="comment" checked={kind === "comment"} onChange={() => setKind("comment")} /> {t("section.form.kind.comment")}
        </label>
        <label className="radio">
          <input type="radio" name="kind" value="suggestion" checked={kind === "suggestion"} onChange={() => setKind("suggestion")} disabled={!quote} />{" "}
          {t("section.form.kind.suggestion")}
        </label>
      </fieldset>
      {kind === "suggestion" && quote ? (
        <div className="field">
          <label className="field__label" htmlFor="replacement">
            {t("section.form.replacement")}
          </label>
          <textarea id="replacement" name="replacement" className="input" rows={3} defaultValue={quoteText} maxLength={COMMENT_BODY_MAX} lang={contentLanguage} />
        </div>
      ) : null}
      <div className="hp" aria-hidden="true">
        <label htmlFor="website">{t("section.form.honeypot")}</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <div className={errors?.body ? "field field--error" : "field"}>
        <label className="field__label" htmlFor="body">
          {kind === "suggestion" ? t("section.form.why") : t("section.form.body")}
        </label>
        {errors?.body ? (
          <p className="field__error" id="body-error">
            {errors.body.map(msg).join(" ")}
          </p>
        ) : null}
        <p className="field__hint" id="body-hint">
          {t("section.form.bodyHint")}
        </p>
        <textarea id="body" name="body" className="input" rows={4} maxLength={COMMENT_BODY_MAX} required aria-describedby="quote-hint body-hint" defaultValue={values?.body} />
      </div>
      <fieldset>
        <legend>{t("section.form.shown")}</legend>
        <label className="radio">
          <input type="radio" name="publication" value="name" defaultChecked /> {t("section.form.shown.name")}
        </label>
        <label className="radio">
          <input type="radio" name="publication" value="organisation" /> {t("section.form.shown.organisation")}
        </label>
        <label className="radio">
          <input type="radio" name="publication" value="anonymous" /> {t("section.form.shown.anonymous")}
        </label>
        <p className="field__hint">{t("section.form.shown.hint")}</p>
      </fieldset>
      <label className="radio">
        <input type="checkbox" name="confidential" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} />
        <span>{t("section.form.confidential")}</span>
      </label>
      {confidential ? (
        <div className="field">
          <label className="field__label" htmlFor="redactedBody">
            {t("section.form.redacted")}
          </label>
          <p className="field__hint">{t("section.form.redacted.hint")}</p>
          <textarea id="redactedBody" name="redactedBody" className="input" rows={3} maxLength={COMMENT_BODY_MAX} />
        </div>
      ) : null}
      <button type="submit" className="button">
        {confidential ? t("section.form.send.confidential") : kind === "suggestion" ? t("section.form.send.suggestion") : t("section.form.send.comment")}
      </button>
      {premoderated ? <p className="muted">{t("section.form.premoderated")}</p> : null}
    </Form>
  );
}

/**
 * Shown once after a submission: its receipt's reference and the file. A live
 * region, so a screen reader announces it after the page comes back.
 */
export function ReceivedNote({ received }: { received: { reference: string; href: string } }) {
  return (
    <div className="received" role="status">
      <p>
        <FormattedMessage
          id="section.received"
          values={{
            reference: received.reference,
            strong: (text) => <strong className="reference">{text}</strong>,
            link: (text) => (
              <a href={received.href} download={`margin-receipt-${received.reference}.json`}>
                {text}
              </a>
            ),
          }}
        />
      </p>
      <p className="muted">
        <FormattedMessage id="section.received.note" values={{ link: (text) => <Link to="/account/submissions">{text}</Link> }} />
      </p>
    </div>
  );
}
