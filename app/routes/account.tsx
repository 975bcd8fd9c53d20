import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "../components/form.js";
import { STAKEHOLDER_LABEL, ellipsize, formatDateTime } from "../utils/format.js";
import {
  changePassword,
  createApiToken,
  listApiTokens,
  listOwnSessions,
  revokeApiToken,
  schemas,
  signOutEverywhere,
  updateProfile,
} from "../utils/services.server.js";
import { formFailure, handleFormError, parseForm, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";

export const meta: MetaFunction = () => [{ title: "Your account · Margin" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { db } = context.margin.services;
  const currentId = context.margin.auth!.session.id;
  const [sessions, tokens] = await Promise.all([listOwnSessions(db, user), listApiTokens(db, user.id)]);
  return {
    user: {
      email: user.email,
      displayName: user.display_name,
      organisation: user.organisation,
      group: STAKEHOLDER_LABEL[user.stakeholder_group] ?? user.stakeholder_group,
      siteRole: user.site_role,
    },
    sessions: sessions.map((s) => ({ id: s.id, createdAt: s.created_at, lastSeenAt: s.last_seen_at, userAgent: s.user_agent, current: s.id === currentId })),
    tokens: tokens.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { services, auth } = context.margin;
  const form = await readForm(request);
  const intent = form.get("intent");
  try {
    switch (intent) {
      case "revoke-session": {
        const id = String(form.get("sessionId") ?? "");
        if (!(await services.sessions.revokeOfUser(user.id, id))) return data({ ok: false as const, formError: "That session no longer exists.", fieldErrors: {}, values: {} }, { status: 404 });
        if (id === auth!.session.id) {
          return redirectWithFlash("/", "You are signed out.", [["Set-Cookie", services.sessions.blankCookie()]]);
        }
        return redirectWithFlash("/account", "That session is signed out.");
      }
      case "revoke-all": {
        await signOutEverywhere(services.db, services.sessions, user.id);
        return redirectWithFlash("/login", "You are signed out on every device, and your API tokens are revoked.", [["Set-Cookie", services.sessions.blankCookie()]]);
      }
      case "password": {
        const parsed = parseForm(schemas.ChangePasswordSchema, form, ["currentPassword", "newPassword"]);
        if (!parsed.ok) return formFailure(parsed);
        // Guessing the current password from a borrowed session is a sign-in attempt like any other.
        await services.limiters.loginPerEmail.consume(user.email);
        await changePassword(services.db, services.sessions, user, auth!.session.id, parsed.data.currentPassword, parsed.data.newPassword);
        return redirectWithFlash("/account", "Your password is changed. Your other sessions are signed out and your API tokens revoked.");
      }
      case "profile": {
        const parsed = parseForm(schemas.ProfileSchema, form, ["displayName", "organisation"]);
        if (!parsed.ok) return formFailure(parsed);
        await updateProfile(services.db, user.id, parsed.data);
        return redirectWithFlash("/account", "Your name and organisation are saved.");
      }
      case "create-token": {
        const parsed = parseForm(schemas.ApiTokenNameSchema, form, ["name"]);
        if (!parsed.ok) return formFailure(parsed);
        const created = await createApiToken(services.db, user.id, parsed.data.name);
        return { ok: true as const, token: created.token, name: parsed.data.name };
      }
      case "revoke-token": {
        const n = await revokeApiToken(services.db, user.id, String(form.get("tokenId") ?? ""));
        if (n === 0) return data({ ok: false as const, formError: "That token no longer exists.", fieldErrors: {}, values: {} }, { status: 404 });
        return redirectWithFlash("/account", "The token is revoked; programs using it can no longer sign in.");
      }
      default:
        return data({ ok: false as const, formError: "Unknown action.", fieldErrors: {}, values: {} }, { status: 400 });
    }
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function Account() {
  const { user, sessions, tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && result.ok === false ? result : null;
  const created = result && result.ok === true ? result : null;
  const values: Record<string, string | undefined> = failed?.values ?? {};
  return (
    <>
      <div className="page-head">
        <h1>Your account</h1>
        <p className="lead">
          {user.displayName} · {user.email}
          {user.organisation ? ` · ${user.organisation}` : ""} · {user.group}
          {user.siteRole === "admin" ? " · site administrator" : user.siteRole === "convener" ? " · convener" : ""}
        </p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors} />

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

      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">Name and organisation</h2>
        <p className="muted">How you are shown with your comments, positions and edits.</p>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <TextField name="displayName" label="Display name" required maxLength={100} defaultValue={values.displayName ?? user.displayName} errors={failed?.fieldErrors} />
          <TextField name="organisation" label="Organisation" hint="Leave empty if you speak for yourself." maxLength={200} defaultValue={values.organisation ?? user.organisation} errors={failed?.fieldErrors} />
          <button type="submit" className="button">
            Save
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <p className="muted">This also signs out your other sessions and revokes every API token; this session stays signed in.</p>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="password" />
          <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required errors={failed?.fieldErrors} />
          <TextField name="newPassword" label="New password" type="password" autoComplete="new-password" hint="8 to 256 characters." required minLength={8} maxLength={256} errors={failed?.fieldErrors} />
          <button type="submit" className="button">
            Change password
          </button>
        </Form>
      </section>

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
          <TextField name="name" label="New token name" hint="What will use it, e.g. “Submissions system”." maxLength={100} errors={failed?.fieldErrors} />
          <button type="submit" className="button">
            Create token
          </button>
        </Form>
      </section>
    </>
  );
}
