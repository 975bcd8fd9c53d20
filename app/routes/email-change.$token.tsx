import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../components/form.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { accountLinkDeps, confirmEmailChange, findUsableToken, linkFailure } from "../utils/account-links.server.js";
import { getUser, redirectWithFlash } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("accountFlow.change.meta.title") }];

/** Like the confirmation at sign-up: the link shows a button, and only the POST moves the account to the new address. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const row = await findUsableToken(context.margin.services.db.kysely, "email_change", params.token ?? "");
  return { usable: row !== null, signedIn: getUser(context) !== null };
}

export async function action({ params, context }: ActionFunctionArgs) {
  const failure = await linkFailure(confirmEmailChange(accountLinkDeps(context), params.token ?? ""));
  if (failure) return data({ formError: failure }, { status: 400 });
  return getUser(context)
    ? redirectWithFlash("/account", "Your new address is confirmed and now used for your account.")
    : redirectWithFlash("/login", "Your new address is confirmed. Sign in with it from now on.");
}

export default function ConfirmEmailChange() {
  const { usable, signedIn } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t, msg } = useT();
  return (
    <div className="form">
      <h1>{t("accountFlow.change.title")}</h1>
      <ErrorSummary formError={failed?.formError} />
      {usable && !failed ? (
        <>
          <p className="lead">{t("accountFlow.change.lead")}</p>
          <Form method="post">
            <button type="submit" className="button">
              {t("accountFlow.change.submit")}
            </button>
          </Form>
        </>
      ) : failed ? null : (
        <p className="lead">{msg("This link does not work any more: it may have expired or been used already. Ask for a new one.")}</p>
      )}
      <p>{signedIn ? <Link to="/account">{t("accountFlow.change.toAccount")}</Link> : <Link to="/login">{t("accountFlow.change.signIn")}</Link>}</p>
    </div>
  );
}
