import { Form } from "@remix-run/react";
import { TextField } from "../../components/form.js";
import type { FieldErrors } from "../../utils/request.server.js";
import type { AccountData } from "./data.server.js";
import { NAME_MAX, ORGANISATION_MAX, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../common/limits.js";

/** Display name and organisation, kept as typed when the form comes back with errors. */
export function ProfileCard({ user, values, fieldErrors }: { user: AccountData["user"]; values: Record<string, string | undefined>; fieldErrors: FieldErrors | undefined }) {
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Name and organisation</h2>
      <p className="muted">How you are shown with your comments, positions and edits.</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="profile" />
        <TextField name="displayName" label="Display name" required maxLength={NAME_MAX} defaultValue={values.displayName ?? user.displayName} errors={fieldErrors} />
        <TextField name="organisation" label="Organisation" hint="Leave empty if you speak for yourself." maxLength={ORGANISATION_MAX} defaultValue={values.organisation ?? user.organisation} errors={fieldErrors} />
        <button type="submit" className="button">
          Save
        </button>
      </Form>
    </section>
  );
}

export function PasswordCard({ fieldErrors }: { fieldErrors: FieldErrors | undefined }) {
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change your password</h2>
      <p className="muted">This also signs out your other sessions and revokes every API token; this session stays signed in.</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="password" />
        <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required errors={fieldErrors} />
        <TextField name="newPassword" label="New password" type="password" autoComplete="new-password" hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`} required minLength={PASSWORD_MIN_LENGTH} maxLength={PASSWORD_MAX_LENGTH} errors={fieldErrors} />
        <button type="submit" className="button">
          Change password
        </button>
      </Form>
    </section>
  );
}
