import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicRecipientBodies } from "../utils/info-requests.server.js";

export const meta: MetaFunction = () => [{ title: "Recipient bodies · Margin" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return { bodies: await publicRecipientBodies(context) };
}

export default function PublicRecipientBodies() {
  const { bodies } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Recipient bodies</h1>
        <p className="lead">
          These groups, and only their members, read the answers organisations give at “Recipients only” level to an <Link to="/requests">information request</Link> that names them. Each
          read is logged for the answering organisation to see. Membership changes are published in the <Link to="/transparency">public record</Link>.
        </p>
      </div>
      {bodies.length === 0 ? <p className="empty">No recipient body exists yet.</p> : null}
      {bodies.map((b) => (
        <section key={b.slug} className="card" aria-labelledby={`body-${b.slug}`}>
          <h2 id={`body-${b.slug}`}>{b.name}</h2>
          <p>{b.description}</p>
          <p>
            <strong>Members:</strong> {b.members.length === 0 ? "none yet" : b.members.join(", ")}
          </p>
        </section>
      ))}
    </>
  );
}
