import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextField } from "../components/form.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { accountLinkDeps, accountSchemas, confirmEmail, findUsableToken, isAppError } from "../utils/account-links.server.js";
import { formFailure, getUser, handleFormError, parseForm, readForm, redirectWithFlash } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("accountFlow.verify.meta.title") }];

/**
 * Opening the link only shows the form: mail scanners that fetch every link must
 * not use up a single-use link. The POST confirms, given the account's password.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const row = await findUsableToken(context.margin.services.db.kysely, "verify", params.token ?? "");
  return { usable: row !== null, signedIn: getUser(context) !== null };
}

/**
 * The account's password, checked against the link's account: someone who signed up
 * with another person's address cannot have that person confirm it for them. A wrong
 * password leaves the link usable; attempts count against the sign-in limits (per
 * network and per account), so the link guesses no faster than the sign-in page.
 * Confirming ends every other session of the account and signs this browser in.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services, clientIp } = context.margin;
  const form = await readForm(request);
  form.set("token", params.token ?? "");
  const parsed = parseForm(accountSchemas.ConfirmEmailSchema, form, ["token", "password"]);
  if (!parsed.ok) return formFailure(parsed);
  let userId: string;
  try {
    await services.limiters.loginPerIp.consume(clientIp);
    const row = await findUsableToken(services.db.kysely, "verify", parsed.data.token);
    if (row) await services.limiters.loginPerEmail.consume(row.email);
    userId = await confirmEmail(accountLinkDeps(context), parsed.data.token, parsed.data.password);
  } catch (e) {
    // A dead link: nothing to try again on this page. A wrong password or too many attempts keep the form.
    if (isAppError(e) && e.code === "invalid_input" && !e.details?.fieldErrors) {
      return data({ ok: false as const, formError: e.message, fieldErrors: {}, values: {}, dead: true }, { status: 400 });
    }
    return handleFormError(e, form);
  }
  const { token } = await services.sessions.create(userId, request.headers.get("user-agent") ?? "");
  return redirectWithFlash("/", "Your address is confirmed: you can now comment and take part.", [["Set-Cookie", services.sessions.cookie(token)]]);
}

export default function Verify() {
  const { usable, signedIn } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, msg } = useT();
  const dead = !usable || (failed !== undefined && "dead" in failed);
  return (
    <div className="form">
      <h1>{t("accountFlow.verify.title")}</h1>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />
      {dead ? (
        failed ? null : <p className="lead">{msg("This link does not work any more: it may have expired or been used already. Ask for a new one.")}</p>
      ) : (
        <Form method="post" noValidate>
          <p className="lead">{t("accountFlow.verify.lead")}</p>
          <TextField name="password" label={t("auth.password")} type="password" autoComplete="current-password" required errors={failed?.fieldErrors} />
          <button type="submit" className="button" disabled={busy}>
            {t("accountFlow.verify.submit")}
          </button>
        </Form>
      )}
      <p>{signedIn ? <Link to="/account">{t("accountFlow.verify.newLinkSignedIn")}</Link> : <Link to="/forgot">{t("accountFlow.verify.newLinkSignIn")}</Link>}</p>
    </div>
  );
}
