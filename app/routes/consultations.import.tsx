import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConvenersOnly } from "../components/conveners-only.js";
import { ErrorSummary } from "../components/form.js";
import { ImportForm } from "../components/import-form.js";
import { metaTranslator, useT, type Translatable } from "../i18n/index.js";
import { CONVENER_REQUIRED, IMPORT_REPORT_IMAGES_MAX, fitsFlash, importFormatOf, importParsed, mayCreateConsultations, skippedImages } from "../utils/services.server.js";
import { handleFormError, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("create.import.meta.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { mayCreate: mayCreateConsultations(requireUser(request, context)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  if (!mayCreateConsultations(user)) throw data({ message: CONVENER_REQUIRED }, { status: 403 });
  const form = await readForm(request);
  const file = form.get("file");
  const fail = (message: Translatable) => ({ ok: false as const, formError: null, fieldErrors: { file: [message] as Translatable[] }, values: {} });
  if (!file || typeof file === "string" || file.size === 0) return fail({ id: "create.import.noFile" });
  try {
    // Parsed in a worker thread (time and memory limits); a refusal is a 413/422 with its reason at the field.
    const parsed = await context.margin.services.imports.parse(new Uint8Array(await file.arrayBuffer()), importFormatOf(file.name));
    const c = await importParsed(context.margin.services.db, user, parsed);
    const images = skippedImages(parsed.notes);
    if (images.length === 0) return redirectWithFlash(`/c/${c.slug}/settings`, { id: "create.imported", values: { title: c.title } });
    // The report travels in a cookie: it names as many images as fit, and counts them all.
    const report = (named: string[]): Translatable => ({
      id: "create.importedWithoutImages",
      values: { title: c.title, count: images.length, images: [...named, ...(named.length < images.length ? ["…"] : [])].join("; ") },
    });
    let named = images.slice(0, IMPORT_REPORT_IMAGES_MAX);
    while (named.length > 0 && !fitsFlash(report(named))) named = named.slice(0, -1);
    return redirectWithFlash(`/c/${c.slug}/settings`, report(named));
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function ImportPage() {
  const { mayCreate } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useT();
  if (!mayCreate) return <ConvenersOnly />;
  return (
    <div className="form">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/consultations/new">{t("create.title")}</Link> › <span aria-current="page">{t("create.import.breadcrumb")}</span>
      </nav>
      <h1>{t("create.import.pageTitle")}</h1>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />
      <ImportForm errors={failed?.fieldErrors} />
    </div>
  );
}
