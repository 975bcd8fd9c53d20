import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DISPOSITION_OUTCOMES } from "../../common/enums.js";
import { ErrorSummary } from "../components/form.js";
import { labelIn } from "../components/history/labels.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { formFailure, getUser, handleFormError, orStatus, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";
import { groupForAnswer, linkableChanges, requireConsultation, respondToGroup, schemas, versionsOf } from "../utils/services.server.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("groupResponse.meta", { title: data.consultation.title }) : t("groupResponse.meta.none") }];
};

/** How many recent changes of each of the group's sections the form offers to link. */
const LINKABLE_CHANGES = 8;

/**
 * The team's page for one considered answer to a group of comments (a campaign or
 * a topic; ADR 032): the group, how many of its comments already have their own
 * response, and the form. Anyone not answering comments here is told it does not exist.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const g = await orStatus(groupForAnswer(db, view, params.groupId ?? ""));
  const changes: { id: string; at: string; summary: string }[] = [];
  for (const sectionId of g.sectionIds) {
    for (const r of await linkableChanges(db, view, sectionId, LINKABLE_CHANGES)) changes.push({ id: r.id, at: r.ended_at, summary: r.summary });
  }
  const versions = await versionsOf(db, view);
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, contentLanguage: view.consultation.content_language, timeZone: view.consultation.time_zone },
    group: g.group,
    members: g.members,
    individual: g.individual,
    together: g.together,
    current: g.current,
    changes,
    versions: versions.map((v) => ({ number: v.number, name: v.name })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { db, bus, mail } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", user));
  // Outsiders are told the group does not exist, as the page does.
  await orStatus(groupForAnswer(db, view, params.groupId ?? ""));
  const form = await readForm(request);
  const input = {
    groupId: params.groupId ?? "",
    outcome: String(form.get("outcome") ?? ""),
    response: String(form.get("response") ?? ""),
    changeSetIds: form.getAll("changeSetIds").map(String),
    versionNumber: form.get("versionNumber") ? String(form.get("versionNumber")) : undefined,
    overrideIndividual: form.get("overrideIndividual") ? String(form.get("overrideIndividual")) : undefined,
  };
  const parsed = schemas.GroupResponseSchema.safeParse(input);
  if (!parsed.success) return formFailure({ ok: false, formError: null, fieldErrors: schemas.fieldErrorsOf(parsed.error), values: { response: input.response } });
  let done;
  try {
    done = await respondToGroup({ db, bus, mail }, view, user, parsed.data);
  } catch (e) {
    return handleFormError(e, form);
  }
  const message = done.keptIndividual > 0 ? { id: "groupResponse.answered.kept" as const, values: { n: done.answered, kept: done.keptIndividual } } : { id: "groupResponse.answered" as const, values: { n: done.answered } };
  return redirectWithFlash(`/c/${view.consultation.slug}/groups/${parsed.data.groupId}/respond`, message);
}

export default function GroupRespond() {
  const { consultation: c, group: g, members, individual, together, current, changes, versions } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, msg, dateTime } = useT();
  const when = (iso: string) => dateTime(iso, c.timeZone);
  const lang = c.contentLanguage;
  const name = g.label ?? (g.terms.length > 0 ? g.terms.slice(0, 5).join(" · ") : t("groupResponse.unnamed"));
  const wouldAnswer = members - individual;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={lang}>
          {c.title}
        </Link>{" "}
        › <span aria-current="page">{t("groupResponse.breadcrumb")}</span>
      </nav>
      <div className="page-head">
        <h1>{t(g.kind === "campaign" ? "groupResponse.heading.campaign" : "groupResponse.heading.topic")}</h1>
        <p className="lead" lang={lang}>
          {name}
        </p>
        <p data-testid="group-members">{t("groupResponse.members", { members, individual, together })}</p>
      </div>
      {g.mergedInto ? <p className="notice">{t("groupResponse.merged")}</p> : null}
      <section className="card">
        {g.terms.length > 0 ? <p className="meta" lang={lang}>{t("groupResponse.terms", { terms: g.terms.join(", ") })}</p> : null}
        {g.gist ? (
          <>
            <h2 style={{ fontSize: "1rem" }}>{t("groupResponse.gist")}</h2>
            <p lang={lang}>{g.gist}</p>
          </>
        ) : null}
        {g.canonicalText ? (
          <>
            <h2 style={{ fontSize: "1rem" }}>{t("groupResponse.canonical")}</h2>
            <blockquote className="quote-static" lang={lang} style={{ whiteSpace: "pre-wrap" }}>
              {g.canonicalText}
            </blockquote>
          </>
        ) : null}
      </section>
      {current ? (
        <section className="card" aria-label={t("groupResponse.current", { at: when(current.at) })}>
          <p className="meta">{t("groupResponse.current", { at: when(current.at) })}</p>
          <p>
            <span className={`outcome outcome--${current.outcome}`}>{labelIn(t, "outcome", current.outcome)}</span> <span lang={lang}>{current.response}</span>
          </p>
          <p className="meta">
            <Link to={`/c/${c.slug}/group-answers/${current.id}`}>{t("groupResponse.current.link")}</Link>
          </p>
        </section>
      ) : null}
      {failure && !failure.ok ? <ErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}
      {g.mergedInto ? null : (
        <Form method="post" className="card form" aria-label={t("groupResponse.form")}>
          <h2>{t("groupResponse.form")}</h2>
          <p className="field__hint">{t("groupResponse.form.hint")}</p>
          <div className="field">
            <label className="field__label" htmlFor="g-outcome">
              {t("groupResponse.outcome")}
            </label>
            <select id="g-outcome" name="outcome" className="input" defaultValue={current?.outcome ?? "noted"}>
              {DISPOSITION_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {labelIn(t, "outcome", o)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="g-response">
              {t("groupResponse.response")}
            </label>
            <textarea id="g-response" name="response" className="input" lang={lang} rows={6} defaultValue={failure && !failure.ok ? String(failure.values?.response ?? "") : (current?.response ?? "")} required />
          </div>
          {changes.length > 0 ? (
            <fieldset>
              <legend>{t("groupResponse.changes")}</legend>
              {changes.map((ch) => (
                <label key={ch.id} className="radio">
                  <input type="checkbox" name="changeSetIds" value={ch.id} defaultChecked={current?.changeSetIds.includes(ch.id) ?? false} />{" "}
                  {t("report.respond.changeOption", { at: when(ch.at), summary: msg(ch.summary) })}
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className="field">
            <label className="field__label" htmlFor="g-version">
              {t("groupResponse.version")}
            </label>
            <select id="g-version" name="versionNumber" className="input" defaultValue={current?.versionNumber ?? ""}>
              <option value="">—</option>
              {versions.map((x) => (
                <option key={x.number} value={x.number}>
                  {t("report.respond.versionOption", { number: x.number, name: x.name })}
                </option>
              ))}
            </select>
          </div>
          {individual > 0 ? (
            <div className="field">
              <label className="radio">
                <input type="checkbox" name="overrideIndividual" value="on" /> {t("groupResponse.override", { n: individual })}
              </label>
              <p className="field__hint">{t("groupResponse.override.hint")}</p>
            </div>
          ) : null}
          <button type="submit" className="button" disabled={busy}>
            {t("groupResponse.submit", { n: wouldAnswer > 0 ? wouldAnswer : members })}
          </button>
        </Form>
      )}
    </>
  );
}
