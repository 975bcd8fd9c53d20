import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { metaTranslator, useT } from "../../i18n/index.js";
import { mailAction, mailPage } from "./data.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("mailAdmin.meta")} · Margin` }];

export async function loader(args: LoaderFunctionArgs) {
  return mailPage(args);
}

export async function action(args: ActionFunctionArgs) {
  return mailAction(args);
}

/** /admin/mail: the mail queue by state, and the dead or uncertain mails with a decision for each. */
export default function MailQueue() {
  const { counts, troubled, transport } = useLoaderData<typeof loader>();
  const { t, dateTime, number } = useT();
  const states = Object.entries(counts);
  return (
    <>
      <div className="page-head">
        <h1>{t("mailAdmin.title")}</h1>
        <p className="muted">{t("mailAdmin.lead", { transport })}</p>
      </div>
      <section className="card" aria-labelledby="counts-title">
        <h2 id="counts-title">{t("mailAdmin.counts")}</h2>
        {states.length === 0 ? (
          <p>{t("mailAdmin.none")}</p>
        ) : (
          <dl className="stat-list">
            {states.map(([status, n]) => (
              <div key={status}>
                <dt>{t("mailAdmin.state", { status })}</dt>
                <dd>{number(n)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section className="card" aria-labelledby="troubled-title">
        <h2 id="troubled-title">{t("mailAdmin.troubled")}</h2>
        {troubled.length === 0 ? (
          <p>{t("mailAdmin.troubledNone")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("mailAdmin.col.to")}</th>
                  <th scope="col">{t("mailAdmin.col.kind")}</th>
                  <th scope="col">{t("mailAdmin.col.state")}</th>
                  <th scope="col">{t("mailAdmin.col.attempts")}</th>
                  <th scope="col">{t("mailAdmin.col.error")}</th>
                  <th scope="col">{t("mailAdmin.col.queued")}</th>
                  <th scope="col">{t("mailAdmin.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {troubled.map((m) => (
                  <tr key={m.id}>
                    <td>{m.to_address}</td>
                    <td>
                      <code>{m.kind}</code>
                    </td>
                    <td>{t("mailAdmin.state", { status: m.status })}</td>
                    <td>{number(m.attempts)}</td>
                    <td>{m.last_error}</td>
                    <td>{dateTime(m.created_at)}</td>
                    <td>
                      <Form method="post" className="inline-actions">
                        <input type="hidden" name="id" value={m.id} />
                        <button type="submit" name="decision" value="retry" className="button button--small">
                          {t("mailAdmin.retry")}
                        </button>
                        {m.status === "uncertain" ? (
                          <button type="submit" name="decision" value="drop" className="button button--danger button--small">
                            {t("mailAdmin.drop")}
                          </button>
                        ) : null}
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
