import { Form } from "@remix-run/react";
import { SelectField, TextField } from "../../components/form.js";
import { CheckboxField } from "../../components/checkbox-field.js";
import { useT } from "../../i18n/index.js";
import type { FieldErrors } from "../../utils/request.server.js";
import type { AccountData } from "./data.server.js";

/** The address: whether it is confirmed (with a new link if not), and moving to another one (confirmed at the new address). */
export function EmailCard({ user, values, fieldErrors }: { user: AccountData["user"]; values: Record<string, string | undefined>; fieldErrors: FieldErrors | undefined }) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="email-title">
      <h2 id="email-title">{t("accountFlow.email.title")}</h2>
      <p>
        {user.emailVerified ? t("accountFlow.email.confirmed", { email: user.email }) : t("accountFlow.email.unconfirmed", { email: user.email })}
      </p>
      {user.emailVerified ? null : (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="resend-verification" />
          <input type="hidden" name="redirectTo" value="/account" />
          <button type="submit" className="button button--secondary">
            {t("accountFlow.banner.resend")}
          </button>
        </Form>
      )}
      <h3>{t("accountFlow.email.changeTitle")}</h3>
      <p className="muted">{t("accountFlow.email.changeLead")}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="change-email" />
        <TextField name="newEmail" label={t("accountFlow.email.new")} type="email" autoComplete="email" required defaultValue={values.newEmail} errors={fieldErrors} />
        <TextField name="emailPassword" label={t("account.password.current")} type="password" autoComplete="current-password" required errors={fieldErrors} />
        <button type="submit" className="button">
          {t("accountFlow.email.submit")}
        </button>
      </Form>
    </section>
  );
}

/** Deleting the account: password, how submissions are shown afterwards, and an explicit confirmation. */
export function DeleteCard({ user, values, fieldErrors }: { user: AccountData["user"]; values: Record<string, string | undefined>; fieldErrors: FieldErrors | undefined }) {
  const { t } = useT();
  const options = [
    { value: "former_participant", label: t("accountFlow.delete.asFormer") },
    ...(user.organisation ? [{ value: "organisation", label: t("accountFlow.delete.asOrganisation", { organisation: user.organisation }) }] : []),
  ];
  return (
    <section className="card" aria-labelledby="delete-title">
      <h2 id="delete-title">{t("accountFlow.delete.title")}</h2>
      <p>{t("accountFlow.delete.lead")}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="delete-account" />
        <SelectField name="shownAs" label={t("accountFlow.delete.shownAs")} options={options} defaultValue={values.shownAs ?? "former_participant"} errors={fieldErrors} />
        <TextField name="deletePassword" label={t("account.password.current")} type="password" autoComplete="current-password" required errors={fieldErrors} />
        <CheckboxField name="confirmDelete" value="yes" required errors={fieldErrors} label={t("accountFlow.delete.confirm")} />
        <button type="submit" className="button button--danger">
          {t("accountFlow.delete.submit")}
        </button>
      </Form>
    </section>
  );
}
