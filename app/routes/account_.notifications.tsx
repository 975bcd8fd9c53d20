import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../components/form.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { NOTIFICATION_KINDS, NotifySettingsSchema, notifySettings, saveNotifySettings, settingsFromForm } from "../utils/notifications.server.js";
import { formFailure, parseForm, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("notifications.settings.meta")} · Margin` }];

/** One's own notification settings: per kind, in the app and by e-mail; and the digest. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const settings = await notifySettings(context.margin.services.db, user);
  return { kinds: [...NOTIFICATION_KINDS], settings, verified: user.email_verified_at !== null };
}

const FIELDS = ["digest", ...NOTIFICATION_KINDS.flatMap((k) => [`${k}.app`, `${k}.email`])];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  const parsed = parseForm(NotifySettingsSchema, form, FIELDS);
  if (!parsed.ok) return formFailure(parsed);
  await saveNotifySettings(context.margin.services.db, user, settingsFromForm(parsed.data as Record<string, string | undefined>));
  return redirectWithFlash("/account/notifications", { id: "notifications.settings.saved" });
}

export default function NotificationSettings() {
  const { kinds, settings, verified } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("request.breadcrumb")}>
        <Link to="/account">{t("submissions.crumb.account")}</Link> › <Link to="/notifications">{t("notifications.title")}</Link> ›{" "}
        <span aria-current="page">{t("notifications.settings.title")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("notifications.settings.title")}</h1>
        <p className="lead">{t("notifications.settings.intro")}</p>
        {verified ? null : <p className="notice">{t("notifications.settings.unverified")}</p>}
      </div>
      <Form method="post" className="card">
        {failure && !failure.ok ? <ErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}
        <table className="table notify-settings">
          <thead>
            <tr>
              <th scope="col">{t("notifications.settings.kind")}</th>
              <th scope="col">{t("notifications.settings.app")}</th>
              <th scope="col">{t("notifications.settings.email")}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => {
              const kind = t(`notifications.kind.${k}`);
              return (
                <tr key={k}>
                  <th scope="row">{kind}</th>
                  <td>
                    <input type="checkbox" name={`${k}.app`} value="on" defaultChecked={settings.channels[k].app} aria-label={t("notifications.settings.appFor", { kind })} />
                  </td>
                  <td>
                    <input type="checkbox" name={`${k}.email`} value="on" defaultChecked={settings.channels[k].email} aria-label={t("notifications.settings.emailFor", { kind })} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <fieldset className="field">
          <legend className="field__label">{t("notifications.settings.digest")}</legend>
          {(["off", "daily"] as const).map((mode) => (
            <label key={mode} className="choice">
              <input type="radio" name="digest" value={mode} defaultChecked={settings.digest === mode} /> {t(`notifications.settings.digest.${mode}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button">
          {t("notifications.settings.save")}
        </button>
      </Form>
    </>
  );
}
