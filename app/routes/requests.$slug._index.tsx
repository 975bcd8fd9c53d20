import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LEVELS, kindLabel, levelLabel, questionKindLabel, readersOf } from "../components/requests/labels.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { requestPageData } from "../utils/info-requests.server.js";
import { organisationFollowButtons } from "../utils/follow.server.js";
import { FollowButton } from "../components/follow-button.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? `${t("request.page.meta", { title: data.request.title })} · Margin` : `${t("request.crumb")} · Margin` }];
};

export async function loader({ params, context }: LoaderFunctionArgs) {
  const page = await requestPageData(context, params.slug ?? "");
  // Anyone signed in may follow the requests to an organisation this one asks (who was asked is public once issued).
  const orgFollow = page.request.phase === "draft" || !context.margin.auth ? {} : await organisationFollowButtons(context, page.request.invited.map((o) => o.slug), `/requests/${page.request.slug}`);
  return { ...page, orgFollow };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
const PHASE_BADGE = { draft: ["badge--draft", "request.phase.draft"], open: ["badge--open", "request.phase.open"], closed: ["badge--closed", "request.phase.closed"] } as const;

export default function RequestPage() {
  const d = useLoaderData<typeof loader>();
  const r = d.request;
  const [badgeClass, badgeText] = PHASE_BADGE[r.phase];
  const { t, dateTime, date, timeLeft } = useT();
  const tz = r.timeZone;
  const lang = r.contentLanguage;
  const sep = t("request.list.sep");
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("request.breadcrumb")}>
        <Link to="/requests">{t("request.crumb")}</Link> ›{" "}
        <span aria-current="page" lang={lang}>
          {r.title}
        </span>
      </nav>
      <div className="page-head">
        <span className={`badge ${badgeClass}`}>{t(badgeText)}</span>
        <h1 style={{ marginTop: "0.6rem" }} lang={lang}>
          {r.title}
        </h1>
        <p className="meta">
          {r.phase === "closed" || Date.parse(r.deadline) <= Date.parse(d.now) ? t("request.closedOn", { at: dateTime(r.deadline, tz) }) : t("request.deadline", { at: dateTime(r.deadline, tz), left: timeLeft(r.deadline, d.now) })}
          {r.issuedAt ? ` · ${t("request.issuedOn", { date: date(r.issuedAt, tz) })}` : ""}
        </p>
        <Actions d={d} />
      </div>

      <section className="card" aria-labelledby="rule-title">
        <h2 id="rule-title">{t("request.page.rule")}</h2>
        <p>
          <strong>{t("request.page.ruleStrong")}</strong>
        </p>
        <p className="muted">{t("request.page.ruleMore", { k: r.k })}</p>
      </section>

      <section className="card" aria-labelledby="purpose-title">
        <h2 id="purpose-title">{t("request.page.purpose")}</h2>
        <p style={{ whiteSpace: "pre-wrap" }} lang={lang}>
          {r.purpose}
        </p>
        <h3>{t("request.page.legalBasis")}</h3>
        <p style={{ whiteSpace: "pre-wrap" }} lang={lang}>
          {r.legalBasis}
        </p>
        <p className="muted">{t("request.page.retention", { days: r.retentionDays })}</p>
        <p>
          <FormattedMessage id="request.page.reads" values={{ reads: d.reads.reads, exports: d.reads.exports, strong: (c) => <strong>{c}</strong> }} />
        </p>
      </section>

      <section className="card" aria-labelledby="readers-title">
        <h2 id="readers-title">{t("request.page.readers")}</h2>
        <p>{t("request.page.readersLead")}</p>
        <dl>
          {LEVELS.map((l) => (
            <div key={l}>
              <dt>
                <strong>{levelLabel(t, l)}</strong>
              </dt>
              <dd>{readersOf(t, l, r.k)}</dd>
            </div>
          ))}
        </dl>
        <h3>{t("request.page.bodies")}</h3>
        <p className="muted">{t("request.page.bodiesNote", { level: levelLabel(t, "recipients") })}</p>
        <ul>
          {r.recipientBodies.map((b) => (
            <li key={b.slug}>
              <strong>{b.name}</strong>
              {b.description ? <span className="muted"> — {b.description}</span> : null}
              <br />
              {t("request.page.members", { members: b.members.length === 0 ? t("request.page.membersNone") : b.members.join(sep) })}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/recipient-bodies">{t("request.page.allBodies")}</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="questions-title">
        <h2 id="questions-title">{t("request.page.questions")}</h2>
        <ol>
          {r.questions.map((q) => (
            <li key={q.id} style={{ marginBottom: "1rem" }}>
              <strong style={{ whiteSpace: "pre-wrap" }} lang={lang}>
                {q.prompt}
              </strong>{" "}
              {q.required ? t("request.page.required") : t("request.page.optional")}
              <br />
              <span className="muted">{t("request.page.questionMeta", { kind: questionKindLabel(t, q.kind), level: levelLabel(t, q.maxLevel) })}</span>
              {q.help ? (
                <p className="muted" style={{ whiteSpace: "pre-wrap", margin: "0.3rem 0 0" }} lang={lang}>
                  {q.help}
                </p>
              ) : null}
              {q.choices.length > 0 ? (
                <ul lang={lang}>
                  {q.choices.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="who-title">
        <h2 id="who-title">{t("request.page.who")}</h2>
        {r.invited.length === 0 ? <p>{t("request.page.noInvited")}</p> : null}
        {r.invited.length > 0 ? (
          <>
            <p>{t("request.page.invitedCount", { n: r.invited.length })}</p>
            <ul>
              {r.invited.map((o) => (
                <li key={o.slug}>
                  {o.name} <span className="muted">{t(o.verified ? "request.page.orgVerified" : "request.page.orgKind", { kind: kindLabel(t, o.kind) })}</span>
                  {d.orgFollow[o.slug] ? <FollowButton state={d.orgFollow[o.slug]!} subject={t("follow.subject.organisation", { org: o.name })} hintId={`follow-${o.slug}`} /> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>{r.openToKinds.length === 0 ? t("request.page.notOpen") : t("request.page.openTo", { kinds: r.openToKinds.map((k) => kindLabel(t, k)).join(sep) })}</p>
        {d.organisation ? (
          <p className="notice notice--small">
            {t(d.organisation.role === "representative" ? "request.page.asRep" : "request.page.asMember", { org: d.organisation.name })}
          </p>
        ) : null}
      </section>

      {r.sections.length > 0 ? (
        <section className="card" aria-labelledby="sections-title">
          <h2 id="sections-title">{t("request.page.sections")}</h2>
          <ul>
            {r.sections.map((s) => (
              <li key={s.id}>
                <Link to={s.path}>
                  {s.consultation.title} › {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t("request.page.history")}</h2>
        {r.history.length === 0 ? <p className="muted">{t("request.page.notIssued")}</p> : null}
        <ol className="timeline">
          {r.history.map((h) => (
            <li key={h.seq}>
              {t(h.action === "issued" ? "request.page.issued" : "request.page.changed", { at: dateTime(h.at, tz) })}
              {h.deadline ? t("request.page.moved", { from: dateTime(h.deadline.from, tz), to: dateTime(h.deadline.to, tz) }) : ""}
              {h.invited && h.invited.added.length > 0 ? t("request.page.added", { names: h.invited.added.map((o) => o.name).join(sep) }) : ""}
              {h.invited && h.invited.removed.length > 0 ? t("request.page.removed", { names: h.invited.removed.map((o) => o.name).join(sep) }) : ""}
              {h.reason ? t("request.page.reason", { reason: h.reason }) : null} <span className="muted">{t("request.page.entry", { seq: h.seq })}</span>
            </li>
          ))}
        </ol>
        <p className="muted">
          <FormattedMessage id="request.page.record" values={{ link: (c) => <Link to="/transparency">{c}</Link> }} />
        </p>
      </section>
    </>
  );
}

/** The ways on from here that this viewer has: answering, reading, results, or managing. */
function Actions({ d }: { d: Data }) {
  const r = d.request;
  const { t } = useT();
  const links: { to: string; label: string; primary?: boolean }[] = [];
  if (d.can.manage && r.phase === "draft") links.push({ to: `/requests/${r.slug}/edit`, label: t("request.action.edit") }, { to: `/requests/${r.slug}/issue`, label: t("request.action.issue"), primary: true });
  if (d.can.manage && r.phase === "open") links.push({ to: `/requests/${r.slug}/change`, label: t("request.action.change") });
  if (d.can.respond) links.push({ to: `/requests/${r.slug}/respond`, label: t("request.action.respond"), primary: true });
  else if (d.can.viewOwnResponse) links.push({ to: `/requests/${r.slug}/respond`, label: t("request.action.own") });
  if (d.can.viewOwnResponse) links.push({ to: `/requests/${r.slug}/access`, label: t("request.action.access") });
  if (d.can.readRestricted) links.push({ to: `/requests/${r.slug}/answers`, label: t("request.action.read") });
  if (d.can.viewResults) links.push({ to: `/requests/${r.slug}/results`, label: t("request.action.results"), primary: true });
  if (links.length === 0) return null;
  return (
    <p className="button-row">
      {links.map((l) => (
        <Link key={l.to + l.label} to={l.to} className={l.primary ? "button" : "button button--secondary"}>
          {l.label}
        </Link>
      ))}
    </p>
  );
}
