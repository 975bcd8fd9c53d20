import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { metaTranslator, useT } from "../i18n/index.js";
import { accessLogForOrganisation, actorFor } from "../utils/request-responses.server.js";
import { getUser, orStatus } from "../utils/request.server.js";

/** Answers are for their readers alone: never kept by a shared cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${metaTranslator(matches).t("respond.access.meta", { title: data?.request.title ?? "" })} · Margin` }];

/** For the members of an answering organisation: who read its restricted answers, and the bulk exports that held them. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  return orStatus(accessLogForOrganisation(context.margin.services.db.kysely, actorFor(getUser(context), null), params.slug ?? ""));
}

export default function Access() {
  const { request, organisation, entries } = useLoaderData<typeof loader>();
  const { t, dateTime } = useT();
  return (
    <>
      <div className="page-head">
        <p className="meta">
          <Link to={`/requests/${request.slug}`}>
            ← <span lang={request.contentLanguage}>{request.title}</span>
          </Link>{" "}
          · <Link to={`/requests/${request.slug}/respond`}>{t("respond.access.yours")}</Link>
        </p>
        <h1>{t("respond.access.title", { org: organisation.name })}</h1>
        <p className="muted">{t("respond.access.lead")}</p>
      </div>
      {entries.length === 0 ? (
        <p className="card">{t("respond.access.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("respond.access.when")}</th>
                <th scope="col">{t("respond.access.who")}</th>
                <th scope="col">{t("respond.access.what")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={i}>
                  <td>{dateTime(e.at, request.timeZone)}</td>
                  <td>{e.reader}</td>
                  <td>
                    {e.action === "export" ? t("respond.access.export", { n: e.items ?? 0 }) : t("respond.access.read", { question: e.question ?? t("respond.access.aQuestion") })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
