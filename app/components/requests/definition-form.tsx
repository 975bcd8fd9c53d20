import { Form } from "@remix-run/react";
import { DISCLOSURE_LABEL, DISCLOSURE_READERS, ORGANISATION_KIND_LABEL, QUESTION_KIND_LABEL } from "../../../common/labels.js";
import { CHOICE_LABEL_MAX, K_THRESHOLD_MAX, K_THRESHOLD_MIN, QUESTION_HELP_MAX, QUESTION_PROMPT_MAX, REQUEST_LEGAL_BASIS_MAX, REQUEST_PURPOSE_MAX, RETENTION_DAYS_MAX, TITLE_MAX } from "../../../common/limits.js";
import type { DefinitionFormState } from "../../utils/info-requests.server.js";
import { ErrorSummary, SelectField, TextArea, TextField } from "../form.js";
import { LanguageAndZoneFields, useZoneLabel } from "../consultation-fields.js";
import { useT } from "../../i18n/index.js";

type Errors = Record<string, string[]> | undefined;
type Level = keyof typeof DISCLOSURE_LABEL;
// The label tables list every value in order (most open level first), so the forms take their options from them.
export const LEVELS = Object.keys(DISCLOSURE_LABEL) as Level[];
const KINDS = Object.keys(ORGANISATION_KIND_LABEL) as (keyof typeof ORGANISATION_KIND_LABEL)[];
const QUESTION_KIND_OPTIONS = Object.entries(QUESTION_KIND_LABEL).map(([value, label]) => ({ value, label }));

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
  const m = errors?.[name];
  return m && m.length ? (
    <p id={`${name}-error`} className="field__error">
      <span className="visually-hidden">Error: </span>
      {m.join(" ")}
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
  return (
    <>
      {organisations.map((o) => (
        <label className="radio" key={o.slug}>
          <input type="checkbox" name="invited" value={o.slug} defaultChecked={invited.includes(o.slug)} />
          <span>
            {o.name} <span className="muted">({ORGANISATION_KIND_LABEL[o.kind as keyof typeof ORGANISATION_KIND_LABEL] ?? o.kind}{o.verified ? ", verified" : ", not verified"})</span>
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
          <h2 id="about-title">What you ask, and why</h2>
          <TextField name="title" label="Title" maxLength={TITLE_MAX} defaultValue={values.title} errors={errors} />
          <TextArea name="purpose" label="Purpose" hint="What the information is for, in plain words a company's staff will understand." maxLength={REQUEST_PURPOSE_MAX} defaultValue={values.purpose} errors={errors} rows={4} />
          <TextArea
            name="legalBasis"
            label="Legal basis"
            hint="Say whether answering is voluntary, whether there are sanctions, and how the answers will be used, e.g. “Voluntary; no sanctions; used to update the Guidelines.”"
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
            hint="Answers are accepted and may be revised until then. Results are published after it."
            defaultValue={values.deadline}
            errors={errors}
          />
          <TextField
            name="retentionDays"
            label="Retention (days after the deadline)"
            hint="How long answers that are not public are kept after the deadline."
            inputMode="numeric"
            max={RETENTION_DAYS_MAX}
            defaultValue={values.retentionDays}
            errors={errors}
          />
          <TextField
            name="k"
            label="Threshold k"
            hint={`Published statistics hide any group of fewer than k organisations (${K_THRESHOLD_MIN} to ${K_THRESHOLD_MAX}; 5 is usual), so no answer can be traced to a small group.`}
            inputMode="numeric"
            defaultValue={values.k}
            errors={errors}
          />
        </section>

        <section className="card" aria-labelledby="who-title">
          <h2 id="who-title">Who may answer</h2>
          <fieldset id="invited" aria-describedby={errors?.invited ? "invited-error" : undefined}>
            <legend>Invited organisations</legend>
            <p className="field__hint">After the deadline, this list is published with each organisation's status: responded, declined, or no answer.</p>
            <GroupError name="invited" errors={errors} />
            {options.organisations.length === 0 ? <p className="muted">No organisations are registered yet; a site administrator registers them.</p> : null}
            <InvitedChoices organisations={options.organisations} invited={values.invited} />
          </fieldset>
          <fieldset id="openToKinds" aria-describedby={errors?.openToKinds ? "openToKinds-error" : undefined}>
            <legend>Also open to any verified organisation of these kinds</legend>
            <GroupError name="openToKinds" errors={errors} />
            {KINDS.map((k) => (
              <label className="radio" key={k}>
                <input type="checkbox" name="openToKinds" value={k} defaultChecked={values.openToKinds.includes(k)} />
                <span>{ORGANISATION_KIND_LABEL[k]}</span>
              </label>
            ))}
          </fieldset>
        </section>

        <section className="card" aria-labelledby="readers-title">
          <h2 id="readers-title">Who reads restricted answers</h2>
          <fieldset id="recipientBodies" aria-describedby={errors?.recipientBodies ? "recipientBodies-error" : undefined}>
            <legend>Recipient bodies</legend>
            <p className="field__hint">
              Members of these bodies read the answers given at “{DISCLOSURE_LABEL.recipients}” level, each read logged. Their membership is public. Name at least one.
            </p>
            <GroupError name="recipientBodies" errors={errors} />
            {options.bodies.length === 0 ? <p className="muted">No recipient bodies exist yet: create one under Recipient bodies first.</p> : null}
            {options.bodies.map((b) => (
              <label className="radio" key={b.slug}>
                <input type="checkbox" name="recipientBodies" value={b.slug} defaultChecked={values.recipientBodies.includes(b.slug)} />
                <span>
                  <strong>{b.name}</strong> <span className="muted">— {b.members.length === 0 ? "no members yet" : b.members.join(", ")}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </section>

        <section className="card" aria-labelledby="sections-title">
          <h2 id="sections-title">Consultation sections this request informs</h2>
          <fieldset id="sections" aria-describedby={errors?.sections ? "sections-error" : undefined}>
            <legend className="visually-hidden">Linked sections</legend>
            <p className="field__hint">The request is shown on each section you tick, once issued. Only sections of published consultations are listed.</p>
            <GroupError name="sections" errors={errors} />
            {options.sections.length === 0 ? <p className="muted">No published consultation sections yet.</p> : null}
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
          <h2 id="questions-title">Questions</h2>
          <p className="muted">
            For each question, choose the most open level an answer may have; each respondent then chooses that level or a more closed one for their answer. Empty slots are ignored. The
            questions are fixed once the request is issued.
          </p>
          <dl>
            {LEVELS.map((l) => (
              <div key={l}>
                <dt>
                  <strong>{DISCLOSURE_LABEL[l]}</strong>
                </dt>
                <dd className="muted">{DISCLOSURE_READERS[l]}</dd>
              </div>
            ))}
          </dl>
          <GroupError name="questions" errors={errors} />
          {values.questions.map((q, i) => (
            <fieldset key={i} className="card">
              <legend>Question {i + 1}</legend>
              <SelectField name={slot(i, "kind")} label="Kind" options={QUESTION_KIND_OPTIONS} defaultValue={q.kind} errors={errors} />
              <TextArea name={slot(i, "prompt")} label="Question" maxLength={QUESTION_PROMPT_MAX} defaultValue={q.prompt} errors={errors} rows={2} />
              <TextArea name={slot(i, "help")} label="Help (optional)" hint="What you mean, units for numbers, an example." maxLength={QUESTION_HELP_MAX} defaultValue={q.help} errors={errors} rows={2} />
              <TextArea
                name={slot(i, "choices")}
                label="Choices (choice questions only)"
                hint={`One per line, at least two, each up to ${CHOICE_LABEL_MAX} characters. Leave empty for other kinds.`}
                defaultValue={q.choices}
                errors={errors}
                rows={3}
              />
              <SelectField
                name={slot(i, "maxLevel")}
                label="Most open level allowed"
                options={LEVELS.map((l) => ({ value: l, label: DISCLOSURE_LABEL[l] }))}
                defaultValue={q.maxLevel}
                errors={errors}
              />
              <label className="radio">
                <input type="checkbox" name={slot(i, "required")} defaultChecked={q.required} />
                <span>An answer is required to submit</span>
              </label>
              <label className="radio">
                <input type="checkbox" name={slot(i, "remove")} />
                <span>Remove this question when saving</span>
              </label>
            </fieldset>
          ))}
          <button type="submit" name="intent" value="more" className="button button--secondary">
            Add another question
          </button>
        </section>

        <div className="button-row">
          <button type="submit" name="intent" value="save" className="button">
            {submitLabel}
          </button>
          <span className="muted">A draft is yours alone until you issue it.</span>
        </div>
      </Form>
    </>
  );
}
