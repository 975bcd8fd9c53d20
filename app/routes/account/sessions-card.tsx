import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ellipsize } from "../../utils/format.js";
import { FormattedMessage, useT } from "../../i18n/index.js";
import type { AccountData } from "./data.server.js";

/** Where the person is signed in, with sign-out per session and everywhere. */
export function SessionsCard({ sessions }: { sessions: AccountData["sessions"] }) {
  const { t, dateTime } = useT();
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("account.sessions.title")}</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("account.sessions.device")}</th>
              <th scope="col">{t("account.sessions.signedIn")}</th>
              <th scope="col">{t("account.sessions.lastActive")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("account.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.userAgent ? ellipsize(s.userAgent, 80) : t("account.sessions.unknownDevice")}
                  {s.current ? <strong> {t("account.sessions.thisDevice")}</strong> : null}
                </td>
                <td>{dateTime(s.createdAt)}</td>
                <td>{dateTime(s.lastSeenAt)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke-session" />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button type="submit" className="button button--secondary button--small">
                      <FormattedMessage id="account.sessions.signOut" values={{ hidden: (c: ReactNode[]) => <span className="visually-hidden">{c}</span> }} />
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post" className="button-row" style={{ marginTop: "1rem" }}>
        <input type="hidden" name="intent" value="revoke-all" />
        <button type="submit" className="button button--danger">
          {t("account.sessions.signOutEverywhere")}
        </button>
        <span className="muted">{t("account.sessions.signOutEverywhereHint")}</span>
      </Form>
    </section>
  );
}
