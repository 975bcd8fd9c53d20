import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { publicRecipientBodies } from "../utils/info-requests.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("request.bodies.meta")} · Margin` }];

export async function loader({ context }: LoaderFunctionArgs) {
  return { bodies: await publicRecipientBodies(context) };
}

export default function PublicRecipientBodies() {
  const { bodies } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("request.bodies.title")}</h1>
        <p className="lead">
          <FormattedMessage
            id="request.bodies.lead"
            values={{ requests: (c) => <Link to="/requests">{c}</Link>, record: (c) => <Link to="/transparency">{c}</Link> }}
          />
        </p>
      </div>
      {bodies.length === 0 ? <p className="empty">{t("request.bodies.none")}</p> : null}
      {bodies.map((b) => (
        <section key={b.slug} className="card" aria-labelledby={`body-${b.slug}`}>
          <h2 id={`body-${b.slug}`}>{b.name}</h2>
          <p>{b.description}</p>
          <p>
            <FormattedMessage
              id="request.bodies.members"
              values={{ strong: (c) => <strong>{c}</strong>, members: b.members.length === 0 ? t("request.page.membersNone") : b.members.join(t("request.list.sep")) }}
            />
          </p>
        </section>
      ))}
    </>
  );
}
