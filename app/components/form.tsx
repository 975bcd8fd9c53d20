import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT, type Translatable } from "../i18n/index.js";

/** Messages per field as the server sent them: English phrases or catalog messages, worded here in the page's language. */
type Errors = Record<string, readonly Translatable[] | undefined> | undefined;

function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: Errors;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled field with its hint and its errors announced by screen readers. */
export function Field({ name, label, hint, errors, children }: FieldProps) {
  const { t, msg } = useT();
  const messages = errors?.[name];
  const hasError = Boolean(messages && messages.length);
  return (
    <div className={hasError ? "field field--error" : "field"}>
      <label htmlFor={name} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {hasError ? (
        <p id={`${name}-error`} className="field__error">
          <span className="visually-hidden">{t("forms.errorPrefix")}</span>
          {messages!.map(msg).join(" ")}
        </p>
      ) : null}
      {children({
        id: name,
        ...(hasError ? { "aria-invalid": true as const } : {}),
        "aria-describedby": describedBy(name, Boolean(hint), hasError),
      })}
    </div>
  );
}

export function TextField(
  props: { name: string; label: string; hint?: ReactNode; errors?: Errors } & InputHTMLAttributes<HTMLInputElement>,
) {
  const { name, label, hint, errors, ...input } = props;
  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      {(aria) => <input name={name} className="input" type="text" {...aria} {...input} />}
    </Field>
  );
}

export function TextArea(
  props: { name: string; label: string; hint?: ReactNode; errors?: Errors } & TextareaHTMLAttributes<HTMLTextAreaElement>,
) {
  const { name, label, hint, errors, ...rest } = props;
  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      {(aria) => <textarea name={name} className="input" rows={5} {...aria} {...rest} />}
    </Field>
  );
}

export function SelectField(
  props: {
    name: string;
    label: string;
    hint?: ReactNode;
    errors?: Errors;
    options: { value: string; label: string }[];
  } & SelectHTMLAttributes<HTMLSelectElement>,
) {
  const { name, label, hint, errors, options, ...rest } = props;
  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      {(aria) => (
        <select name={name} className="input" {...aria} {...rest}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A summary at the top of a failed form, focusable so keyboard users land on it. */
export function ErrorSummary({ formError, fieldErrors }: { formError?: Translatable | null; fieldErrors?: Errors }) {
  const { t, msg } = useT();
  const fields = Object.entries(fieldErrors ?? {}).filter(([, m]) => m && m.length);
  if (!formError && fields.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{formError ? msg(formError) : t("forms.summary.title")}</h2>
      {fields.length > 0 ? (
        <ul>
          {fields.map(([name, messages]) => (
            <li key={name}>
              <a href={`#${name}`}>{messages!.map(msg).join(" ")}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
