import { Form } from "@remix-run/react";
import { Field } from "./form.js";

/** The Markdown / Word upload form, posted to /consultations/import. */
export function ImportForm({ errors }: { errors?: Record<string, string[] | undefined> }) {
  return (
    <Form method="post" action="/consultations/import" encType="multipart/form-data" className="form">
      <Field name="file" label="Markdown (.md) or Word (.docx) file" hint="Each top-level heading becomes a section; a title (Word's Title style, or a single # heading) names the consultation." errors={errors}>
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
        Import
      </button>
    </Form>
  );
}
