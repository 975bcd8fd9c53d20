import { Form } from "@remix-run/react";
import type { SettingsData } from "./data.server.js";

/**
 * Who reads the confidential submissions: the recipient bodies the owners name, each
 * with its members, or (none ticked) the owners and drafters. Moderators read them only
 * as members of a named body.
 */
export function RecipientsCard({ readers }: { readers: SettingsData["readers"] }) {
  const named = new Set(readers.named);
  return (
    <section className="card" aria-labelledby="recipients-title">
      <h2 id="recipients-title">Readers of confidential submissions</h2>
      <p className="muted">
        With no body ticked, the consultation’s owners and drafters read them. Moderators do not, unless they belong to a ticked body. Every read is logged and shown to the
        submitter; the change is recorded in the public ledger.
      </p>
      {readers.bodies.length === 0 ? (
        <p>No recipient bodies exist yet; a convener or site administrator creates them.</p>
      ) : (
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="recipients" />
          <fieldset className="field">
            <legend>Recipient bodies</legend>
            {readers.bodies.map((b) => (
              <label key={b.slug} className="radio">
                <input type="checkbox" name="bodies" value={b.slug} defaultChecked={named.has(b.slug)} />
                <span>
                  <strong>{b.name}</strong>
                  {b.description ? ` — ${b.description}` : ""}
                  <br />
                  <span className="muted">{b.members.length === 0 ? "No members yet." : `Members: ${b.members.join(", ")}`}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button">
            Save readers
          </button>
        </Form>
      )}
    </section>
  );
}
