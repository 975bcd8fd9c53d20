import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormattedMessage, metaTranslator, useT, type Translator } from "../i18n/index.js";
import { countPublicEntriesByKind, latestPublicCheckpoint, recentPublicEntries } from "../utils/services.server.js";

/** Long commands wrap inside their box instead of running off the page. */
const WRAP = { whiteSpace: "pre-wrap" } as const;

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("transparency.meta")} · Margin` }];

/** How many recent entries the page lists. */
export const RECENT_ENTRIES = 20;

/** The ledger's entry kinds this page names; any other kind shows as it is. */
const KINDS = [
  "change_set",
  "version",
  "phase_change",
  "moderation",
  "disposition",
  "suggestion_decision",
  "withdrawal",
  "submission",
  "edit",
  "position",
  "settings",
  "membership",
  "report_frozen",
  "organisation",
  "request",
  "recipient_body",
  "publication",
] as const;
type Kind = (typeof KINDS)[number];
const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);
const kindLabel = (t: Translator["t"], k: string) => (isKind(k) ? t(`transparency.kind.${k}`) : k);

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
  const { t, dateTime } = useT();
  const code = (c: React.ReactNode[]) => <code>{c}</code>;
  return (
    <>
      <div className="page-head">
        <h1>{t("transparency.title")}</h1>
        <p className="lead">{t("transparency.lead")}</p>
      </div>
      <section className="card" aria-labelledby="witnessed-title">
        <h2 id="witnessed-title">{t("transparency.head")}</h2>
        {checkpoint ? (
          <>
            <p data-testid="witnessed-head">
              {checkpoint.witnesses.length === 0
                ? t("transparency.head.unwitnessed", { seq: checkpoint.seq, at: dateTime(checkpoint.time) })
                : t("transparency.head.witnessed", { seq: checkpoint.seq, at: dateTime(checkpoint.time), n: checkpoint.witnesses.length })}
            </p>
            <p>
              <FormattedMessage id="transparency.head.hash" values={{ hash: checkpoint.hash, code: (c) => <code className="hash">{c}</code> }} />
            </p>
            {checkpoint.witnesses.length > 0 ? (
              <>
                <p>{t("transparency.witnesses.lead")}</p>
                <ul data-testid="witnesses">
                  {checkpoint.witnesses.map((w) => (
                    <li key={w.keyId}>
                      <FormattedMessage
                        id="transparency.witness.line"
                        values={{ name: w.name, keyId: w.keyId, at: dateTime(w.at), code: (c) => <code className="hash">{c}</code> }}
                      />
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted">{t("transparency.witnesses.none")}</p>
            )}
          </>
        ) : (
          <p className="empty">{t("transparency.head.empty")}</p>
        )}
        {head && checkpoint && head.seq > checkpoint.seq ? (
          <p className="muted">{t("transparency.head.grown", { seq: head.seq })}</p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="covers-title">
        <h2 id="covers-title">{t("transparency.covers")}</h2>
        <ul>
          <li>{t("transparency.covers.text")}</li>
          <li>{t("transparency.covers.submissions")}</li>
          <li>{t("transparency.covers.moderation")}</li>
          <li>{t("transparency.covers.settings")}</li>
          <li>{t("transparency.covers.final")}</li>
          <li>{t("transparency.covers.requests")}</li>
        </ul>
        <h3>{t("transparency.notCovered")}</h3>
        <ul>
          <li>{t("transparency.notCovered.hidden")}</li>
          <li>{t("transparency.notCovered.drafting")}</li>
          <li>{t("transparency.notCovered.refused")}</li>
          <li>{t("transparency.notCovered.unsigned")}</li>
        </ul>
      </section>
      <section className="card" aria-labelledby="verify-title">
        <h2 id="verify-title">{t("transparency.verify")}</h2>
        <p>{t("transparency.verify.node")}</p>
        <pre className="secret" style={WRAP}>{`npx margin verify --url ${origin}`}</pre>
        <p>{t("transparency.verify.does")}</p>
        <p>
          <FormattedMessage
            id="transparency.verify.api"
            values={{
              ledger: (c) => <a href="/api/v1/ledger">{c}</a>,
              head: (c) => <a href="/api/v1/ledger/head">{c}</a>,
              checkpoints: (c) => <a href="/api/v1/ledger/checkpoints">{c}</a>,
              code,
            }}
          />
        </p>
      </section>
      <section className="card" aria-labelledby="key-title">
        <h2 id="key-title">{t("transparency.key")}</h2>
        <p>
          <FormattedMessage
            id="transparency.key.id"
            values={{
              keyId: key.keyId,
              code: (c) => (
                <code className="hash" data-testid="key-id">
                  {c}
                </code>
              ),
            }}
          />
        </p>
        <p>{t("transparency.key.public")}</p>
        <code className="secret" data-testid="public-key">{key.publicKey}</code>
        <p className="muted">
          <FormattedMessage id="transparency.key.also" values={{ link: (c) => <a href="/.well-known/margin-ledger-key">{c}</a> }} />
        </p>
      </section>
      <section className="card" aria-labelledby="witness-title">
        <h2 id="witness-title">{t("transparency.witness")}</h2>
        <p>{t("transparency.witness.what")}</p>
        <pre className="secret" style={WRAP}>{`npx margin keys init --out witness-key.pem
npx margin witness --url ${origin} --state ./margin-witness --key witness-key.pem --name "${t("transparency.witness.name")}"`}</pre>
        <p>{t("transparency.witness.cron")}</p>
        <pre className="secret" style={WRAP}>{`*/15 * * * * cd /srv/witness && npx margin witness --url ${origin} --state ./margin-witness --key witness-key.pem --name "${t("transparency.witness.name")}" >> witness.log 2>&1`}</pre>
        <p className="muted">
          <FormattedMessage id="transparency.witness.key" values={{ code }} />
        </p>
      </section>
      <section className="card" aria-labelledby="counts-title">
        <h2 id="counts-title">{t("transparency.counts", { n: total })}</h2>
        {counts.length === 0 ? (
          <p className="empty">{t("transparency.counts.none")}</p>
        ) : (
          <ul>
            {counts.map((c) => (
              <li key={c.kind}>{t("transparency.count", { label: kindLabel(t, c.kind), n: c.n })}</li>
            ))}
          </ul>
        )}
      </section>
      {recent.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("transparency.recent")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("transparency.col.entry")}</th>
                <th scope="col">{t("transparency.col.when")}</th>
                <th scope="col">{t("transparency.col.what")}</th>
                <th scope="col">{t("transparency.col.consultation")}</th>
                <th scope="col">{t("transparency.col.hash")}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((e) => (
                <tr key={e.seq}>
                  <td>
                    <a href={`/api/v1/ledger?after=${e.seq - 1}&limit=1`}>{e.seq}</a>
                  </td>
                  <td>{dateTime(e.at)}</td>
                  <td>{kindLabel(t, e.kind)}</td>
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
