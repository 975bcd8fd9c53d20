import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PhaseBadge, WindowSentence } from "../components/status.js";
import { ellipsize } from "../utils/format.js";
import { listConsultations, mayCreateConsultations, phaseOf, publishedBy, publishersOf } from "../utils/services.server.js";
import { getUser } from "../utils/request.server.js";

export const meta: MetaFunction = () => [{ title: "Consultations · Margin" }];

export const HOME_LIST_LIMIT = 50;

export async function loader({ context }: LoaderFunctionArgs) {
  const user = getUser(context);
  const now = new Date();
  const { db } = context.margin.services;
  const rows = await listConsultations(db, user, { limit: HOME_LIST_LIMIT });
  const publishers = await publishersOf(db, rows);
  return {
    now: now.toISOString(),
    signedIn: user !== null,
    mayCreate: mayCreateConsultations(user),
    consultations: rows.map((c) => ({
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      phase: phaseOf(c, now),
      opensAt: c.opens_at,
      closesAt: c.closes_at,
      publishedBy: publishedBy(publishers.get(c.id)!),
    })),
  };
}

export default function Home() {
  const { consultations, now, signedIn, mayCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero">
        <h1>Have your say on draft guidance</h1>
        <p className="lead">
          Read drafts as they are written, comment on exact passages, and see how every comment was answered. The full
          history of each text is public.
        </p>
      </section>
      <h2>Consultations</h2>
      {consultations.length === 0 ? (
        <p className="empty">
          There are no public consultations yet.{" "}
          {mayCreate ? (
            <>
              <Link to="/consultations/new">Start one</Link> to begin.
            </>
          ) : signedIn ? (
            "Conveners publish them; a site administrator grants that role."
          ) : (
            <>
              <Link to="/login">Sign in</Link> to begin.
            </>
          )}
        </p>
      ) : (
        <ul className="card-list">
          {consultations.map((c) => (
            <li key={c.slug}>
              <PhaseBadge phase={c.phase} />
              <h3>
                <Link to={`/c/${c.slug}`}>{c.title}</Link>
              </h3>
              <p className="meta">{c.publishedBy}</p>
              <p className="meta"><WindowSentence c={c} now={now} /></p>
              {c.summary ? <p>{ellipsize(c.summary, 280)}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
