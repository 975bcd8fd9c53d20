import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormattedMessage, metaTranslator, useT, type Translator } from "../../i18n/index.js";
import { submissionsPage } from "./data.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches).t("submissions.meta")} · Margin` }];

export async function loader(args: LoaderFunctionArgs) {
  return submissionsPage(args);
}

type Item = Awaited<ReturnType<typeof submissionsPage>>["items"][number];
type T = Translator["t"];

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
  const { items, total, page, pages } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("request.breadcrumb")}>
        <Link to="/account">{t("submissions.crumb.account")}</Link> › <span aria-current="page">{t("submissions.title")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("submissions.title")}</h1>
        <p className="lead">{total === 0 ? t("submissions.none") : t("submissions.count", { n: total })}</p>
      </div>
      {items.length > 0 ? (
        <ol className="submissions" aria-label={t("submissions.listLabel")}>
          {items.map((item) => (
            <Submission key={item.reference} item={item} />
          ))}
        </ol>
      ) : null}
      {pages > 1 ? (
        <nav className="pager" aria-label={t("submissions.pages")}>
          {page > 1 ? <Link to={`?page=${page - 1}`}>{t("submissions.newer")}</Link> : <span />}
          <span>{t("submissions.page", { page, pages })}</span>
          {page < pages ? <Link to={`?page=${page + 1}`}>{t("submissions.older")}</Link> : <span />}
        </nav>
      ) : null}
      <Explainer />
    </>
  );
}
