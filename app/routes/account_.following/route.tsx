import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormattedMessage, metaTranslator, useT } from "../../i18n/index.js";
import { followingPage } from "./data.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("follow.page.meta")} · Margin` }];

export async function loader(args: LoaderFunctionArgs) {
  return followingPage(args);
}

const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

/** One row's unfollow form: back to this page. */
function Unfollow({ kind, target, subject }: { kind: string; target: string; subject: string }) {
  return (
    <Form method="post" action="/follow" className="inline-form">
      <input type="hidden" name="intent" value="unfollow" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="back" value="/account/following" />
      <button type="submit" className="button button--secondary button--small">
        <FormattedMessage id="follow.button.unfollow" values={{ subject, hidden }} />
      </button>
    </Form>
  );
}

export default function Following() {
  const d = useLoaderData<typeof loader>();
  const { t, dateTime } = useT();
  const none = d.consultations.length + d.sections.length + d.organisations.length === 0;
  return (
    <>
      <div className="page-head">
        <h1>{t("follow.page.title")}</h1>
        <p className="lead">{t("follow.page.lead")}</p>
      </div>
      {none ? <p className="empty">{t("follow.page.none")}</p> : null}
      {d.consultations.length > 0 ? (
        <section className="card" aria-labelledby="followed-consultations">
          <h2 id="followed-consultations">{t("follow.page.consultations")}</h2>
          <ul>
            {d.consultations.map((c) => (
              <li key={c.target}>
                <Link to={c.path} lang={c.lang}>
                  {c.title}
                </Link>{" "}
                <span className="muted">· {t("follow.page.since", { at: dateTime(c.since) })}</span> <Unfollow kind="consultation" target={c.target} subject={c.title} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.sections.length > 0 ? (
        <section className="card" aria-labelledby="followed-sections">
          <h2 id="followed-sections">{t("follow.page.sections")}</h2>
          <ul>
            {d.sections.map((s) => (
              <li key={s.target}>
                <Link to={s.path} lang={s.lang}>
                  {t("follow.page.sectionOf", { section: s.title, consultation: s.consultation })}
                </Link>{" "}
                <span className="muted">· {t("follow.page.since", { at: dateTime(s.since) })}</span> <Unfollow kind="section" target={s.target} subject={s.title} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.organisations.length > 0 ? (
        <section className="card" aria-labelledby="followed-organisations">
          <h2 id="followed-organisations">{t("follow.page.organisations")}</h2>
          <ul>
            {d.organisations.map((o) => (
              <li key={o.target}>
                <Link to={o.path}>{t("follow.org.title", { org: o.name })}</Link> <span className="muted">· {t("follow.page.since", { at: dateTime(o.since) })}</span>{" "}
                <Unfollow kind="organisation_requests" target={o.target} subject={t("follow.subject.organisation", { org: o.name })} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
