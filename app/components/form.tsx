import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

type Errors = Record<string, string[] | undefined> | undefined;

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
          <span className="visually-hidden">Error: </span>
          {messages!.join(" ")}
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
export function ErrorSummary({ formError, fieldErrors }: { formError?: string | null; fieldErrors?: Errors }) {
  const fields = Object.entries(fieldErrors ?? {}).filter(([, m]) => m && m.length);
  if (!formError && fields.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{formError ?? "Please correct the following"}</h2>
      {fields.length > 0 ? (
        <ul>
          {fields.map(([name, messages]) => (
            <li key={name}>
              <a href={`#${name}`}>{messages!.join(" ")}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
