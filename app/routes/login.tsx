import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary, TextField } from "../components/form.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { checkCredentials, schemas } from "../utils/services.server.js";
import { getUser, handleFormError, parseForm, readForm, redirectWithFlash, safeRedirect, formFailure } from "../utils/request.server.js";

export { actionOrLoaderHeaders as headers } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("auth.login.meta.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (getUser(context)) throw redirect(redirectTo);
  return { redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services, clientIp } = context.margin;
  const form = await readForm(request);
  const parsed = parseForm(schemas.SignInSchema, form, ["email", "password"]);
  if (!parsed.ok) return formFailure(parsed);
  try {
    await services.limiters.loginPerIp.consume(clientIp);
    await services.limiters.loginPerEmail.consume(parsed.data.email);
    const user = await checkCredentials(services.db, parsed.data.email, parsed.data.password, services.env.REQUIRE_VERIFIED_EMAIL);
    const { token } = await services.sessions.create(user.id, request.headers.get("user-agent") ?? "");
    return redirectWithFlash(safeRedirect(form.get("redirectTo")), { id: "auth.signedIn", values: { name: user.display_name } }, [
      ["Set-Cookie", services.sessions.cookie(token)],
    ]);
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  return (
    <div className="form">
      <h1>{t("auth.login.title")}</h1>
      <p className="lead">{t("auth.login.lead")}</p>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          label={t("auth.email")}
          type="email"
          autoComplete="email"
          required
          defaultValue={failed?.values?.email}
          errors={failed?.fieldErrors}
        />
        <TextField
          name="password"
          label={t("auth.password")}
          type="password"
          autoComplete="current-password"
          required
          errors={failed?.fieldErrors}
        />
        <p>
          <Link to="/forgot">{t("accountFlow.login.forgot")}</Link>
        </p>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("auth.login.busy") : t("auth.login.submit")}
          </button>
          <span>
            <FormattedMessage
              id="auth.login.noAccount"
              values={{ link: (chunks: ReactNode[]) => <Link to={`/signup?redirectTo=${encodeURIComponent(redirectTo)}`}>{chunks}</Link> }}
            />
          </span>
        </div>
      </Form>
    </div>
  );
}
