import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../utils/format.js";
import { countPublicEntriesByKind, recentPublicEntries } from "../utils/services.server.js";

export const meta: MetaFunction = () => [{ title: "Transparency · Margin" }];

/** How many recent entries the page lists. */
export const RECENT_ENTRIES = 20;

const KIND_LABEL: Record<string, string> = {
  change_set: "Text changes",
  version: "Versions published",
  phase_change: "Phase changes",
  moderation: "Moderation decisions",
  disposition: "Responses to comments",
  suggestion_decision: "Decisions on suggestions",
  settings: "Settings (dates, moderation, title)",
  membership: "Team changes",
  report_frozen: "Final reports frozen",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, env } = context.margin.services;
  const [recent, counts] = await Promise.all([recentPublicEntries(db, RECENT_ENTRIES), countPublicEntriesByKind(db)]);
  const origin = env.ORIGIN ? new URL(env.ORIGIN).origin : new URL(request.url).origin;
  return {
    origin,
    head: recent[0] ? { seq: recent[0].seq, hash: recent[0].hash, at: recent[0].created_at } : null,
    counts,
    recent: recent.map((e) => ({ seq: e.seq, kind: e.kind, at: e.created_at, hash: e.hash, consultation: e.slug && e.title ? { slug: e.slug, title: e.title } : null })),
  };
}

export default function Transparency() {
  const { origin, head, counts, recent } = useLoaderData<typeof loader>();
  const total = counts.reduce((n, c) => n + c.n, 0);
  return (
    <>
      <div className="page-head">
        <h1>Transparency</h1>
        <p className="lead">
          Everything that shapes a consultation’s outcome is written to a public, append-only ledger: every change to the text, every published
          version, every phase change, every moderation decision and every response to a comment. Each entry’s hash covers its content and the
          hash of the entry before it, so no past entry can be changed, removed or reordered without every later hash changing.
        </p>
      </div>
      <section className="card" aria-labelledby="head-title">
        <h2 id="head-title">The current head</h2>
        {head ? (
          <>
            <p>{`Entry ${head.seq}, written ${formatDateTime(head.at)}. Its hash:`}</p>
            <p>
              <code className="secret" data-testid="ledger-head">{head.hash}</code>
            </p>
            <p className="muted">
              Write this hash down or publish it elsewhere (a newsletter, an official gazette). Anyone who later finds a ledger whose entry {head.seq}{" "}
              has a different hash knows that the record was rewritten.
            </p>
          </>
        ) : (
          <p className="empty">The ledger is empty: no consultation has opened yet.</p>
        )}
      </section>
      <section className="card" aria-labelledby="verify-title">
        <h2 id="verify-title">Check it yourself</h2>
        <p>With Node.js 20 or later and a copy of Margin, run:</p>
        <pre className="secret">{`npx margin verify --url ${origin}`}</pre>
        <p>
          This downloads the whole ledger, checks every link and hash, replays every section’s recorded changes with Yjs (the same engine the editor
          uses) and checks that each step gives the text the ledger recorded, and that the replay ends at the text published today. It stops at the
          first entry that does not match and names it.
        </p>
        <p>
          The ledger is also open to any tool: <a href="/api/v1/ledger">/api/v1/ledger</a> (pages of entries; follow <code>nextAfter</code>) and{" "}
          <a href="/api/v1/ledger/head">/api/v1/ledger/head</a>. An entry’s hash is SHA-256 of the canonical JSON (RFC 8785) of its chain, sequence
          number, kind, consultation, section, subject, time, payload and the previous entry’s hash.
        </p>
        <p className="muted">
          What the ledger never shows: the words of hidden or confidential comments. Entries about them carry a salted hash instead, which proves the
          record refers to one particular text without revealing it. Drafting done before a consultation opens stays with its team; the public entry
          that opens the consultation carries the hash of that private history and each section’s text at opening.
        </p>
      </section>
      <section className="card" aria-labelledby="counts-title">
        <h2 id="counts-title">{`What the ledger holds (${total} entries)`}</h2>
        {counts.length === 0 ? (
          <p className="empty">Nothing yet.</p>
        ) : (
          <ul>
            {counts.map((c) => (
              <li key={c.kind}>{`${KIND_LABEL[c.kind] ?? c.kind}: ${c.n}`}</li>
            ))}
          </ul>
        )}
      </section>
      {recent.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">The newest ledger entries</caption>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Consultation</th>
                <th scope="col">Hash</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((e) => (
                <tr key={e.seq}>
                  <td>
                    <a href={`/api/v1/ledger?after=${e.seq - 1}&limit=1`}>{e.seq}</a>
                  </td>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{KIND_LABEL[e.kind] ?? e.kind}</td>
                  <td>{e.consultation ? <Link to={`/c/${e.consultation.slug}`}>{e.consultation.title}</Link> : "—"}</td>
                  <td>
                    <span className="hash">{`${e.hash.slice(0, 16)}…`}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
