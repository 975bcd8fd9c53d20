import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, TextArea } from "../components/form.js";
import { MODERATION_REASONS } from "../../common/enums.js";
import { labelIn } from "../components/history/labels.js";
import { FormattedMessage, metaTranslator, useT } from "../i18n/index.js";
import { moderate, moderationDeps, moderationQueue, requireConsultationAction, schemas } from "../utils/services.server.js";
import { formFailure, handleFormError, orStatus, parseForm, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";
import { MODERATION_NOTE_MAX } from "../../common/limits.js";
import { Pager } from "../components/pager.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("moderation.meta", { title: data.consultation.title }) : t("moderation.meta.none") }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultationAction(db, params.slug ?? "", user, "comment.moderate"));
  const parsed = schemas.ListPageQuerySchema.pick({ page: true }).safeParse({ page: new URL(request.url).searchParams.get("page") });
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? "Unknown page.", { status: 400 });
  const pageSize = context.margin.services.env.RAIL_PAGE_SIZE;
  const { items, total } = await orStatus(moderationQueue(moderationDeps(context.margin.services), view, { page: parsed.data.page, pageSize }));
  return {
    consultation: {
      slug: view.consultation.slug,
      title: view.consultation.title,
      mode: view.consultation.moderation_mode,
      contentLanguage: view.consultation.content_language,
      timeZone: view.consultation.time_zone,
    },
    me: user.id,
    paging: { page: parsed.data.page, pages: Math.max(1, Math.ceil(total / pageSize)), total },
    items: items.map((i) => ({
      id: i.id,
      sectionId: i.section_id,
      sectionTitle: i.section_title,
      author: i.author_name,
      own: i.author_id === user.id,
      group: i.author_group,
      isReply: i.parent_id !== null,
      kind: i.kind,
      body: i.body,
      replacement: i.replacement,
      quote: i.quote_exact,
      status: i.status,
      reason: i.moderation_reason,
      reviewRequested: i.review_requested_at !== null,
      reports: i.open_reports,
      reportReasons: i.report_reasons,
      createdAt: i.created_at,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultationAction(db, params.slug ?? "", user, "comment.moderate"));
  const form = await readForm(request);
  const parsed = parseForm(schemas.ModerateSchema, form, ["action", "reason", "note"]);
  if (!parsed.ok) return formFailure(parsed);
  const ids = form.getAll("ids").filter((v): v is string => typeof v === "string");
  try {
    const n = await moderate(moderationDeps(context.margin.services), view, user, ids, parsed.data.action, parsed.data.reason ?? null, parsed.data.note);
    return redirectWithFlash(`/c/${view.consultation.slug}/moderation`, { id: "moderation.flash", values: { n, action: parsed.data.action } });
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function ModerationQueue() {
  const { consultation: c, items, paging } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t, dateTime } = useT();
  const lang = c.contentLanguage;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={lang}>
          {c.title}
        </Link>{" "}
        › <span aria-current="page">{t("moderation.breadcrumb")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("moderation.heading")}</h1>
        <p className="lead">
          {c.mode === "pre" ? t("moderation.lead.pre") : t("moderation.lead.post")}
          <FormattedMessage id="moderation.lead.log" values={{ link: (chunks) => <Link to={`/c/${c.slug}/moderation-log`}>{chunks}</Link> }} />
        </p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors as Record<string, string[]> | undefined} />
      {items.length === 0 ? (
        <p className="empty">{t("moderation.empty")}</p>
      ) : (
        <Form method="post" className="moderation">
          <fieldset>
            <legend className="visually-hidden">{t("moderation.items")}</legend>
            <ul className="queue">
              {items.map((i) => (
                <li key={i.id} className="card">
                  <label className="queue__pick">
                    <input type="checkbox" name="ids" value={i.id} disabled={i.own} aria-describedby={`item-${i.id}`} />
                    <span>{i.own ? t("moderation.own") : t("moderation.select", { kind: i.kind === "suggestion" ? "suggestion" : i.isReply ? "reply" : "comment", author: i.author })}</span>
                  </label>
                  <div id={`item-${i.id}`}>
                    <p className="meta">
                      <span className="tag">{labelIn(t, "modStatus", i.status)}</span>
                      {i.reports > 0 ? <span className="tag tag--pending">{t("moderation.reports", { n: i.reports })}</span> : null}
                      {i.reviewRequested ? <span className="tag tag--suggestion">{t("moderation.reviewRequested")}</span> : null}{" "}
                      {t("moderation.byline", { author: i.author, group: labelIn(t, "group", i.group) })}
                      <Link to={`/c/${c.slug}/s/${i.sectionId}#thread-${i.id}`} lang={lang}>
                        {i.sectionTitle}
                      </Link>
                      {t("moderation.at", { at: dateTime(i.createdAt, c.timeZone) })}
                    </p>
                    {i.reportReasons.length > 0 ? (
                      <p className="meta">
                        {t("moderation.reportedAs", {
                          reasons: i.reportReasons.map((r) => (r.n > 1 ? t("moderation.reasonCount", { reason: labelIn(t, "reason", r.reason), n: r.n }) : labelIn(t, "reason", r.reason))).join(", "),
                        })}
                      </p>
                    ) : null}
                    {i.quote ? <blockquote className="quote-static" lang={lang}>“{i.quote}”</blockquote> : null}
                    <p className="queue__body" lang={lang}>
                      {i.body}
                    </p>
                    {i.replacement !== null ? (
                      <p className="muted">
                        <FormattedMessage id="moderation.proposed" values={{ text: <span lang={lang}>{i.replacement}</span> }} />
                      </p>
                    ) : null}
                    {i.reason ? <p className="muted">{t("moderation.hiddenFor", { reason: labelIn(t, "reason", i.reason) })}</p> : null}
                  </div>
                </li>
              ))}
            </ul>
          </fieldset>
          <Pager page={paging.page} pages={paging.pages} label={t("heat.page.nav")} />
          <div className="card form">
            <h2>{t("moderation.decide")}</h2>
            <SelectField
              name="action"
              label={t("moderation.action")}
              options={[
                { value: "approve", label: t("moderation.action.approve") },
                { value: "reject", label: t("moderation.action.reject") },
                { value: "hide", label: t("moderation.action.hide") },
                { value: "restore", label: t("moderation.action.restore") },
              ]}
              errors={failed?.fieldErrors as Record<string, string[]> | undefined}
            />
            <SelectField
              name="reason"
              label={t("moderation.reason")}
              options={[{ value: "", label: "—" }, ...MODERATION_REASONS.map((value) => ({ value, label: labelIn(t, "reason", value) }))]}
              errors={failed?.fieldErrors as Record<string, string[]> | undefined}
            />
            <TextArea name="note" label={t("moderation.note")} rows={2} maxLength={MODERATION_NOTE_MAX} />
            <button type="submit" className="button">
              {t("moderation.apply")}
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
