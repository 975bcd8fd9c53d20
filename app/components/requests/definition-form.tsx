import { Form } from "@remix-run/react";
import { ORGANISATION_KINDS, QUESTION_KINDS } from "../../../common/enums.js";
import { CHOICE_LABEL_MAX, K_THRESHOLD_MAX, K_THRESHOLD_MIN, QUESTION_HELP_MAX, QUESTION_PROMPT_MAX, REQUEST_LEGAL_BASIS_MAX, REQUEST_PURPOSE_MAX, RETENTION_DAYS_MAX, TITLE_MAX } from "../../../common/limits.js";
import type { DefinitionFormState } from "../../utils/info-requests.server.js";
import { ErrorSummary, SelectField, TextArea, TextField } from "../form.js";
import { LanguageAndZoneFields, useZoneLabel } from "../consultation-fields.js";
import { useT } from "../../i18n/index.js";
import { LEVELS, kindLabel, levelLabel, questionKindLabel, readersOf } from "./labels.js";

type Errors = Record<string, string[]> | undefined;

/** The definition form as typed (the server's state, as the page receives it). */
export type DefinitionValues = DefinitionFormState;

export interface DefinitionOptions {
  bodies: { slug: string; name: string; members: string[] }[];
  organisations: { slug: string; name: string; kind: string; verified: boolean }[];
  sections: { id: string; title: string; position: number; consultation: string }[];
}

const slot = (i: number, f: string) => `q${i}_${f}`;

/** An error line for a group of checkboxes (a fieldset has no single field to stand next to). */
function GroupError({ name, errors }: { name: string; errors: Errors }) {
  const { t, msg } = useT();
  const m = errors?.[name];
  return m && m.length ? (
    <p id={`${name}-error`} className="field__error">
      <span className="visually-hidden">{t("request.form.error")}</span>
      {m.map((e) => msg(e)).join(" ")}
    </p>
  ) : null;
}

/**
 * A request's whole definition in one form that works without JavaScript: numbered
 * question slots (a blank slot is ignored), a "remove" box on each, and an "Add another
 * question" button that sends the form back with one more slot, saving nothing.
 */
/** A checkbox per registered organisation, ticked when invited (the definition form and the change form). */
export function InvitedChoices({ organisations, invited }: { organisations: DefinitionOptions["organisations"]; invited: string[] }) {
  const { t } = useT();
  return (
    <>
      {organisations.map((o) => (
        <label className="radio" key={o.slug}>
          <input type="checkbox" name="invited" value={o.slug} defaultChecked={invited.includes(o.slug)} />
          <span>
            {o.name} <span className="muted">{t(o.verified ? "request.form.orgVerified" : "request.form.orgUnverified", { kind: kindLabel(t, o.kind) })}</span>
          </span>
        </label>
      ))}
    </>
  );
}

