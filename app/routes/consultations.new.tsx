import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConsultationFields } from "../components/consultation-fields.js";
import { ErrorSummary, TextField } from "../components/form.js";
import { ConvenersOnly } from "../components/conveners-only.js";
import { ImportForm } from "../components/import-form.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { CONVENER_REQUIRED, createConsultation, mayCreateConsultations, schemas } from "../utils/services.server.js";
import { formFailure, handleFormError, parseForm, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";
import { SLUG_MAX } from "../../common/limits.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("create.meta.title") }];

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
    return redirectWithFlash(`/c/${c.slug}/settings`, { id: "create.created" });
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function NewConsultation() {
  const { mayCreate } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.fieldErrors;
  const { t } = useT();
  if (!mayCreate) return <ConvenersOnly />;
  return (
    <>
      <div className="page-head">
        <h1>{t("create.title")}</h1>
        <p className="lead">{t("create.lead")}</p>
      </div>
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{t("create.import.title")}</h2>
        <p className="muted">{t("create.import.lead")}</p>
        <ImportForm />
      </section>
      <section className="card" aria-labelledby="blank-title">
        <h2 id="blank-title">{t("create.blank.title")}</h2>
        <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
        <Form method="post" className="form form--wide" noValidate>
          <ConsultationFields values={failed?.values ?? {}} errors={errors} />
          <TextField
            name="slug"
            label={t("create.slug")}
            hint={t("create.slug.hint")}
            required
            maxLength={SLUG_MAX}
            defaultValue={failed?.values?.slug}
            errors={errors}
          />
          <button type="submit" className="button">
            {t("create.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}

