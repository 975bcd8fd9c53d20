import { Form } from "@remix-run/react";
import { SelectField, TextField } from "../../components/form.js";
import type { SettingsData } from "./data.server.js";

/** The team: who is on it, removing members, and inviting an existing account. */
export function TeamCard({ team, values, errors }: { team: SettingsData["team"]; values: Record<string, string>; errors: Record<string, string[]> | undefined }) {
  return (
    <section className="card" aria-labelledby="team-title">
      <h2 id="team-title">Team</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name}
                  {m.self ? " (you)" : ""}
                  <br />
                  <span className="muted">
                    {m.email}
                    {m.organisation ? ` · ${m.organisation}` : ""}
                  </span>
                </td>
                <td>{m.role}</td>
                <td>
                  {m.self ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" className="button button--danger button--small">
                        Remove<span className="visually-hidden"> {m.name}</span>
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
        <TextField name="email" label="Invite by email" type="email" hint="They need a Margin account already." defaultValue={values.intent === "invite" ? values.email : undefined} errors={errors} />
        <SelectField
          name="role"
          label="Role"
          options={[
            { value: "drafter", label: "Drafter — co-edits the text and answers comments" },
            { value: "moderator", label: "Moderator — reviews and moderates comments" },
          ]}
          errors={errors}
        />
        <button type="submit" className="button">
          Invite
        </button>
      </Form>
    </section>
  );
}
