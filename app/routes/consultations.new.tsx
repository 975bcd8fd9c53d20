import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConsultationFields } from "../components/consultation-fields.js";
import { ErrorSummary, TextField } from "../components/form.js";
import { ConvenersOnly } from "../components/conveners-only.js";
import { ImportForm } from "../components/import-form.js";
import { CONVENER_REQUIRED, createConsultation, mayCreateConsultations, schemas } from "../utils/services.server.js";
import { formFailure, handleFormError, parseForm, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";
import { SLUG_MAX } from "../../common/limits.js";

export const meta: MetaFunction = () => [{ title: "New consultation · Margin" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { mayCreate: mayCreateConsultations(requireUser(request, context)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  if (!mayCreateConsultations(user)) throw data({ message: CONVENER_REQUIRED }, { status: 403 });
  const form = await readForm(request);
  const parsed = parseForm(schemas.NewConsultationSchema, form, ["title", "slug", "summary", "opensAt", "closesAt", "moderationMode", "contentLanguage", "timeZone"]);
  if (!parsed.ok) return formFailure(parsed);
  try {
    const c = await createConsultation(context.margin.services.db, user, parsed.data);
    return redirectWithFlash(`/c/${c.slug}/settings`, "Consultation created as a draft. Add its sections, then open it for comment.");
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function NewConsultation() {
  const { mayCreate } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.fieldErrors;
  if (!mayCreate) return <ConvenersOnly />;
  return (
    <>
      <div className="page-head">
        <h1>New consultation</h1>
        <p className="lead">
          A consultation starts as a draft that only its team can see. You can add sections and invite drafters and
          moderators before opening it for comment.
        </p>
      </div>
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">Start from a Markdown file</h2>
        <p className="muted">Each top-level heading becomes a section. A single title heading at the top becomes the consultation's title.</p>
        <ImportForm />
      </section>
      <section className="card" aria-labelledby="blank-title">
        <h2 id="blank-title">Or start blank</h2>
        <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
        <Form method="post" className="form form--wide" noValidate>
          <ConsultationFields values={failed?.values ?? {}} errors={errors} />
          <TextField
            name="slug"
            label="Web address"
            hint="Lower-case letters, digits and hyphens; the consultation will live at /c/your-address."
            required
            maxLength={SLUG_MAX}
            defaultValue={failed?.values?.slug}
            errors={errors}
          />
          <button type="submit" className="button">
            Create draft
          </button>
        </Form>
      </section>
    </>
  );
}

