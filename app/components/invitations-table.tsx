import { Form } from "@remix-run/react";
import { LOCALE_NAME, LOCALES } from "../../common/i18n/locales.js";
import type { OpenInvitation } from "../../server/domain/invitations/index.js";
import { useT } from "../i18n/index.js";
import { SelectField } from "./form.js";

type Errors = Record<string, string[]> | undefined;

/** The invitations not yet answered, each with its revoke and resend buttons (intents `revoke-invitation`, `resend-invitation`). */
export function InvitationsTable({ invitations, roleLabel, timeZone }: { invitations: OpenInvitation[]; roleLabel: (role: OpenInvitation["role"]) => string; timeZone?: string }) {
  const { t, dateTime } = useT();
  return (
    <section aria-labelledby="invitations-title" style={{ marginTop: "1rem" }}>
      <h3 id="invitations-title">{t("invitations.pending.title")}</h3>
      {invitations.length === 0 ? (
        <p className="muted">{t("invitations.pending.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("invitations.pending.address")}</th>
                <th scope="col">{t("invitations.pending.role")}</th>
                <th scope="col">{t("invitations.pending.sent")}</th>
                <th scope="col">{t("invitations.pending.expires")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("invitations.pending.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{roleLabel(i.role)}</td>
                  <td>{dateTime(i.sentAt, timeZone)}</td>
                  <td>
                    {i.expired ? `${t("invitations.pending.expired")} · ` : ""}
                    {dateTime(i.expiresAt, timeZone)}
                  </td>
                  <td>
                    <div className="button-row">
                      {(["resend", "revoke"] as const).map((what) => (
                        <Form method="post" key={what}>
                          <input type="hidden" name="intent" value={`${what}-invitation`} />
                          <input type="hidden" name="invitationId" value={i.id} />
                          <button type="submit" className={what === "revoke" ? "button button--danger button--small" : "button button--secondary button--small"}>
                            {t(what === "revoke" ? "invitations.pending.revoke" : "invitations.pending.resend")}
                            <span className="visually-hidden"> {i.email}</span>
                          </button>
                        </Form>
                      ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The language the invitation mail is written in. */
export function MailLanguageField({ defaultValue, errors }: { defaultValue: string; errors: Errors }) {
  const { t } = useT();
  return <SelectField name="locale" label={t("invitations.invite.language")} options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAME[l] }))} defaultValue={defaultValue} errors={errors} />;
}
