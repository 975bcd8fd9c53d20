import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import type { SelectedQuote } from "../../components/editor/section-editor.client.js";
import { ellipsize } from "../../utils/format.js";
import { COMMENT_BODY_MAX } from "../../../common/limits.js";

/** The form for a comment or a suggested amendment, on the selected passage or the whole section. */
export function CommentForm({ quote, errors, premoderated }: { quote: SelectedQuote | null; errors: Record<string, string[]> | undefined; premoderated: boolean }) {
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
          <>
            On the selected passage: <q>{ellipsize(quoteText, 160)}</q>
          </>
        ) : (
          "On the whole section. To comment on a passage, select it in the text first."
        )}
      </p>
      {errors?.quote ? <p className="field__error">{errors.quote.join(" ")}</p> : null}
      <fieldset>
        <legend>What would you like to do?</legend>
        <label className="radio">
          <input type="radio" name="kind" value="comment" checked={kind === "comment"} onChange={() => setKind("comment")} /> Comment
        </label>
        <label className="radio">
          <input type="radio" name="kind" value="suggestion" checked={kind === "suggestion"} onChange={() => setKind("suggestion")} disabled={!quote} /> Suggest new
          wording for the selected passage
        </label>
      </fieldset>
      {kind === "suggestion" && quote ? (
        <div className="field">
          <label className="field__label" htmlFor="replacement">
            Proposed text
          </label>
          <textarea id="replacement" name="replacement" className="input" rows={3} defaultValue={quoteText} maxLength={COMMENT_BODY_MAX} />
        </div>
      ) : null}
      <div className="hp" aria-hidden="true">
        <label htmlFor="website">Leave this empty</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <div className={errors?.body ? "field field--error" : "field"}>
        <label className="field__label" htmlFor="body">
          {kind === "suggestion" ? "Why this change?" : "Your comment"}
        </label>
        {errors?.body ? (
          <p className="field__error" id="body-error">
            {errors.body.join(" ")}
          </p>
        ) : null}
        <p className="field__hint" id="body-hint">
          You can use **bold**, *italics*, [links](https://example.org), lists and &gt; quotes.
        </p>
        <textarea id="body" name="body" className="input" rows={4} maxLength={COMMENT_BODY_MAX} required aria-describedby="quote-hint body-hint" />
      </div>
      <fieldset>
        <legend>How should you be shown publicly?</legend>
        <label className="radio">
          <input type="radio" name="publication" value="name" defaultChecked /> With my name and organisation
        </label>
        <label className="radio">
          <input type="radio" name="publication" value="organisation" /> With my organisation only
        </label>
        <label className="radio">
          <input type="radio" name="publication" value="anonymous" /> Anonymously (only my stakeholder group)
        </label>
        <p className="field__hint">The consultation team always sees who wrote it.</p>
      </fieldset>
      <label className="radio">
        <input type="checkbox" name="confidential" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} />
        <span>Confidential: only its readers (named on the consultation page; by default the owners and drafters, not the moderators) may read this, and you see each read. The public sees only that a confidential submission was made.</span>
      </label>
      {confidential ? (
        <div className="field">
          <label className="field__label" htmlFor="redactedBody">
            Public version (optional)
          </label>
          <p className="field__hint">A redacted text anyone may read, shown beside your confidential submission.</p>
          <textarea id="redactedBody" name="redactedBody" className="input" rows={3} maxLength={COMMENT_BODY_MAX} />
        </div>
      ) : null}
      <button type="submit" className="button">
        {confidential ? "Send confidentially" : kind === "suggestion" ? "Propose amendment" : "Post comment"}
      </button>
      {premoderated ? <p className="muted">Comments are checked by a moderator before others see them.</p> : null}
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
        Received — reference <strong className="reference">{received.reference}</strong> ·{" "}
        <a href={received.href} download={`margin-receipt-${received.reference}.json`}>
          Download receipt
        </a>
      </p>
      <p className="muted">
        Quote the reference if you contact the team. The receipt lets you check later that the public record still holds your submission; all your
        receipts are under <Link to="/account/submissions">My submissions</Link>.
      </p>
    </div>
  );
}
