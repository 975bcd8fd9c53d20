import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { PhaseBadge, WindowSentence } from "../components/status.js";
import { ellipsize } from "../utils/format.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { actualWindowsOf, listConsultations, mayCreateConsultations, phaseOf, publishersOf } from "../utils/services.server.js";
import { getUser } from "../utils/request.server.js";

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches).t("home.meta.title") }];

export const HOME_LIST_LIMIT = 50;

export async function loader({ context }: LoaderFunctionArgs) {
  const user = getUser(context);
  const now = new Date();
  const { db } = context.margin.services;
  const rows = await listConsultations(db, user, { limit: HOME_LIST_LIMIT });
  const [publishers, actual] = await Promise.all([publishersOf(db, rows), actualWindowsOf(db, rows, now)]);
  return {
    now: now.toISOString(),
    signedIn: user !== null,
    mayCreate: mayCreateConsultations(user),
    consultations: rows.map((c) => ({
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      contentLanguage: c.content_language,
      timeZone: c.time_zone,
      phase: phaseOf(c, now),
      opensAt: c.opens_at,
      closesAt: c.closes_at,
      closedAt: actual.get(c.id)?.closedAt ?? null,
      publisher: publishers.get(c.id)!,
    })),
  };
}

export default function Home() {
  const { consultations, now, signedIn, mayCreate } = useLoaderData<typeof loader>();
  const { t } = useT();
  const link = (to: string) => (chunks: ReactNode[]) => <Link to={to}>{chunks}</Link>;
  return (
    <>
      <section className="hero">
        <h1>{t("home.hero.title")}</h1>
        <p className="lead">{t("home.hero.lead")}</p>
      </section>
      <h2>{t("home.list.title")}</h2>
      {consultations.length === 0 ? (
        <p className="empty">
          {t("home.empty")}{" "}
          {mayCreate ? (
            <FormattedMessage id="home.empty.create" values={{ link: link("/consultations/new") }} />
          ) : signedIn ? (
            t("home.empty.signedIn")
          ) : (
            <FormattedMessage id="home.empty.signIn" values={{ link: link("/login") }} />
          )}
        </p>
      ) : (
        <ul className="card-list">
          {consultations.map((c) => (
            <li key={c.slug}>
              <PhaseBadge phase={c.phase} />
              <h3 lang={c.contentLanguage}>
                <Link to={`/c/${c.slug}`}>{c.title}</Link>
              </h3>
              <p className="meta">{c.publisher.organisation ? t("home.publishedByOrg", c.publisher) : t("home.publishedBy", c.publisher)}</p>
              <p className="meta"><WindowSentence c={c} now={now} /></p>
              {c.summary ? <p lang={c.contentLanguage}>{ellipsize(c.summary, 280)}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
