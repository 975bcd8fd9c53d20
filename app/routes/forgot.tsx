import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextField } from "../components/form.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { accountLinkDeps, accountSchemas, requestPasswordReset, spendAccountMail } from "../utils/account-links.server.js";
import { formFailure, handleFormError, parseForm, readForm } from "../utils/request.server.js";

export { actionOrLoaderHeaders as headers } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("accountFlow.forgot.meta.title") }];

/** The answer never says whether the address has an account: the mail, if any, is the only difference. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(accountSchemas.ForgotPasswordSchema, form, ["email"]);
  if (!parsed.ok) return formFailure(parsed);
  try {
    await spendAccountMail(context, parsed.data.email);
  } catch (e) {
    return handleFormError(e, form);
  }
  // The answer goes before the lookup: only a real account costs a write and a rendered mail, and
  // waiting for them would let the answer's timing tell which addresses have an account.
  void requestPasswordReset(accountLinkDeps(context), parsed.data.email, context.margin.locale).catch((e: unknown) =>
    context.margin.services.logger.error("could not queue a password-reset mail", { error: e }),
  );
  return data({ ok: true as const });
}

export default function Forgot() {
  const result = useActionData<typeof action>();
  const failed = result && "formError" in result ? result : null;
  const sent = result && "ok" in result && result.ok === true;
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  return (
    <div className="form">
      <h1>{t("accountFlow.forgot.title")}</h1>
      {sent ? (
        <div role="status">
          <p className="lead">{t("accountFlow.forgot.sent")}</p>
          <p>{t("accountFlow.forgot.sentHint")}</p>
          <p>
            <Link to="/login">{t("accountFlow.forgot.back")}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">{t("accountFlow.forgot.lead")}</p>
          <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />
          <Form method="post" noValidate>
            <TextField name="email" label={t("auth.email")} type="email" autoComplete="email" required defaultValue={failed?.values?.email} errors={failed?.fieldErrors} />
            <div className="button-row">
              <button type="submit" className="button" disabled={busy}>
                {t("accountFlow.forgot.submit")}
              </button>
              <Link to="/login">{t("accountFlow.forgot.back")}</Link>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
