import { Form } from "@remix-run/react";
import { SelectField, TextField } from "../../components/form.js";
import { useT } from "../../i18n/index.js";
import type { FieldErrors } from "../../utils/request.server.js";
import type { AccountData } from "./data.server.js";
import { LOCALES, LOCALE_NAME } from "../../../common/i18n/locales.js";
import { NAME_MAX, ORGANISATION_MAX, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../common/limits.js";

/** Display name and organisation, kept as typed when the form comes back with errors. */
export function ProfileCard({ user, values, fieldErrors }: { user: AccountData["user"]; values: Record<string, string | undefined>; fieldErrors: FieldErrors | undefined }) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t("account.profile.title")}</h2>
      <p className="muted">{t("account.profile.lead")}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="profile" />
        <TextField name="displayName" label={t("auth.displayName")} required maxLength={NAME_MAX} defaultValue={values.displayName ?? user.displayName} errors={fieldErrors} />
        <TextField name="organisation" label={t("account.profile.organisation")} hint={t("account.profile.organisationHint")} maxLength={ORGANISATION_MAX} defaultValue={values.organisation ?? user.organisation} errors={fieldErrors} />
        <button type="submit" className="button">
          {t("account.save")}
        </button>
      </Form>
    </section>
  );
}

/** The interface language kept on the account: English, Japanese, or whatever the browser asks for. */
export function LanguageCard({ user, fieldErrors }: { user: AccountData["user"]; fieldErrors: FieldErrors | undefined }) {
  const { t } = useT();
  const options = [{ value: "", label: t("account.language.browser") }, ...LOCALES.map((l) => ({ value: l, label: LOCALE_NAME[l] }))];
  return (
    <section className="card" aria-labelledby="language-title">
      <h2 id="language-title">{t("account.language.title")}</h2>
      <p className="muted">{t("account.language.lead")}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="language" />
        <SelectField name="locale" label={t("account.language.label")} options={options} defaultValue={user.locale ?? ""} errors={fieldErrors} />
        <button type="submit" className="button">
          {t("account.save")}
        </button>
      </Form>
    </section>
  );
}

export function PasswordCard({ fieldErrors }: { fieldErrors: FieldErrors | undefined }) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t("account.password.title")}</h2>
      <p className="muted">{t("account.password.lead")}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="password" />
        <TextField name="currentPassword" label={t("account.password.current")} type="password" autoComplete="current-password" required errors={fieldErrors} />
        <TextField name="newPassword" label={t("account.password.new")} type="password" autoComplete="new-password" hint={t("account.password.hint", { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })} required minLength={PASSWORD_MIN_LENGTH} maxLength={PASSWORD_MAX_LENGTH} errors={fieldErrors} />
        <button type="submit" className="button">
          {t("account.password.submit")}
        </button>
      </Form>
    </section>
  );
}
