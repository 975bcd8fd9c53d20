import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextArea, TextField } from "../components/form.js";
import { ConsultationTimeline } from "../components/history/timeline.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { formFailure, getUser, handleFormError, orStatus, parseForm, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";
import { publicCommentsByDay, phaseHistory, publishVersion, schemas, versionsOf, requireConsultation } from "../utils/services.server.js";
import { VERSION_NAME_MAX } from "../../common/limits.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("versions.meta", { title: data.consultation.title }) : t("versions.meta.none") }];
};

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const [versions, phases, commentsByDay] = await Promise.all([versionsOf(db, view), phaseHistory(db, view), publicCommentsByDay(db, view)]);
  return {
    consultation: {
      slug: view.consultation.slug,
      title: view.consultation.title,
      status: view.consultation.status,
      contentLanguage: view.consultation.content_language,
      timeZone: view.consultation.time_zone,
    },
    versions: versions.map((v) => ({ number: v.number, name: v.name, note: v.note, at: v.created_at, public: v.public === 1 })),
    phases: phases.map((p) => ({ id: p.id, to: p.to_status, at: p.created_at })),
    commentsByDay,
    canPublish: view.may("version.publish"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { db, collab, mail } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", user));
  const form = await readForm(request);
  const parsed = parseForm(schemas.PublishVersionSchema, form, ["name", "note"]);
  if (!parsed.ok) return formFailure(parsed);
  try {
    const v = await publishVersion({ db, collab, mail }, view, user, parsed.data);
    const a = v.anchors;
    const carried = a.exact + a.moved + a.changed + a.orphaned;
    return redirectWithFlash(
      `/c/${view.consultation.slug}/v/${v.number}`,
      carried ? { id: "versions.flash.carried", values: { number: v.number, total: carried, ...a } } : { id: "versions.flash.published", values: { number: v.number } },
    );
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function Versions() {
  const { consultation: c, versions, phases, commentsByDay, canPublish } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = failure && !failure.ok ? failure.fieldErrors : {};
  const { t, dateTime } = useT();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={c.contentLanguage}>
          {c.title}
        </Link>{" "}
        › <span aria-current="page">{t("versions.heading")}</span>
      </nav>
      <div className="page-head">
        <h1>{t("versions.heading")}</h1>
        <p className="lead">{t("versions.lead")}</p>
      </div>
      <div className="layout-two">
        <div>
          {versions.length === 0 ? (
            <p className="empty">{t("versions.empty")}</p>
          ) : (
            <ol className="card-list" reversed>
              {versions.map((v, i) => (
                <li key={v.number}>
                  <p className="meta">{t("versions.item.meta", { number: v.number, at: dateTime(v.at, c.timeZone), teamOnly: v.public ? "no" : "yes" })}</p>
                  <h2 lang={c.contentLanguage}>
                    <Link to={`/c/${c.slug}/v/${v.number}`}>{v.name}</Link>
                  </h2>
                  {v.note ? <p lang={c.contentLanguage}>{v.note}</p> : null}
                  <p className="button-row">
                    {versions[i + 1] ? <Link to={`/c/${c.slug}/compare?from=v${versions[i + 1]!.number}&to=v${v.number}`}>{t("versions.compareWith", { number: versions[i + 1]!.number })}</Link> : null}
                    <Link to={`/c/${c.slug}/compare?from=v${v.number}&to=current`}>{t("versions.compareCurrent")}</Link>
                    <Link to={`/c/${c.slug}/v/${v.number}/report`}>{t("versions.report")}</Link>
                    <Link to={`/c/${c.slug}/v/${v.number}/results`}>{t("egov.link")}</Link>
                  </p>
                </li>
              ))}
            </ol>
          )}
          {canPublish ? (
            <section className="card" aria-labelledby="publish-title" style={{ marginTop: "1.5rem" }}>
              <h2 id="publish-title">{t("versions.publish.title")}</h2>
              <p className="muted">
                {c.status === "draft" ? t("versions.publish.draft") : t("versions.publish.open")}
              </p>
              <Form method="post" className="form">
                {failure && !failure.ok ? <ErrorSummary formError={failure.formError} fieldErrors={errors} /> : null}
                <TextField name="name" label={t("versions.publish.name")} hint={t("versions.publish.nameHint")} errors={errors} defaultValue={failure?.values?.name} required maxLength={VERSION_NAME_MAX} />
                <TextArea name="note" label={t("versions.publish.note")} hint={t("versions.publish.noteHint")} errors={errors} defaultValue={failure?.values?.note} rows={3} />
                <button type="submit" className="button" disabled={busy}>
                  {busy ? t("versions.publish.busy") : t("versions.publish.submit")}
                </button>
              </Form>
            </section>
          ) : null}
        </div>
        <aside className="side">
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t("versions.timeline")}</h2>
            <ConsultationTimeline slug={c.slug} timeZone={c.timeZone} contentLanguage={c.contentLanguage} versions={versions} phases={phases} commentsByDay={commentsByDay} />
          </section>
        </aside>
      </div>
    </>
  );
}
