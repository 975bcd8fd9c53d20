import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "../../components/form.js";
import { InvitationsTable, MailLanguageField } from "../../components/invitations-table.js";
import { metaTranslator, useT } from "../../i18n/index.js";
import { runIntent } from "../../utils/intents.server.js";
import { readForm } from "../../utils/request.server.js";
import { loadInviting, organisationInvitationsPage } from "./data.server.js";
import { ORGANISATION_INVITATION_INTENTS } from "./intents.server.js";

// A refusal for too many invitations carries its Retry-After.
export { actionOrLoaderHeaders as headers } from "../../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: metaTranslator(matches).t("invitations.orgPage.meta", { name: data?.name ?? "" }) }];

export async function loader(args: LoaderFunctionArgs) {
  return organisationInvitationsPage(args);
}

export async function action(args: ActionFunctionArgs) {
  const { user, org } = await loadInviting(args);
  const form = await readForm(args.request);
  return runIntent(ORGANISATION_INVITATION_INTENTS, { services: args.context.margin.services, user, org, here: `/organisations/${org.target.slug}/invitations` }, form);
}

/** An organisation's representatives (and site admins) invite people by mail, and see, revoke or resend what is not yet answered. */
export default function OrganisationInvitations() {
  const { name, asAdmin, invitations, locale } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.fieldErrors as Record<string, string[]> | undefined;
  const values = (failed?.values ?? {}) as Record<string, string>;
  const { t } = useT();
  return (
    <>
      {asAdmin ? (
        <nav className="breadcrumbs" aria-label="Breadcrumb">
          <Link to="/admin/organisations">{t("invitations.orgPage.admin")}</Link> › <span aria-current="page">{name}</span>
        </nav>
      ) : null}
      <div className="page-head">
        <h1>{t("invitations.orgPage.title", { name })}</h1>
        <p className="muted">{t("invitations.orgPage.lead", { name })}</p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title">{t("invitations.orgPage.submit")}</h2>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <TextField name="email" label={t("invitations.orgPage.email")} type="email" hint={t("invitations.orgPage.emailHint")} defaultValue={values.email} errors={errors} />
          <MailLanguageField defaultValue={values.locale ?? locale} errors={errors} />
          <button type="submit" className="button">
            {t("invitations.orgPage.submit")}
          </button>
        </Form>
        <InvitationsTable invitations={invitations} roleLabel={() => t("invitations.pending.member")} />
      </section>
    </>
  );
}
