import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { metaTranslator, useT } from "../i18n/index.js";
import { markAllRead, openNotification, ownNotifications } from "../utils/notifications.server.js";
import { formFailure, handleFormError, parseForm, readForm, redirectWithFlash, requireUser, safeRedirect } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("notifications.meta")} · Margin` }];

/** The signed-in person's notifications, newest first; anyone else is sent to sign in. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const items = await ownNotifications(context.margin.services.db, user, context.margin.locale);
  return { items, unread: items.filter((n) => !n.read).length };
}

const ActionSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("open"), id: z.string().min(1).max(64) }), z.object({ intent: z.literal("read-all") })]);

/** Opening one marks it read and goes where it leads; "mark all as read" marks every one. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  const parsed = parseForm(ActionSchema, form, ["intent", "id"]);
  if (!parsed.ok) return formFailure(parsed);
  const { db } = context.margin.services;
  try {
    if (parsed.data.intent === "read-all") {
      await markAllRead(db, user);
      return redirectWithFlash("/notifications", { id: "notifications.markedAll" });
    }
    return redirect(safeRedirect(await openNotification(db, user, parsed.data.id), "/notifications"));
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function Notifications() {
  const { items, unread } = useLoaderData<typeof loader>();
  const { t, dateTime } = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("notifications.title")}</h1>
        <p className="lead">{items.length === 0 ? t("notifications.none") : t("notifications.count", { unread })}</p>
        <p>
          <Link to="/account/notifications">{t("notifications.settingsLink")}</Link>
        </p>
      </div>
      {unread > 0 ? (
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value="read-all" className="button button--secondary">
            {t("notifications.markAll")}
          </button>
        </Form>
      ) : null}
      {items.length > 0 ? (
        <ol className="notifications" aria-label={t("notifications.listLabel")}>
          {items.map((n) => (
            <li key={n.id} className={n.read ? "card notification" : "card notification notification--unread"}>
              <Form method="post">
                <input type="hidden" name="id" value={n.id} />
                {n.read ? null : <strong className="notification__unread">{t("notifications.unread")}: </strong>}
                <button type="submit" name="intent" value="open" className="link-button notification__title">
                  {n.title}
                </button>
              </Form>
              <p className="meta">
                <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
              </p>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
