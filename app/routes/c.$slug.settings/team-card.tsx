import { Form } from "@remix-run/react";
import { SelectField, TextField } from "../../components/form.js";
import { labelIn } from "../../components/history/labels.js";
import { useT } from "../../i18n/index.js";
import { InvitationsTable, MailLanguageField } from "../../components/invitations-table.js";
import type { SettingsData } from "./data.server.js";

/** The team: who is on it, removing members, inviting by mail (anyone, account or not) and the invitations not yet answered. */
export function TeamCard({
  team,
  invitations,
  contentLanguage,
  timeZone,
  values,
  errors,
}: {
  team: SettingsData["team"];
  invitations: SettingsData["invitations"];
  contentLanguage: string;
  /** The consultation's time zone, for the invitations' dates. */
  timeZone: string;
  values: Record<string, string>;
  errors: Record<string, string[]> | undefined;
}) {
  const { t } = useT();
  const mine = values.intent === "invite";
  return (
    <section className="card" aria-labelledby="team-title">
      <h2 id="team-title">{t("settings.team.title")}</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("settings.team.name")}</th>
              <th scope="col">{t("settings.team.role")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("settings.team.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name}
                  {m.self ? t("settings.team.you") : ""}
                  <br />
                  <span className="muted">
                    {m.email}
                    {m.organisation ? ` · ${m.organisation}` : ""}
                  </span>
                </td>
                <td>{labelIn(t, "role", m.role)}</td>
                <td>
                  {m.self ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" className="button button--danger button--small">
                        {t("settings.team.remove")}
                        <span className="visually-hidden"> {m.name}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post" className="form" style={{ marginTop: "1rem" }} noValidate>
        <input type="hidden" name="intent" value="invite" />
        <TextField name="email" label={t("settings.team.invite")} type="email" hint={t("invitations.invite.hint")} defaultValue={mine ? values.email : undefined} errors={errors} />
        <SelectField
          name="role"
          label={t("settings.team.role")}
          options={[
            { value: "drafter", label: t("settings.team.drafter") },
            { value: "moderator", label: t("settings.team.moderator") },
            { value: "owner", label: t("invitations.role.owner") },
          ]}
          defaultValue={mine ? values.role : undefined}
          errors={errors}
        />
        <MailLanguageField defaultValue={mine && values.locale ? values.locale : contentLanguage} errors={errors} />
        <button type="submit" className="button">
          {t("settings.team.submit")}
        </button>
      </Form>
      <InvitationsTable invitations={invitations} roleLabel={(role) => (role ? labelIn(t, "role", role) : "")} timeZone={timeZone} />
    </section>
  );
}
