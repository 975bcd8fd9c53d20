import { Form } from "@remix-run/react";
import { TextField } from "../../components/form.js";
import { formatDateTime } from "../../utils/format.js";
import type { FieldErrors } from "../../utils/request.server.js";
import type { AccountData } from "./data.server.js";
import type { TokenCreated } from "./intents.server.js";
import { NAME_MAX } from "../../../common/limits.js";

/** Personal API tokens: the one just created (shown once), the list with revoke, and a form for a new one. */
export function TokensCard({ tokens, created, fieldErrors }: { tokens: AccountData["tokens"]; created: TokenCreated | null; fieldErrors: FieldErrors | undefined }) {
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal API tokens</h2>
      <p className="muted">
        Tokens let your organisation's systems file responses through the API (<code>Authorization: Bearer …</code>). A
        token acts as you; keep it secret and revoke it when it is no longer needed.
      </p>
      {created ? (
        <div className="notice" role="status">
          <p>
            <strong>Token “{created.name}” created.</strong> Copy it now: it will not be shown again.
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
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-token" />
                      <input type="hidden" name="tokenId" value={t.id} />
                      <button type="submit" className="button button--danger button--small">
                        Revoke<span className="visually-hidden"> token {t.name}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">You have no tokens.</p>
      )}
      <Form method="post" className="form" style={{ marginTop: "1rem" }}>
        <input type="hidden" name="intent" value="create-token" />
        <TextField name="name" label="New token name" hint="What will use it, e.g. “Submissions system”." maxLength={NAME_MAX} errors={fieldErrors} />
        <button type="submit" className="button">
          Create token
        </button>
      </Form>
    </section>
  );
}
