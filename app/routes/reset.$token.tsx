import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextField } from "../components/form.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { accountLinkDeps, accountSchemas, findUsableToken, linkFailure, resetPassword } from "../utils/account-links.server.js";
import { formFailure, parseForm, readForm, redirectWithFlash } from "../utils/request.server.js";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../common/limits.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("accountFlow.reset.meta.title") }];

/** Opening the link shows the form and uses nothing up; only setting the password does. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const row = await findUsableToken(context.margin.services.db.kysely, "reset", params.token ?? "");
  return { usable: row !== null };
}

/** A new password ends every session and API token of the account; this browser is then signed in afresh. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  form.set("token", params.token ?? "");
  const parsed = parseForm(accountSchemas.ResetPasswordSchema, form, ["token", "newPassword"]);
  if (!parsed.ok) return formFailure(parsed);
  let userId = "";
  const failure = await linkFailure(
    resetPassword(accountLinkDeps(context), parsed.data.token, parsed.data.newPassword).then((id) => {
      userId = id;
    }),
  );
  if (failure) return data({ ok: false as const, formError: failure, fieldErrors: {}, values: {}, dead: true }, { status: 400 });
  const { sessions } = context.margin.services;
  const { token } = await sessions.create(userId, request.headers.get("user-agent") ?? "");
  return redirectWithFlash("/", "Your password is changed. You are signed in here; everywhere else you are signed out and your API tokens are revoked.", [
    ["Set-Cookie", sessions.cookie(token)],
  ]);
}

export default function Reset() {
  const { usable } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, msg } = useT();
  const dead = !usable || (failed && "dead" in failed);
  return (
    <div className="form">
      <h1>{t("accountFlow.reset.title")}</h1>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />
      {dead ? (
        <>
          {failed ? null : <p className="lead">{msg("This link does not work any more: it may have expired or been used already. Ask for a new one.")}</p>}
          <p>
            <Link to="/forgot">{t("accountFlow.reset.again")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" noValidate>
          <p className="lead">{t("accountFlow.reset.lead")}</p>
          <TextField
            name="newPassword"
            label={t("account.password.new")}
            type="password"
            autoComplete="new-password"
            hint={t("account.password.hint", { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
            required
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={PASSWORD_MAX_LENGTH}
            errors={failed?.fieldErrors}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("accountFlow.reset.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
