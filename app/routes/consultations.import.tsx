import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConvenersOnly } from "../components/conveners-only.js";
import { ErrorSummary } from "../components/form.js";
import { ImportForm } from "../components/import-form.js";
import { CONVENER_REQUIRED, docxToMarkdown, importMarkdown, isAppError, mayCreateConsultations } from "../utils/services.server.js";
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
  let source: string;
  if (/\.docx$/i.test(file.name)) {
    try {
      source = await docxToMarkdown(new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      if (isAppError(e)) return fail(e.message);
      throw e;
    }
  } else {
    try {
      source = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return fail("The file is not UTF-8 text. Save it as a plain-text Markdown file, or import the Word document itself.");
    }
  }
  try {
    const c = await importMarkdown(context.margin.services.db, user, source);
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
