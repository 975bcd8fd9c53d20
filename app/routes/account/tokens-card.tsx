import { Form } from "@remix-run/react";
import { TextField } from "../../components/form.js";
import type { ReactNode } from "react";
import { FormattedMessage, useT } from "../../i18n/index.js";
import type { FieldErrors } from "../../utils/request.server.js";
import type { AccountData } from "./data.server.js";
import type { TokenCreated } from "./intents.server.js";
import { NAME_MAX } from "../../../common/limits.js";

/** Personal API tokens: the one just created (shown once), the list with revoke, and a form for a new one. */
export function TokensCard({ tokens, created, fieldErrors }: { tokens: AccountData["tokens"]; created: TokenCreated | null; fieldErrors: FieldErrors | undefined }) {
  const { t, dateTime } = useT();
  const hidden = (c: ReactNode[]) => <span className="visually-hidden">{c}</span>;
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t("account.tokens.title")}</h2>
      <p className="muted">
        <FormattedMessage id="account.tokens.lead" values={{ code: (c: ReactNode[]) => <code>{c}</code> }} />
      </p>
      {created ? (
        <div className="notice" role="status">
          <p>
            <FormattedMessage id="account.tokens.created" values={{ name: created.name, strong: (c: ReactNode[]) => <strong>{c}</strong> }} />
          </p>
          <code className="secret" data-testid="new-token">
            {created.token}
          </code>
        </div>
      ) : null}
      {tokens.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("account.tokens.name")}</th>
                <th scope="col">{t("account.tokens.createdAt")}</th>
                <th scope="col">{t("account.tokens.lastUsed")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("account.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{dateTime(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? dateTime(token.lastUsedAt) : t("account.tokens.never")}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-token" />
                      <input type="hidden" name="tokenId" value={token.id} />
                      <button type="submit" className="button button--danger button--small">
                        <FormattedMessage id="account.tokens.revoke" values={{ name: token.name, hidden }} />
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t("account.tokens.none")}</p>
      )}
      <Form method="post" className="form" style={{ marginTop: "1rem" }}>
        <input type="hidden" name="intent" value="create-token" />
        <TextField name="name" label={t("account.tokens.newName")} hint={t("account.tokens.newNameHint")} maxLength={NAME_MAX} errors={fieldErrors} />
        <button type="submit" className="button">
          {t("account.tokens.create")}
        </button>
      </Form>
    </section>
  );
}
