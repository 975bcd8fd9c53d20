import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { metaTranslator, useT } from "../i18n/index.js";
import { checkUnsubscribe, unsubscribe } from "../utils/notifications.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("notifications.unsubscribe.meta")} · Margin` }];

/** The link's query, checked: well formed and signed with its person's key. */
async function checked(request: Request, context: LoaderFunctionArgs["context"]) {
  const q = new URL(request.url).searchParams;
  return checkUnsubscribe(context.margin.services.db, { u: q.get("u"), k: q.get("k"), s: q.get("s") });
}

const BAD = { ok: false as const };

/** What the link will stop, with a button; a GET changes nothing (mail scanners follow links). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const link = await checked(request, context);
  if (!link) return data(BAD, { status: 400 });
  return { ok: true as const, kind: link.k };
}

/**
 * The button's POST, or a mail client's one-click POST (RFC 8058: body
 * "List-Unsubscribe=One-Click", no cookies, perhaps no Origin; guards.ts lets
 * exactly this path through). The signature is the authority, not a session.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const link = await checked(request, context);
  if (!link) return data(BAD, { status: 400 });
  await unsubscribe(context.margin.services.db, link);
  return { ok: true as const, done: true as const, kind: link.k };
}

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { t } = useT();
  const { search } = useLocation();
  const state = acted ?? loaded;
  if (!state.ok) {
    return (
      <section className="error-page">
        <h1>{t("notifications.unsubscribe.bad.title")}</h1>
        <p>{t("notifications.unsubscribe.bad.body")}</p>
        <p>
          <Link to="/account/notifications">{t("notifications.unsubscribe.manage")}</Link>
        </p>
      </section>
    );
  }
  const values = { kind: state.kind === "all" ? "all" : "one", label: state.kind === "all" ? "" : t(`notifications.kind.${state.kind}`) };
  return (
    <>
      <div className="page-head">
        <h1>{t("notifications.unsubscribe.title")}</h1>
      </div>
      <div className="card">
        {"done" in state ? (
          <p role="status">{t("notifications.unsubscribe.done", values)}</p>
        ) : (
          <>
            <p>{t("notifications.unsubscribe.what", values)}</p>
            <Form method="post" action={`/unsubscribe${search}`}>
              <input type="hidden" name="List-Unsubscribe" value="One-Click" />
              <button type="submit" className="button">
                {t("notifications.unsubscribe.confirm")}
              </button>
            </Form>
          </>
        )}
        <p>
          <Link to="/account/notifications">{t("notifications.unsubscribe.manage")}</Link>
        </p>
      </div>
    </>
  );
}
