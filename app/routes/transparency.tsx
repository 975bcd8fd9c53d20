import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../utils/format.js";
import { countPublicEntriesByKind, latestPublicCheckpoint, recentPublicEntries } from "../utils/services.server.js";

/** Long commands wrap inside their box instead of running off the page. */
const WRAP = { whiteSpace: "pre-wrap" } as const;

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
  withdrawal: "Withdrawals",
  submission: "Submissions (comments, replies, suggestions)",
  edit: "Edits to submissions",
  position: "Positions taken or changed",
  settings: "Settings changes (dates, moderation, title)",
  membership: "Team changes",
  report_frozen: "Final reports frozen",
  organisation: "Organisations registered, verified and their representatives",
  request: "Information requests: issued, changed, submissions' receipts, declines, results",
  recipient_body: "Recipient bodies and their members",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, env } = context.margin.services;
  const { ledgerKey } = context.margin.services;
  const [recent, counts, checkpoint] = await Promise.all([recentPublicEntries(db, RECENT_ENTRIES), countPublicEntriesByKind(db), latestPublicCheckpoint(db)]);
  const origin = env.ORIGIN ? new URL(env.ORIGIN).origin : new URL(request.url).origin;
  return {
    origin,
    head: recent[0] ? { seq: recent[0].seq, hash: recent[0].hash, at: recent[0].created_at } : null,
    counts,
    key: { keyId: ledgerKey.info.keyId, publicKey: ledgerKey.info.publicKey },
    checkpoint: checkpoint && {
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      time: checkpoint.time,
      witnesses: checkpoint.witnesses.map((w) => ({ keyId: w.keyId, name: w.name, at: w.at })),
    },
    recent: recent.map((e) => ({ seq: e.seq, kind: e.kind, at: e.created_at, hash: e.hash, consultation: e.slug && e.title ? { slug: e.slug, title: e.title } : null })),
  };
}

