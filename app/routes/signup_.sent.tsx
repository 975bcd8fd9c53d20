import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { safeRedirect } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("accountFlow.sent.meta.title") }];

/** After a sign-up: the same page whether the address was new or already had an account. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return {
    redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo")),
    // REQUIRE_VERIFIED_EMAIL: an unconfirmed account cannot sign in, so do not invite it to.
    confirmFirst: context.margin.services.env.REQUIRE_VERIFIED_EMAIL,
  };
}

export default function SignupSent() {
  const { redirectTo, confirmFirst } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="form">
      <h1>{t("accountFlow.sent.title")}</h1>
      <p className="lead">{t("accountFlow.sent.lead")}</p>
      <p>{t("accountFlow.sent.meanwhile")}</p>
      <p>
        <FormattedMessage
          id={confirmFirst ? "accountFlow.sent.signInOnceConfirmed" : "accountFlow.sent.signIn"}
          values={{ link: (chunks: ReactNode[]) => <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`}>{chunks}</Link> }}
        />
      </p>
    </div>
  );
}
