import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../../components/form.js";
import { runIntent } from "../../utils/intents.server.js";
import { readForm, requireUser } from "../../utils/request.server.js";
import { PasswordCard, ProfileCard } from "./account-forms.js";
import { accountPage } from "./data.server.js";
import { ACCOUNT_INTENTS } from "./intents.server.js";
import { SessionsCard } from "./sessions-card.js";
import { TokensCard } from "./tokens-card.js";

export const meta: MetaFunction = () => [{ title: "Your account · Margin" }];

export async function loader(args: LoaderFunctionArgs) {
  return accountPage(args);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { services, auth } = context.margin;
  const form = await readForm(request);
  return runIntent(ACCOUNT_INTENTS, { services, user, sessionId: auth!.session.id }, form);
}

export default function Account() {
  const { user, sessions, tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && result.ok === false ? result : null;
  const created = result && result.ok === true ? result : null;
  const values: Record<string, string | undefined> = failed?.values ?? {};
  return (
    <>
      <div className="page-head">
        <h1>Your account</h1>
        <p className="lead">
          {user.displayName} · {user.email}
          {user.organisation ? ` · ${user.organisation}` : ""} · {user.group}
          {user.siteRole === "admin" ? " · site administrator" : user.siteRole === "convener" ? " · convener" : ""}
        </p>
        <p>
          <Link to="/account/submissions">My submissions</Link>: everything you have sent, where it stands, the responses, and your receipts.
        </p>
        {user.siteRole === "admin" || user.siteRole === "convener" ? (
          <p>
            <Link to="/requests">Information requests</Link>: ask organisations for information, your drafts; <Link to="/admin/recipient-bodies">Recipient bodies</Link>: who reads restricted answers.
          </p>
        ) : null}
        {user.siteRole === "admin" ? (
          <p>
            <Link to="/admin/organisations">Organisations</Link>: register and verify the organisations that take part, and their members.
          </p>
        ) : null}
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />
      <SessionsCard sessions={sessions} />
      <ProfileCard user={user} values={values} fieldErrors={failed?.fieldErrors} />
      <PasswordCard fieldErrors={failed?.fieldErrors} />
      <TokensCard tokens={tokens} created={created} fieldErrors={failed?.fieldErrors} />
    </>
  );
}
