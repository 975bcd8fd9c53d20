import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { data } from "@remix-run/node";
import { z } from "zod";
import { metaTranslator, useT } from "../i18n/index.js";
import { listVariations, PUBLIC_VIEWER, readCampaign, requireConsultation, requireSection } from "../utils/services.server.js";
import { getUser, orStatus } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: d ? t("campaigns.meta", { title: d.consultation.title }) : t("campaigns.meta.none") }];
};

/** Variations shown per page. */
const VARIATIONS_PAGE = 50;
/** `?n&k`: the count and key of the last variation of the previous page; anything else is the first page. */
const AfterSchema = z.object({ n: z.coerce.number().int().min(0), k: z.string().min(1).max(40) }).optional().catch(undefined);

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  // Public data, whoever reads: the count is of public, published submissions only (ADR 030).
  const campaign = await readCampaign(db, params.id ?? "", PUBLIC_VIEWER);
  if (!campaign || campaign.consultationId !== view.consultation.id) throw data({ message: "That campaign does not exist or is not visible to you." }, { status: 404 });
  const section = await orStatus(requireSection(db, view, campaign.sectionId));
  const q = new URL(request.url).searchParams;
  const after = AfterSchema.parse(q.has("n") ? { n: q.get("n"), k: q.get("k") } : undefined);
  const rows = await listVariations(db, campaign.id, PUBLIC_VIEWER, { limit: VARIATIONS_PAGE + 1, ...(after ? { after: { count: after.n, key: after.k } } : {}) });
  const variations = rows.slice(0, VARIATIONS_PAGE);
  const last = variations[variations.length - 1];
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, contentLanguage: view.consultation.content_language, timeZone: view.consultation.time_zone },
    section: { id: section.id, title: section.title },
    campaign: { id: campaign.id, count: campaign.count, text: campaign.text, firstSeen: campaign.firstSeen, lastSeen: campaign.lastSeen },
    variations: variations.map((v) => ({ kind: v.kind, text: v.text, count: v.count, key: v.key })),
    next: rows.length > VARIATIONS_PAGE && last ? `?n=${last.count}&k=${encodeURIComponent(last.key)}` : null,
  };
}

export default function Campaign() {
  const { consultation: c, section, campaign, variations, next } = useLoaderData<typeof loader>();
  const { t, dateTime } = useT();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={c.contentLanguage}>
          {c.title}
        </Link>{" "}
        › <span aria-current="page">{t("campaigns.heading")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("campaigns.heading")}</h1>
        <p className="lead" data-testid="campaign-count">
          {t("campaigns.count", { n: campaign.count })}
        </p>
        <p>{t("campaigns.lead")}</p>
        <p className="muted">{t("campaigns.period", { first: dateTime(campaign.firstSeen, c.timeZone), last: dateTime(campaign.lastSeen, c.timeZone) })}</p>
      </div>
      <section className="card" aria-labelledby="campaign-text-title">
        <h2 id="campaign-text-title">{t("campaigns.text")}</h2>
        <blockquote lang={c.contentLanguage} style={{ whiteSpace: "pre-wrap" }}>
          {campaign.text}
        </blockquote>
        <p>
          {t("campaigns.inSection")}
          <Link to={`/c/${c.slug}/s/${section.id}`} lang={c.contentLanguage}>
            {section.title}
          </Link>
        </p>
      </section>
      <section className="card" aria-labelledby="variations-title">
        <h2 id="variations-title">{t("campaigns.variations")}</h2>
        <p className="muted">{t("campaigns.variations.lead")}</p>
        {variations.length === 0 ? (
          <p className="empty">{t("campaigns.variations.none")}</p>
        ) : (
          <ul className="variations">
            {variations.map((v) => (
              <li key={v.key}>
                {v.kind === "adds" ? <q lang={c.contentLanguage}>{v.text}</q> : <em>{t(v.kind === "same" ? "campaigns.variation.same" : "campaigns.variation.edited")}</em>} <span className="muted">({t("campaigns.variation.count", { n: v.count })})</span>
              </li>
            ))}
          </ul>
        )}
        {next ? <Link to={next}>{t("campaigns.variations.more")}</Link> : null}
      </section>
    </>
  );
}
