import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import { STAKEHOLDER_GROUPS } from "../../../common/enums.js";
import { NAME_MAX, ORGANISATION_MAX, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../common/limits.js";
import { ErrorSummary, Field, SelectField, TextField } from "../../components/form.js";
import { FormattedMessage, metaTranslator, useT } from "../../i18n/index.js";
import { ErrorPage } from "../../root.js";
import { runIntent } from "../../utils/intents.server.js";
import { getUser, readForm } from "../../utils/request.server.js";
import { invitationPage } from "./data.server.js";
import { INVITATION_INTENTS } from "./intents.server.js";

export { actionOrLoaderHeaders as headers } from "../../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("invitations.meta") }, { name: "referrer", content: "no-referrer" }];

export async function loader(args: LoaderFunctionArgs) {
  return invitationPage(args);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services, clientIp } = context.margin;
  const token = params.token ?? "";
  const form = await readForm(request);
  const here = `/invitations/${encodeURIComponent(token)}`;
  return runIntent(INVITATION_INTENTS, { services, user: getUser(context), token, clientIp, userAgent: request.headers.get("user-agent") ?? "", here }, form);
}

export default function Invitation() {
  const inv = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t, dateTime } = useT();
  const errors = failed?.fieldErrors as Record<string, string[]> | undefined;
  const title = <span lang={inv.contentLanguage ?? undefined}>{inv.title}</span>;
  return (
    <div className="form">
      <h1>{t("invitations.title")}</h1>
      <p className="lead">
        {inv.kind === "team" ? (
          <FormattedMessage id="invitations.team.lead" values={{ inviter: inv.inviterName, title, role: inv.role ?? "drafter" }} />
        ) : (
          <FormattedMessage id="invitations.org.lead" values={{ inviter: inv.inviterName, name: title }} />
        )}
      </p>
      <p>{t("invitations.for", { email: inv.email, at: dateTime(inv.expiresAt, inv.timeZone) })}</p>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />
      {inv.signedIn && !inv.signedIn.invited ? (
        <p role="alert">{t("invitations.otherAccount", { invited: inv.email, current: inv.signedIn.email })}</p>
      ) : inv.signedIn ? (
        <AcceptForm name={inv.signedIn.name} email={inv.signedIn.email} />
      ) : inv.hasAccount ? (
        <SignInToAccept here={inv.here} />
      ) : (
        <CreateForm email={inv.email} here={inv.here} values={failed?.values ?? {}} errors={errors} />
      )}
    </div>
  );
}

function AcceptForm({ name, email }: { name: string; email: string }) {
  const { t } = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="accept" />
      <p>{t("invitations.accept.as", { name, email })}</p>
      <button type="submit" className="button" disabled={busy}>
        {t("invitations.accept.submit")}
      </button>
    </Form>
  );
}

/** Signing in comes back to this page. */
const loginFor = (here: string) => `/login?redirectTo=${encodeURIComponent(here)}`;

function SignInToAccept({ here }: { here: string }) {
  const { t } = useT();
  return (
    <>
      <p>{t("invitations.signIn.lead")}</p>
      <p>
        <Link to={loginFor(here)} className="button">
          {t("invitations.signIn.link")}
        </Link>
      </p>
    </>
  );
}

function CreateForm({ email, here, values, errors }: { email: string; here: string; values: Record<string, string>; errors: Record<string, string[]> | undefined }) {
  const { t } = useT();
  const busy = useNavigation().state === "submitting";
  const groupOptions = [{ value: "", label: t("auth.signup.chooseGroup") }, ...STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: t("auth.groupName", { group: g }) }))];
  return (
    <Form method="post" noValidate>
      <h2>{t("invitations.create.title")}</h2>
      <input type="hidden" name="intent" value="create" />
      <p>{t("invitations.create.email", { email })}</p>
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
      <TextField name="displayName" label={t("auth.displayName")} autoComplete="name" hint={t("auth.signup.displayNameHint")} required maxLength={NAME_MAX} defaultValue={values.displayName} errors={errors} />
      <TextField
        name="organisation"
        label={t("auth.signup.organisation")}
        autoComplete="organization"
        hint={t("auth.signup.organisationHint")}
        maxLength={ORGANISATION_MAX}
        defaultValue={values.organisation}
        errors={errors}
      />
      <SelectField name="stakeholderGroup" label={t("auth.group")} hint={t("auth.signup.groupHint")} options={groupOptions} defaultValue={values.stakeholderGroup ?? ""} required errors={errors} />
      <Field name="consent" label={t("invitations.create.consentLabel")} errors={errors}>
        {(aria) => (
          <label className="checkbox">
            <input type="checkbox" name="consent" value="on" required defaultChecked={values.consent === "on"} {...aria} />{" "}
            <FormattedMessage id="invitations.create.consent" values={{ link: (chunks: ReactNode[]) => <a href="/privacy">{chunks}</a> }} />
          </label>
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {t("invitations.create.submit")}
        </button>
        <span>
          <FormattedMessage id="invitations.create.haveAccount" values={{ link: (chunks: ReactNode[]) => <Link to={loginFor(here)}>{chunks}</Link> }} />
        </span>
      </div>
    </Form>
  );
}

/** Every unusable link reads the same: one clear message, nothing about why. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section className="error-page">
        <h1>{t("invitations.unusable.title")}</h1>
        <p>{t("invitations.unusable.body")}</p>
        <p>
          <Link to="/">{t("error.notFound.back")}</Link>
        </p>
      </section>
    );
  }
  return <ErrorPage error={error} />;
}
