import { Form } from "@remix-run/react";
import { ellipsize, formatDateTime } from "../../utils/format.js";
import type { AccountData } from "./data.server.js";

/** Where the person is signed in, with sign-out per session and everywhere. */
export function SessionsCard({ sessions }: { sessions: AccountData["sessions"] }) {
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.userAgent ? ellipsize(s.userAgent, 80) : "Unknown device"}
                  {s.current ? <strong> (this device)</strong> : null}
                </td>
                <td>{formatDateTime(s.createdAt)}</td>
                <td>{formatDateTime(s.lastSeenAt)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke-session" />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button type="submit" className="button button--secondary button--small">
                      Sign out<span className="visually-hidden"> this session</span>
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
          Sign out everywhere
        </button>
        <span className="muted">Ends every session, including this one, and revokes every API token.</span>
      </Form>
    </section>
  );
}
