import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormattedMessage, metaTranslator, useT, type Translator } from "../../i18n/index.js";
import { submissionsPage } from "./data.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("submissions.meta")} · Margin` }];

export async function loader(args: LoaderFunctionArgs) {
  return submissionsPage(args);
}

type Data = Awaited<ReturnType<typeof submissionsPage>>;
type Item = Extract<Data["items"][number], { source: "receipt" }>;
type RequestItem = Extract<Data["items"][number], { source: "request" }>;
type Kind = Data["kind"];
type T = Translator["t"];

/** The kinds the list can be narrowed to, in the order the filter offers them. */
const KINDS: readonly Kind[] = ["all", "comment", "reply", "suggestion", "position", "confidential", "request"];

function kindText(t: T, kind: Item["kind"]): string {
  if (kind.subject !== "position") return t(`submissions.kind.${kind.subject}`);
  return kind.stance ? t("submissions.kind.positionStance", { stance: t(`submissions.stance.${kind.stance}`) }) : t("submissions.kind.position");
}

function Status({ item }: { item: Item }) {
  const { t, dateTime } = useT();
  return (
    <p className={`submission__status submission__status--${item.status}`}>
      <strong>{t(`submissions.status.${item.status}`)}</strong>
      {item.moderationReason ? t("submissions.reason", { reason: t(`submissions.reason.${item.moderationReason}`) }) : null}
      {item.editedAt && item.status !== "withdrawn" ? t("submissions.edited", { at: dateTime(item.editedAt) }) : null}
    </p>
  );
}

/** A suggested amendment's fate in the text, apart from the team's written response. */
function SuggestionDecision({ decision }: { decision: NonNullable<Item["suggestion"]> }) {
  const { t, dateTime } = useT();
  if (decision.status === "open") return <p className="submission__decision">{t("mySubmissions.suggestion.open")}</p>;
  const at = decision.at ? dateTime(decision.at) : "";
  return (
    <p className={`submission__decision submission__decision--${decision.status}`}>
      <strong>{decision.status === "accepted" ? t("mySubmissions.suggestion.accepted", { at }) : t("mySubmissions.suggestion.declined", { at })}</strong>
      {decision.status === "declined" && decision.reason ? t("mySubmissions.suggestion.reason", { reason: decision.reason }) : null}
    </p>
  );
}

/** Who read a confidential submission, and when: every read by its recipients is logged. */
function Reads({ reads }: { reads: NonNullable<Item["reads"]> }) {
  const { t, dateTime } = useT();
  if (reads.length === 0) return <p className="muted">{t("submissions.reads.none")}</p>;
  return (
    <details className="submission__reads">
      <summary>{t("submissions.reads.count", { n: reads.length })}</summary>
      <ul>
        {reads.map((r, i) => (
          <li key={i}>
            {r.action === "export" ? t("submissions.reads.export", { reader: r.reader, n: r.items ?? 0 }) : t("submissions.reads.read", { reader: r.reader })}{" "}
            <time dateTime={r.at}>{dateTime(r.at)}</time>
          </li>
        ))}
      </ul>
    </details>
  );
}

function Submission({ item }: { item: Item }) {
  const { t, dateTime } = useT();
  const where = item.section?.title ?? t("submissions.theConsultation");
  return (
    <li className="card submission">
      <h2 className="submission__title">
        <FormattedMessage
          id="submissions.heading"
          values={{ kind: kindText(t, item.kind), where, link: (c) => (item.href ? <Link to={item.href}>{c}</Link> : <>{c}</>) }}
        />
      </h2>
      <p className="meta">
        <Link to={`/c/${item.consultation.slug}`}>{item.consultation.title}</Link> · {t("submissions.submitted", { at: dateTime(item.submittedAt) })}
      </p>
      {item.excerpt ? <blockquote className="submission__excerpt">{item.excerpt}</blockquote> : null}
      <Status item={item} />
      {item.status === "confidential" ? <Reads reads={item.reads ?? []} /> : null}
      {item.suggestion ? <SuggestionDecision decision={item.suggestion} /> : null}
      {item.response ? (
        <div className="submission__response">
          <p>
            <strong>{t("submissions.response", { outcome: t(`submissions.outcome.${item.response.outcome}`) })}</strong>
            {item.response.at ? <span className="meta"> · {dateTime(item.response.at)}</span> : null}
          </p>
          {item.response.text ? <p>{item.response.text}</p> : null}
        </div>
      ) : (
        <p className="muted">{t("submissions.noResponse")}</p>
      )}
      <p className="submission__receipt">
        <FormattedMessage
          id="submissions.reference"
          values={{ reference: item.reference, seq: item.ledgerSeq, ref: (c) => <strong className="reference">{c}</strong> }}
        />
        {item.confidentialReceipt ? t("submissions.salted") : null} ·{" "}
        <a href={item.receiptHref} download={`margin-receipt-${item.reference}.json`}>
          {t("submissions.download")}
          <span className="visually-hidden">{t("submissions.downloadFor", { reference: item.reference })}</span>
        </a>
      </p>
    </li>
  );
}

