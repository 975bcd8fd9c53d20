import { Form } from "@remix-run/react";
import { Field } from "./form.js";

/** The Markdown upload form, posted to /consultations/import. */
export function ImportForm({ errors }: { errors?: Record<string, string[] | undefined> }) {
  return (
    <Form method="post" action="/consultations/import" encType="multipart/form-data" className="form">
      <Field name="file" label="Markdown file (.md)" hint="A plain-text (UTF-8) Markdown file." errors={errors}>
        {(aria) => <input name="file" type="file" accept=".md,.markdown,text/markdown,text/plain" required className="input" {...aria} />}
      </Field>
      <button type="submit" className="button">
        Import
      </button>
    </Form>
  );
}
