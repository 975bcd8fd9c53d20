import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary } from "../../components/form.js";
import { FormattedMessage, metaTranslator, useT } from "../../i18n/index.js";
import { runIntent } from "../../utils/intents.server.js";
import { readForm, requireUser } from "../../utils/request.server.js";
import { LanguageCard, PasswordCard, ProfileCard } from "./account-forms.js";
import { accountPage } from "./data.server.js";
import { DeleteCard, EmailCard } from "./email-cards.js";
import { ACCOUNT_INTENTS } from "./intents.server.js";
import { EMAIL_INTENTS } from "./email-intents.server.js";
import { SessionsCard } from "./sessions-card.js";
import { TokensCard } from "./tokens-card.js";

// A refused request for a new link or address answers 429 with Retry-After on the page too.
export { actionOrLoaderHeaders as headers } from "../../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("account.meta.title") }];

export async function loader(args: LoaderFunctionArgs) {
  return accountPage(args);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { services, auth } = context.margin;
  const form = await readForm(request);
  return runIntent({ ...ACCOUNT_INTENTS, ...EMAIL_INTENTS }, { services, user, sessionId: auth!.session.id, context }, form);
}

export default function Account() {
  const { user, sessions, tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && result.ok === false ? result : null;
  const created = result && result.ok === true ? result : null;
  const values: Record<string, string | undefined> = failed?.values ?? {};
  const { t } = useT();
  const link = (to: string) => (chunks: ReactNode[]) => <Link to={to}>{chunks}</Link>;
  const role = user.siteRole === "admin" || user.siteRole === "convener" ? t("account.role", { role: user.siteRole }) : null;
  return (
    <>
      <div className="page-head">
        <h1>{t("account.title")}</h1>
        <p className="lead">
          {user.displayName} · {user.email}
          {user.organisation ? ` · ${user.organisation}` : ""} · {t("auth.groupName", { group: user.group })}
          {role ? ` · ${role}` : ""}
        </p>
        <p>
          <FormattedMessage id="account.submissions" values={{ link: link("/account/submissions") }} />
        </p>
        <p>
          <FormattedMessage id="follow.account" values={{ link: link("/account/following") }} />
        </p>
        {user.siteRole === "admin" || user.siteRole === "convener" ? (
          <p>
            <FormattedMessage id="account.requests" values={{ requests: link("/requests"), bodies: link("/admin/recipient-bodies") }} />
          </p>
        ) : null}
        {user.siteRole === "admin" ? (
          <p>
            <FormattedMessage id="account.organisations" values={{ link: link("/admin/organisations") }} />
          </p>
        ) : null}
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />
      <SessionsCard sessions={sessions} />
      <ProfileCard user={user} values={values} fieldErrors={failed?.fieldErrors} />
      <LanguageCard user={user} fieldErrors={failed?.fieldErrors} />
      <PasswordCard fieldErrors={failed?.fieldErrors} />
      <TokensCard tokens={tokens} created={created} fieldErrors={failed?.fieldErrors} />
      <EmailCard user={user} values={values} fieldErrors={failed?.fieldErrors} />
      <DeleteCard user={user} values={values} fieldErrors={failed?.fieldErrors} />
    </>
  );
}
