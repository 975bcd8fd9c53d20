import { TextArea, TextField } from "./form.js";
import { SUMMARY_MAX, TITLE_MAX } from "../../common/limits.js";

type Errors = Record<string, string[] | undefined> | undefined;

/** datetime-local wants "YYYY-MM-DDTHH:mm" (we treat it as UTC). */
export function toDateTimeLocal(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16) : "";
}

/** The fields shared by "new consultation" and "settings". */
export function ConsultationFields({ values, errors }: { values: Record<string, string | null | undefined>; errors: Errors }) {
  return (
    <>
      <TextField name="title" label="Title" required maxLength={TITLE_MAX} defaultValue={values.title ?? ""} errors={errors} />
      <TextArea
        name="summary"
        label="Summary"
        hint="What the draft is about and what you want to learn from respondents. Shown on the consultation's front page."
        maxLength={SUMMARY_MAX}
        defaultValue={values.summary ?? ""}
        errors={errors}
      />
      <fieldset>
        <legend>Comment window (times in UTC)</legend>
        <TextField
          name="opensAt"
          label="Opens"
          type="datetime-local"
          hint="Leave empty to open as soon as you publish."
          defaultValue={toDateTimeLocal(values.opensAt)}
          errors={errors}
        />
        <TextField
          name="closesAt"
          label="Closes"
          type="datetime-local"
          hint="Leave empty for no fixed end."
          defaultValue={toDateTimeLocal(values.closesAt)}
          errors={errors}
        />
      </fieldset>
      <fieldset aria-describedby={errors?.moderationMode ? "moderationMode-error" : undefined}>
        <legend>Moderation</legend>
        {errors?.moderationMode ? (
          <p id="moderationMode-error" className="field__error">
            {errors.moderationMode.join(" ")}
          </p>
        ) : null}
        <label className="radio">
          <input type="radio" name="moderationMode" value="post" defaultChecked={(values.moderationMode ?? "post") === "post"} />
          <span>
            <strong>Post-moderation</strong> — comments appear at once; moderators can hide them afterwards.
          </span>
        </label>
        <label className="radio">
          <input type="radio" name="moderationMode" value="pre" defaultChecked={values.moderationMode === "pre"} />
          <span>
            <strong>Pre-moderation</strong> — comments wait for a moderator's approval before anyone else sees them.
          </span>
        </label>
        <label className="radio">
          <input type="checkbox" name="premoderateFirstPosts" defaultChecked={values.premoderateFirstPosts === "on"} />
          <span>In post-moderation, hold each participant's first contribution for approval (slows down spam from new accounts).</span>
        </label>
        <label className="radio">
          <input type="checkbox" name="showModeratorNames" defaultChecked={values.showModeratorNames === "on"} />
          <span>Name the moderator behind each decision in the public moderation log (otherwise only their role is shown).</span>
        </label>
      </fieldset>
    </>
  );
}
