import { Form } from "@remix-run/react";
import { Field } from "./form.js";
import { useT, type Translatable } from "../i18n/index.js";

/** The Markdown / Word upload form, posted to /consultations/import. */
export function ImportForm({ errors }: { errors?: Record<string, readonly Translatable[] | undefined> }) {
  const { t } = useT();
  return (
    <Form method="post" action="/consultations/import" encType="multipart/form-data" className="form">
      <Field name="file" label={t("forms.import.file")} hint={t("forms.import.hint")} errors={errors}>
        {(aria) => (
          <input
            name="file"
            type="file"
            accept=".md,.markdown,.docx,text/markdown,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            required
            className="input"
            {...aria}
          />
        )}
      </Field>
      <button type="submit" className="button">
        {t("forms.import.submit")}
      </button>
    </Form>
  );
}