/** An answer to an information request, written for one's organisation: where it stands, the deadline, and any published results. */
function RequestAnswer({ item }: { item: RequestItem }) {
  const { t, dateTime } = useT();
  return (
    <li className="card submission">
      <h2 className="submission__title">
        <FormattedMessage id="mySubmissions.request.heading" values={{ title: item.request.title, link: (c) => <Link to={item.href}>{c}</Link> }} />
      </h2>
      <p className="meta">
        {t("mySubmissions.request.for", { organisation: item.organisation.name })} · {t("mySubmissions.request.updated", { at: dateTime(item.updatedAt) })}
      </p>
      <p className={`submission__status submission__status--${item.status}`}>
        <strong>{item.status === "submitted" ? t("mySubmissions.request.status.submitted", { revision: item.revision }) : t(`mySubmissions.request.status.${item.status}`)}</strong>
        {item.declineReason ? t("mySubmissions.request.declineReason", { reason: item.declineReason }) : null}
      </p>
      {item.answered !== null && item.status === "submitted" ? <p>{t("mySubmissions.request.answered", { n: item.answered })}</p> : null}
      {item.hasDraft && item.status !== "draft" ? <p>{t("mySubmissions.request.draftPending")}</p> : null}
      {item.member ? null : <p className="muted">{t("mySubmissions.request.notMember", { organisation: item.organisation.name })}</p>}
      <p>{item.closed ? t("mySubmissions.request.closed", { at: dateTime(item.deadline) }) : t("mySubmissions.request.deadline", { at: dateTime(item.deadline) })}</p>
      <div className="submission__response">
        {item.results ? (
          <p>
            <FormattedMessage id="mySubmissions.request.results" values={{ at: dateTime(item.results.at), link: (c) => <Link to={item.results?.href ?? "."}>{c}</Link> }} />
          </p>
        ) : (
          <p className="muted">{t("mySubmissions.request.noResults")}</p>
        )}
      </div>
      {item.reference && item.receiptHref ? (
        <p className="submission__receipt">
          <FormattedMessage id="mySubmissions.request.reference" values={{ reference: item.reference, ref: (c) => <strong className="reference">{c}</strong> }} /> ·{" "}
          <a href={item.receiptHref} download={`margin-receipt-${item.reference}.json`}>
            {t("submissions.download")}
            <span className="visually-hidden">{t("submissions.downloadFor", { reference: item.reference })}</span>
          </a>
        </p>
      ) : null}
    </li>
  );
}

/** Narrows the list to one kind of submission; plain links, so it works before the page's script loads. */
function Filters({ kind }: { kind: Kind }) {
  const { t } = useT();
  return (
    <nav className="submission-filters" aria-label={t("mySubmissions.filters")}>
      <ul>
        {KINDS.map((k) => (
          <li key={k}>
            {k === kind ? (
              <span aria-current="page">{t(`mySubmissions.filter.${k}`)}</span>
            ) : (
              <Link to={k === "all" ? "/account/submissions" : `/account/submissions?kind=${k}`}>{t(`mySubmissions.filter.${k}`)}</Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Explainer() {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="about-receipts">
      <h2 id="about-receipts">{t("submissions.about")}</h2>
      <p>
        <FormattedMessage
          id="submissions.about.one"
          values={{ ref: (c) => <strong className="reference">{c}</strong>, link: (c) => <Link to="/transparency">{c}</Link> }}
        />
      </p>
      <p>
        <FormattedMessage
          id="submissions.about.two"
          values={{ command: `margin verify --receipt FILE --url <${t("submissions.siteAddress")}>`, code: (c) => <code>{c}</code> }}
        />
      </p>
    </section>
  );
}

export default function MySubmissions() {
  const { items, total, page, pages, kind } = useLoaderData<typeof loader>();
  const { t } = useT();
  const pageHref = (n: number) => `?${kind === "all" ? "" : `kind=${kind}&`}page=${n}`;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("request.breadcrumb")}>
        <Link to="/account">{t("submissions.crumb.account")}</Link> › <span aria-current="page">{t("submissions.title")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("submissions.title")}</h1>
        <p className="lead">
          {kind !== "all" ? (total === 0 ? t("mySubmissions.noneOfKind") : t("mySubmissions.countFiltered", { n: total })) : total === 0 ? t("submissions.none") : t("submissions.count", { n: total })}
        </p>
        <p>
          <a href="/account/submissions.json" download>
            {t("mySubmissions.download")}
          </a>{" "}
          <span className="muted">{t("mySubmissions.downloadHint")}</span>
        </p>
      </div>
      <Filters kind={kind} />
      {items.length > 0 ? (
        <ol className="submissions" aria-label={t("submissions.listLabel")}>
          {items.map((item) => (item.source === "request" ? <RequestAnswer key={item.key} item={item} /> : <Submission key={item.reference} item={item} />))}
        </ol>
      ) : null}
      {pages > 1 ? (
        <nav className="pager" aria-label={t("submissions.pages")}>
          {page > 1 ? <Link to={pageHref(page - 1)}>{t("submissions.newer")}</Link> : <span />}
          <span>{t("submissions.page", { page, pages })}</span>
          {page < pages ? <Link to={pageHref(page + 1)}>{t("submissions.older")}</Link> : <span />}
        </nav>
      ) : null}
      <Explainer />
    </>
  );
}
