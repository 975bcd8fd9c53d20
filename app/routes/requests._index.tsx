import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { metaTranslator, useT } from "../i18n/index.js";
import { requestListData } from "../utils/info-requests.server.js";
import { followButton, ownOrganisation } from "../utils/follow.server.js";
import { getUser } from "../utils/request.server.js";
import { FollowButton } from "../components/follow-button.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("request.list.title")} · Margin` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await requestListData(context, new URL(request.url).searchParams.get("cursor"));
  // A member sees their organisation's requests here: they may follow them (they are told of the ones addressed to it anyway).
  const org = await ownOrganisation(context.margin.services.db, getUser(context));
  const follow = org ? { name: org.name, button: await followButton(context, "organisation_requests", org.id, org.slug, "/requests") } : null;
  return { ...list, follow };
}

export default function Requests() {
  const d = useLoaderData<typeof loader>();
  const { t, dateTime, timeLeft } = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("request.list.title")}</h1>
        <p className="lead">{t("request.list.lead")}</p>
        {d.mayCreate ? (
          <p className="button-row">
            <Link to="/requests/new" className="button">
              {t("request.list.new")}
            </Link>
            <Link to="/admin/recipient-bodies">{t("request.list.bodies")}</Link>
          </p>
        ) : null}
      </div>
      {d.follow ? (
        <section className="card" aria-labelledby="org-requests-title">
          <h2 id="org-requests-title">{t("follow.org.title", { org: d.follow.name })}</h2>
          <FollowButton state={d.follow.button} subject={t("follow.subject.organisation", { org: d.follow.name })} hint={t("follow.hint.organisation", { org: d.follow.name })} hintId="follow-org-hint" />
        </section>
      ) : null}
      {d.drafts.length > 0 ? (
        <section className="card" aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t("request.list.drafts")}</h2>
          <p className="muted">{t("request.list.draftsNote")}</p>
          <ul>
            {d.drafts.map((r) => (
              <li key={r.slug}>
                <Link to={`/requests/${r.slug}/edit`} lang={r.contentLanguage}>
                  {r.title}
                </Link>{" "}
                <span className="muted">· {t("request.list.saved", { at: dateTime(r.updatedAt, r.timeZone) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="issued-title">
        <h2 id="issued-title">{t("request.list.issued")}</h2>
        {d.requests.length === 0 ? <p className="empty">{t("request.list.none")}</p> : null}
        <ul className="card-list">
          {d.requests.map((r) => (
            <li key={r.slug} className="card">
              <span className={`badge ${r.phase === "open" ? "badge--open" : "badge--closed"}`}>{r.phase === "open" ? t("request.phase.open") : t("request.phase.closed")}</span>
              <h3 style={{ margin: "0.5rem 0 0.2rem" }} lang={r.contentLanguage}>
                <Link to={`/requests/${r.slug}`}>{r.title}</Link>
              </h3>
              <p className="meta">
                {r.phase === "open"
                  ? t("request.deadline", { at: dateTime(r.deadline, r.timeZone), left: timeLeft(r.deadline, d.now) })
                  : t("request.closedOn", { at: dateTime(r.deadline, r.timeZone) })}
              </p>
              <p style={{ whiteSpace: "pre-wrap" }} lang={r.contentLanguage}>
                {r.purpose.length > 300 ? `${r.purpose.slice(0, 300)}…` : r.purpose}
              </p>
            </li>
          ))}
        </ul>
        {d.next ? (
          <p>
            <Link to={`/requests?cursor=${encodeURIComponent(d.next)}`}>{t("request.list.older")}</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