export function DefinitionForm({ values, options, errors, formError, submitLabel }: { values: DefinitionValues; options: DefinitionOptions; errors: Errors; formError?: string | null; submitLabel: string }) {
  const { t } = useT();
  // The deadline is typed and shown in the request's zone ("JST (Asia/Tokyo)"); a new request's, once chosen.
  const zone = useZoneLabel(values, [values.deadline]);
  return (
    <>
      <ErrorSummary formError={formError} fieldErrors={errors} />
      <Form method="post" className="form form--wide" noValidate>
        <input type="hidden" name="slots" value={values.questions.length} />
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">{t("request.form.about")}</h2>
          <TextField name="title" label={t("request.form.title")} maxLength={TITLE_MAX} defaultValue={values.title} errors={errors} />
          <TextArea name="purpose" label={t("request.form.purpose")} hint={t("request.form.purposeHint")} maxLength={REQUEST_PURPOSE_MAX} defaultValue={values.purpose} errors={errors} rows={4} />
          <TextArea
            name="legalBasis"
            label={t("request.form.legalBasis")}
            hint={t("request.form.legalBasisHint")}
            maxLength={REQUEST_LEGAL_BASIS_MAX}
            defaultValue={values.legalBasis}
            errors={errors}
            rows={3}
          />
          <LanguageAndZoneFields values={values} errors={errors} languageHint={t("fields.request.contentLanguage.hint")} />
          <TextField
            name="deadline"
            label={zone ? t("fields.deadline", { zone }) : t("fields.deadline.chosenZone")}
            type="datetime-local"
            hint={t("request.form.deadlineHint")}
            defaultValue={values.deadline}
            errors={errors}
          />
          <TextField
            name="retentionDays"
            label={t("request.form.retention")}
            hint={t("request.form.retentionHint")}
            inputMode="numeric"
            max={RETENTION_DAYS_MAX}
            defaultValue={values.retentionDays}
            errors={errors}
          />
          <TextField
            name="k"
            label={t("request.form.k")}
            hint={t("request.form.kHint", { min: K_THRESHOLD_MIN, max: K_THRESHOLD_MAX })}
            inputMode="numeric"
            defaultValue={values.k}
            errors={errors}
          />
        </section>

        <section className="card" aria-labelledby="who-title">
          <h2 id="who-title">{t("request.form.who")}</h2>
          <fieldset id="invited" aria-describedby={errors?.invited ? "invited-error" : undefined}>
            <legend>{t("request.form.invited")}</legend>
            <p className="field__hint">{t("request.form.invitedHint")}</p>
            <GroupError name="invited" errors={errors} />
            {options.organisations.length === 0 ? <p className="muted">{t("request.form.noOrgs")}</p> : null}
            <InvitedChoices organisations={options.organisations} invited={values.invited} />
          </fieldset>
          <fieldset id="openToKinds" aria-describedby={errors?.openToKinds ? "openToKinds-error" : undefined}>
            <legend>{t("request.form.openTo")}</legend>
            <GroupError name="openToKinds" errors={errors} />
            {ORGANISATION_KINDS.map((k) => (
              <label className="radio" key={k}>
                <input type="checkbox" name="openToKinds" value={k} defaultChecked={values.openToKinds.includes(k)} />
                <span>{kindLabel(t, k)}</span>
              </label>
            ))}
          </fieldset>
        </section>

        <section className="card" aria-labelledby="readers-title">
          <h2 id="readers-title">{t("request.form.readers")}</h2>
          <fieldset id="recipientBodies" aria-describedby={errors?.recipientBodies ? "recipientBodies-error" : undefined}>
            <legend>{t("request.form.bodies")}</legend>
            <p className="field__hint">{t("request.form.bodiesHint", { level: levelLabel(t, "recipients") })}</p>
            <GroupError name="recipientBodies" errors={errors} />
            {options.bodies.length === 0 ? <p className="muted">{t("request.form.noBodies")}</p> : null}
            {options.bodies.map((b) => (
              <label className="radio" key={b.slug}>
                <input type="checkbox" name="recipientBodies" value={b.slug} defaultChecked={values.recipientBodies.includes(b.slug)} />
                <span>
                  <strong>{b.name}</strong> <span className="muted">— {b.members.length === 0 ? t("request.body.noMembers") : b.members.join(t("request.list.sep"))}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </section>

        <section className="card" aria-labelledby="sections-title">
          <h2 id="sections-title">{t("request.form.sections")}</h2>
          <fieldset id="sections" aria-describedby={errors?.sections ? "sections-error" : undefined}>
            <legend className="visually-hidden">{t("request.form.sectionsLegend")}</legend>
            <p className="field__hint">{t("request.form.sectionsHint")}</p>
            <GroupError name="sections" errors={errors} />
            {options.sections.length === 0 ? <p className="muted">{t("request.form.noSections")}</p> : null}
            {[...new Set(options.sections.map((s) => s.consultation))].map((c) => (
              <div key={c}>
                <p style={{ margin: "0.6rem 0 0.3rem" }}>
                  <strong>{c}</strong>
                </p>
                {options.sections
                  .filter((s) => s.consultation === c)
                  .map((s) => (
                    <label className="radio" key={s.id}>
                      <input type="checkbox" name="sections" value={s.id} defaultChecked={values.sections.includes(s.id)} />
                      <span>{s.title}</span>
                    </label>
                  ))}
              </div>
            ))}
          </fieldset>
        </section>

        <section className="card" id="questions" aria-labelledby="questions-title">
          <h2 id="questions-title">{t("request.form.questions")}</h2>
          <p className="muted">{t("request.form.questionsLead")}</p>
          <dl>
            {LEVELS.map((l) => (
              <div key={l}>
                <dt>
                  <strong>{levelLabel(t, l)}</strong>
                </dt>
                <dd className="muted">{readersOf(t, l, Number(values.k) || 5)}</dd>
              </div>
            ))}
          </dl>
          <GroupError name="questions" errors={errors} />
          {values.questions.map((q, i) => (
            <fieldset key={i} className="card">
              <legend>{t("request.form.questionN", { n: i + 1 })}</legend>
              <SelectField name={slot(i, "kind")} label={t("request.form.kind")} options={QUESTION_KINDS.map((k) => ({ value: k, label: questionKindLabel(t, k) }))} defaultValue={q.kind} errors={errors} />
              <TextArea name={slot(i, "prompt")} label={t("request.form.question")} maxLength={QUESTION_PROMPT_MAX} defaultValue={q.prompt} errors={errors} rows={2} />
              <TextArea name={slot(i, "help")} label={t("request.form.help")} hint={t("request.form.helpHint")} maxLength={QUESTION_HELP_MAX} defaultValue={q.help} errors={errors} rows={2} />
              <TextArea
                name={slot(i, "choices")}
                label={t("request.form.choices")}
                hint={t("request.form.choicesHint", { max: CHOICE_LABEL_MAX })}
                defaultValue={q.choices}
                errors={errors}
                rows={3}
              />
              <SelectField
                name={slot(i, "maxLevel")}
                label={t("request.form.maxLevel")}
                options={LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))}
                defaultValue={q.maxLevel}
                errors={errors}
              />
              <label className="radio">
                <input type="checkbox" name={slot(i, "required")} defaultChecked={q.required} />
                <span>{t("request.form.required")}</span>
              </label>
              <label className="radio">
                <input type="checkbox" name={slot(i, "remove")} />
                <span>{t("request.form.remove")}</span>
              </label>
            </fieldset>
          ))}
          <button type="submit" name="intent" value="more" className="button button--secondary">
            {t("request.form.more")}
          </button>
        </section>

        <div className="button-row">
          <button type="submit" name="intent" value="save" className="button">
            {submitLabel}
          </button>
          <span className="muted">{t("request.form.draftNote")}</span>
        </div>
      </Form>
    </>
  );
}
