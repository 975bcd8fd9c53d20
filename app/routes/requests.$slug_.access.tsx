import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../utils/format.js";
import { accessLogForOrganisation, actorFor } from "../utils/request-responses.server.js";
import { getUser, orStatus } from "../utils/request.server.js";

/** Answers are for their readers alone: never kept by a shared cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Who read your answers: ${data?.request.title ?? "request"} · Margin` }];

/** For the members of an answering organisation: who read its restricted answers, and the bulk exports that held them. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  return orStatus(accessLogForOrganisation(context.margin.services.db.kysely, actorFor(getUser(context), null), params.slug ?? ""));
}

export default function Access() {
  const { request, organisation, entries } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <p className="meta">
          <Link to={`/requests/${request.slug}`}>← {request.title}</Link> · <Link to={`/requests/${request.slug}/respond`}>Your answers</Link>
        </p>
        <h1>Who read {organisation.name}'s answers</h1>
        <p className="muted">Every time a recipient is shown one of your “Recipients only” answers it is listed here, and so is every bulk export that held one.</p>
      </div>
      {entries.length === 0 ? (
        <p className="card">Nobody has read your organisation's restricted answers yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={i}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.reader}</td>
                  <td>{e.action === "export" ? `Bulk export (CSV) of ${e.items} answers, yours among them` : `Read: ${e.question ?? "a question"}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
