import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../components/form.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { accountLinkDeps, confirmEmail, findUsableToken, linkFailure } from "../utils/account-links.server.js";
import { getUser, redirectWithFlash } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("accountFlow.verify.meta.title") }];

/**
 * Opening the link only shows a button: mail scanners that fetch every link must
 * not use up a single-use link. The POST confirms.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const row = await findUsableToken(context.margin.services.db.kysely, "verify", params.token ?? "");
  return { usable: row !== null, signedIn: getUser(context) !== null };
}

export async function action({ params, context }: ActionFunctionArgs) {
  const failure = await linkFailure(confirmEmail(accountLinkDeps(context), params.token ?? ""));
  if (failure) return data({ formError: failure }, { status: 400 });
  return getUser(context)
    ? redirectWithFlash("/", "Your address is confirmed: you can now comment and take part.")
    : redirectWithFlash("/login", "Your address is confirmed. Sign in to take part.");
}

export default function Verify() {
  const { usable, signedIn } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t, msg } = useT();
  return (
    <div className="form">
      <h1>{t("accountFlow.verify.title")}</h1>
      <ErrorSummary formError={failed?.formError} />
      {usable && !failed ? (
        <>
          <p className="lead">{t("accountFlow.verify.lead")}</p>
          <Form method="post">
            <button type="submit" className="button">
              {t("accountFlow.verify.submit")}
            </button>
          </Form>
        </>
      ) : failed ? null : (
        <p className="lead">{msg("This link does not work any more: it may have expired or been used already. Ask for a new one.")}</p>
      )}
      <p>{signedIn ? <Link to="/account">{t("accountFlow.verify.newLinkSignedIn")}</Link> : <Link to="/login">{t("accountFlow.verify.newLinkSignIn")}</Link>}</p>
    </div>
  );
}
