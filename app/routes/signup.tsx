import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary, SelectField, TextField } from "../components/form.js";
import { STAKEHOLDER_GROUPS } from "../../common/enums.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { CheckboxField } from "../components/checkbox-field.js";
import { accountLinkDeps, accountSchemas, signUp } from "../utils/account-links.server.js";
import { formFailure, getUser, handleFormError, parseForm, readForm, safeRedirect } from "../utils/request.server.js";
import { NAME_MAX, ORGANISATION_MAX, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../common/limits.js";

export { actionOrLoaderHeaders as headers } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("auth.signup.meta.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (getUser(context)) throw redirect(redirectTo);
  return { redirectTo };
}

/**
 * A sign-up answers the same whether or not the address already has an account
 * (the owner of a taken address is told by mail instead), so it signs no one in:
 * the account is used after its holder signs in, and submits once the address is confirmed.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { services, clientIp } = context.margin;
  const form = await readForm(request);
  const parsed = parseForm(accountSchemas.SignUpWithConsentSchema, form, ["email", "password", "displayName", "organisation", "stakeholderGroup", "consent"]);
  if (!parsed.ok) return formFailure(parsed);
  try {
    await services.limiters.signupPerIp.consume(clientIp);
    await services.limiters.accountMailPerEmail.consume(parsed.data.email);
    await signUp(accountLinkDeps(context), parsed.data, context.margin.locale);
    return redirect(`/signup/sent?redirectTo=${encodeURIComponent(safeRedirect(form.get("redirectTo")))}`);
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
  const { t } = useT();
  const groupOptions = [{ value: "", label: t("auth.signup.chooseGroup") }, ...STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: t("auth.groupName", { group: g }) }))];
  return (
    <div className="form">
      <h1>{t("auth.signup.title")}</h1>
      <p className="lead">{t("auth.signup.lead")}</p>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField name="email" label={t("auth.email")} type="email" autoComplete="email" required defaultValue={v.email} errors={errors} />
        <TextField
          name="password"
          label={t("auth.password")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.signup.passwordHint", { min: PASSWORD_MIN_LENGTH })}
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          errors={errors}
        />
        <TextField
          name="displayName"
          label={t("auth.displayName")}
          autoComplete="name"
          hint={t("auth.signup.displayNameHint")}
          required
          maxLength={NAME_MAX}
          defaultValue={v.displayName}
          errors={errors}
        />
        <TextField
          name="organisation"
          label={t("auth.signup.organisation")}
          autoComplete="organization"
          hint={t("auth.signup.organisationHint")}
          maxLength={ORGANISATION_MAX}
          defaultValue={v.organisation}
          errors={errors}
        />
        <SelectField
          name="stakeholderGroup"
          label={t("auth.group")}
          hint={t("auth.signup.groupHint")}
          options={groupOptions}
          defaultValue={v.stakeholderGroup ?? ""}
          required
          errors={errors}
        />
        <CheckboxField
          name="consent"
          value="yes"
          required
          defaultChecked={v.consent === "yes"}
          errors={errors}
          label={<FormattedMessage id="accountFlow.signup.consent" values={{ link: (chunks: ReactNode[]) => <Link to="/privacy" target="_blank" rel="noopener">{chunks}</Link> }} />}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("auth.signup.busy") : t("auth.signup.submit")}
          </button>
          <span>
            <FormattedMessage
              id="auth.signup.haveAccount"
              values={{ link: (chunks: ReactNode[]) => <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`}>{chunks}</Link> }}
            />
          </span>
        </div>
      </Form>
    </div>
  );
}
