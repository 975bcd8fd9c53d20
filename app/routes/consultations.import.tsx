import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConvenersOnly } from "../components/conveners-only.js";
import { ErrorSummary } from "../components/form.js";
import { ImportForm } from "../components/import-form.js";
import { CONVENER_REQUIRED, importFormatOf, importParsed, mayCreateConsultations } from "../utils/services.server.js";
import { handleFormError, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";

export const meta: MetaFunction = () => [{ title: "Import · Margin" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { mayCreate: mayCreateConsultations(requireUser(request, context)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  if (!mayCreateConsultations(user)) throw data({ message: CONVENER_REQUIRED }, { status: 403 });
  const form = await readForm(request);
  const file = form.get("file");
  const fail = (message: string) => ({ ok: false as const, formError: null, fieldErrors: { file: [message] }, values: {} });
  if (!file || typeof file === "string" || file.size === 0) return fail("Choose a Markdown or Word file to import.");
  try {
    // Parsed in a worker thread (time and memory limits); a refusal is a 413/422 with its reason at the field.
    const parsed = await context.margin.services.imports.parse(new Uint8Array(await file.arrayBuffer()), importFormatOf(file.name));
    const c = await importParsed(context.margin.services.db, user, parsed);
    return redirectWithFlash(`/c/${c.slug}/settings`, `Imported “${c.title}” as a draft. Check its sections, then open it for comment.`);
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function ImportPage() {
  const { mayCreate } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  if (!mayCreate) return <ConvenersOnly />;
  return (
    <div className="form">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/consultations/new">New consultation</Link> › <span aria-current="page">Import</span>
      </nav>
      <h1>Import a Markdown or Word file</h1>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />
      <ImportForm errors={failed?.fieldErrors} />
    </div>
  );
}
