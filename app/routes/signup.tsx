import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "../components/form.js";
import { STAKEHOLDER_LABEL } from "../../common/labels.js";
import { createAccount, schemas } from "../utils/services.server.js";
import { formFailure, getUser, handleFormError, parseForm, readForm, redirectWithFlash, safeRedirect } from "../utils/request.server.js";
import { NAME_MAX, ORGANISATION_MAX, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../common/limits.js";

export { actionOrLoaderHeaders as headers } from "../utils/request.server.js";

export const meta: MetaFunction = () => [{ title: "Create an account · Margin" }];

const GROUP_OPTIONS = [
  { value: "", label: "Choose one…" },
  ...Object.entries(STAKEHOLDER_LABEL).map(([value, label]) => ({ value, label })),
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (getUser(context)) throw redirect(redirectTo);
  return { redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services, clientIp } = context.margin;
  const form = await readForm(request);
  const parsed = parseForm(schemas.SignUpSchema, form, ["email", "password", "displayName", "organisation", "stakeholderGroup"]);
  if (!parsed.ok) return formFailure(parsed);
  try {
    await services.limiters.signupPerIp.consume(clientIp);
    const user = await createAccount(services.db, parsed.data);
    const { token } = await services.sessions.create(user.id, request.headers.get("user-agent") ?? "");
    return redirectWithFlash(safeRedirect(form.get("redirectTo")), `Welcome, ${user.display_name}. Your account is ready.`, [
      ["Set-Cookie", services.sessions.cookie(token)],
    ]);
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function Signup() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const v = failed?.values ?? {};
  const errors = failed?.fieldErrors;
  return (
    <div className="form">
      <h1>Create an account</h1>
      <p className="lead">
        Your name, organisation and stakeholder group are shown with what you post, so readers know who is speaking.
      </p>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField name="email" label="Email" type="email" autoComplete="email" required defaultValue={v.email} errors={errors} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A passphrase of several words works well.`}
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          errors={errors}
        />
        <TextField
          name="displayName"
          label="Display name"
          autoComplete="name"
          hint="Shown next to your comments."
          required
          maxLength={NAME_MAX}
          defaultValue={v.displayName}
          errors={errors}
        />
        <TextField
          name="organisation"
          label="Organisation (optional)"
          autoComplete="organization"
          hint="Leave empty if you respond as an individual."
          maxLength={ORGANISATION_MAX}
          defaultValue={v.organisation}
          errors={errors}
        />
        <SelectField
          name="stakeholderGroup"
          label="Stakeholder group"
          hint="Used to show positions by group; pick the one that fits best."
          options={GROUP_OPTIONS}
          defaultValue={v.stakeholderGroup ?? ""}
          required
          errors={errors}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Creating account…" : "Create account"}
          </button>
          <span>
            Have an account? <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`}>Sign in</Link>
          </span>
        </div>
      </Form>
    </div>
  );
}
