import type { InputHTMLAttributes, ReactNode } from "react";
import { useT, type Translatable } from "../i18n/index.js";

/** A checkbox whose label is its sentence, with its error announced and linked (aria-describedby) like other fields. */
export function CheckboxField(
  props: { name: string; label: ReactNode; errors?: Record<string, readonly Translatable[] | undefined> | undefined } & InputHTMLAttributes<HTMLInputElement>,
) {
  const { name, label, errors, ...input } = props;
  const { t, msg } = useT();
  const messages = errors?.[name];
  const hasError = Boolean(messages && messages.length);
  return (
    <div className={hasError ? "field field--error" : "field"}>
      {hasError ? (
        <p id={`${name}-error`} className="field__error">
          <span className="visually-hidden">{t("forms.errorPrefix")}</span>
          {messages!.map(msg).join(" ")}
        </p>
      ) : null}
      <label className="checkbox">
        <input type="checkbox" id={name} name={name} {...(hasError ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {})} {...input} /> {label}
      </label>
    </div>
  );
}