export default function Transparency() {
  const { origin, head, counts, recent, key, checkpoint } = useLoaderData<typeof loader>();
  const total = counts.reduce((n, c) => n + c.n, 0);
  return (
    <>
      <div className="page-head">
        <h1>Transparency</h1>
        <p className="lead">
          Everything that shapes a consultation’s outcome is written to a public, append-only ledger. Each entry’s hash covers its content and the
          hash of the entry before it, so no past entry can be changed, removed or reordered without every later hash changing. This server signs
          the newest entry regularly, and independent witnesses keep copies of those signatures, so the operator cannot quietly replace the ledger
          with another one either.
        </p>
      </div>
      <section className="card" aria-labelledby="witnessed-title">
        <h2 id="witnessed-title">The witnessed head</h2>
        {checkpoint ? (
          <>
            <p data-testid="witnessed-head">
              {checkpoint.witnesses.length === 0
                ? `Checkpoint #${checkpoint.seq} signed at ${formatDateTime(checkpoint.time)}; no independent witness has co-signed it yet.`
                : `Checkpoint #${checkpoint.seq} signed at ${formatDateTime(checkpoint.time)}, seen by ${checkpoint.witnesses.length} independent ${checkpoint.witnesses.length === 1 ? "witness" : "witnesses"}.`}
            </p>
            <p>
              Its hash: <code className="hash">{checkpoint.hash}</code>
            </p>
            {checkpoint.witnesses.length > 0 ? (
              <>
                <p>Witnesses that co-signed it. Each chose its own name; only its key is proven, and Margin does not check who holds a key: trust a witness whose key it publishes itself (on its own website, say).</p>
                <ul data-testid="witnesses">
                  {checkpoint.witnesses.map((w) => (
                    <li key={w.keyId}>
                      {`“${w.name}” (self-named), key `}
                      <code className="hash">{w.keyId}</code>
                      {`, ${formatDateTime(w.at)}`}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted">Anyone can become a witness: see “Run a witness” below.</p>
            )}
          </>
        ) : (
          <p className="empty">Nothing has been signed yet: the ledger is empty until a consultation opens.</p>
        )}
        {head && checkpoint && head.seq > checkpoint.seq ? (
          <p className="muted">{`The ledger has grown to entry #${head.seq} since; the next checkpoint will cover it.`}</p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="covers-title">
        <h2 id="covers-title">What the record covers</h2>
        <ul>
          <li>Every change to a consultation’s text, every published version and every phase change (opening, closing, reopening, final).</li>
          <li>Every submission: comments, replies and suggestions, their edits and withdrawals, and every position taken or changed.</li>
          <li>Every moderation decision with its reason, and every response to a comment or suggestion, including when a response is replaced.</li>
          <li>Every change to a consultation’s settings (dates, moderation mode) and to its team (who joined, who left, with which role).</li>
          <li>The response report of a consultation marked final, frozen: later corrections appear as new entries, never as silent edits.</li>
        </ul>
        <h3>What it does not cover</h3>
        <ul>
          <li>
            The words of hidden or confidential submissions. The record holds only a salted digest of them: it proves the entry is about one
            particular text without revealing it.
          </li>
          <li>
            Drafting before a consultation opens stays private to its team. The entry that opens the consultation carries the hash of that private
            history and each section’s text at opening, so it cannot be rewritten afterwards.
          </li>
          <li>
            The ledger can only show what was written to it: an operator who refuses to record something at all (turning a submission away before it
            is stored, say) leaves no entry. A submitter’s receipt is the proof that a submission was accepted.
          </li>
          <li>
            Entries after the latest checkpoint are not yet signed. Until the next checkpoint, they are protected only by the witnesses and receipts
            that have seen them.
          </li>
        </ul>
      </section>
      <section className="card" aria-labelledby="verify-title">
        <h2 id="verify-title">Check it yourself</h2>
        <p>With Node.js 20 or later, run:</p>
        <pre className="secret" style={WRAP}>{`npx margin verify --url ${origin}`}</pre>
        <p>
          This downloads the whole ledger, checks every link and hash, replays every section’s recorded changes with Yjs (the same engine the editor
          uses) and checks that each step gives the text the ledger recorded, and that the replay ends at the text published today. It also checks
          every signed checkpoint: that this server’s key signed it, and that the ledger still holds the entry it signed, with the same hash. It stops
          at the first thing that does not match and names it.
        </p>
        <p>
          The ledger is also open to any tool: <a href="/api/v1/ledger">/api/v1/ledger</a> (pages of entries; follow <code>nextAfter</code>),{" "}
          <a href="/api/v1/ledger/head">/api/v1/ledger/head</a> and the signed checkpoints at{" "}
          <a href="/api/v1/ledger/checkpoints">/api/v1/ledger/checkpoints</a>. An entry’s hash is SHA-256 of the canonical JSON (RFC 8785) of its
          chain, sequence number, kind, consultation, section, subject, time, payload and the previous entry’s hash. A checkpoint is an Ed25519
          signature over the canonical JSON of <code>{"{chain, seq, hash, time}"}</code>.
        </p>
      </section>
      <section className="card" aria-labelledby="key-title">
        <h2 id="key-title">This server’s signing key</h2>
        <p>
          Key id <code className="hash" data-testid="key-id">{key.keyId}</code> (the first 16 hex characters of the SHA-256 of the public key).
        </p>
        <p>Public key (Ed25519, base64 of its 32 bytes):</p>
        <code className="secret" data-testid="public-key">{key.publicKey}</code>
        <p className="muted">
          Also at <a href="/.well-known/margin-ledger-key">/.well-known/margin-ledger-key</a>. Compare it with the key the organisation publishes
          elsewhere (its own website, an official gazette): a witness pins it on its first run and reports any change.
        </p>
      </section>
      <section className="card" aria-labelledby="witness-title">
        <h2 id="witness-title">Run a witness</h2>
        <p>
          A witness is anyone (a newspaper, an industry association, a university) who checks this ledger on a schedule and keeps what it saw. Each
          run fetches the newest checkpoint, checks its signature and that it extends the one the witness stored last time, entry by entry. If this
          server ever rewrites its history, cuts it short, or shows different people different histories, a witness that saw the earlier head notices
          and says so.
        </p>
        <pre className="secret" style={WRAP}>{`npx margin keys init --out witness-key.pem
npx margin witness --url ${origin} --state ./margin-witness --key witness-key.pem --name "Your organisation"`}</pre>
        <p>To run it every 15 minutes with cron (it prints one line, and exits with an error on any problem):</p>
        <pre className="secret" style={WRAP}>{`*/15 * * * * cd /srv/witness && npx margin witness --url ${origin} --state ./margin-witness --key witness-key.pem --name "Your organisation" >> witness.log 2>&1`}</pre>
        <p className="muted">
          With <code>--key</code>, the witness also co-signs the checkpoint, and its name appears above. Without it, it only checks and keeps its own
          copy. Keep the state directory: it is the witness’s memory of what this server has signed.
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
