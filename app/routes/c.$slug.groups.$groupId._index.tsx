import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GROUP_GIST_MAX, GROUP_LABEL_MAX } from "../../common/limits.js";
import { ErrorSummary, SelectField, TextArea, TextField } from "../components/form.js";
import { labelIn } from "../components/history/labels.js";
import { metaTranslator, useT } from "../i18n/index.js";
import { formFailure, getUser, handleFormError, orStatus, parseForm, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";
import { mergeTopic, mergedTopicTarget, moveToTopic, renameTopic, requireConsultation, requireGrouping, schemas, splitTopic, topicDetail } from "../utils/services.server.js";
import { campaignPath, groupName, groupRespondPath, groupsPath } from "../utils/groups.js";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = metaTranslator(matches);
  return [{ title: data ? t("groups.meta.group", { label: data.topic.label ?? data.topic.terms.slice(0, 3).join(" · "), title: data.consultation.title }) : t("groups.meta.none") }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  await orStatus(Promise.resolve().then(() => requireGrouping(view)));
  const query = schemas.GroupsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // A merged group's address leads to the group it was merged into.
  const target = await mergedTopicTarget(db, view, params.groupId ?? "");
  if (target) throw redirect(groupsPath(view.consultation.slug, { groupId: target, section: query.section }));
  const detail = await orStatus(topicDetail(db, view, params.groupId ?? "", query));
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, contentLanguage: view.consultation.content_language },
    section: query.section ?? null,
    pageNumber: query.page,
    ...detail,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", user));
  await orStatus(Promise.resolve().then(() => requireGrouping(view)));
  const groupId = params.groupId ?? "";
  const here = `${groupsPath(view.consultation.slug, { groupId })}`;
  const form = await readForm(request);
  const ids = form.getAll("ids").filter((v): v is string => typeof v === "string");
  try {
    switch (form.get("intent")) {
      case "rename": {
        const parsed = parseForm(schemas.RenameGroupSchema, form, ["label", "gist"]);
        if (!parsed.ok) return formFailure(parsed);
        await renameTopic(db, view, groupId, parsed.data);
        return redirectWithFlash(here, { id: "groups.flash.renamed" });
      }
      case "merge": {
        const parsed = parseForm(schemas.MergeGroupSchema, form, ["into"]);
        if (!parsed.ok) return formFailure(parsed);
        await mergeTopic(db, view, groupId, parsed.data.into);
        return redirectWithFlash(groupsPath(view.consultation.slug, { groupId: parsed.data.into }), { id: "groups.flash.merged" });
      }
      case "move": {
        const parsed = schemas.MoveMembersSchema.safeParse({ to: form.get("to") ?? undefined, ids });
        if (!parsed.success) return formFailure({ ok: false, formError: null, fieldErrors: schemas.fieldErrorsOf(parsed.error), values: {} });
        await moveToTopic(db, view, parsed.data.ids, parsed.data.to);
        return redirectWithFlash(here, { id: "groups.flash.moved", values: { n: parsed.data.ids.length } });
      }
      case "split": {
        const parsed = schemas.SplitMembersSchema.safeParse({ newLabel: form.get("newLabel") ?? undefined, ids });
        if (!parsed.success) return formFailure({ ok: false, formError: null, fieldErrors: schemas.fieldErrorsOf(parsed.error), values: {} });
        const created = await splitTopic(db, view, parsed.data.ids, parsed.data.newLabel);
        return redirectWithFlash(groupsPath(view.consultation.slug, { groupId: created }), { id: "groups.flash.split", values: { n: parsed.data.ids.length } });
      }
      default:
        return formFailure({ ok: false, formError: { id: "groups.error.intent" }, fieldErrors: {}, values: {} });
    }
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function GroupPage() {
  const { consultation: c, topic, members, choices, pages, pageNumber, section } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.fieldErrors as Record<string, string[]> | undefined;
  const { t, dateTime } = useT();
  const lang = c.contentLanguage;
  const name = groupName(t, topic);
  const options = choices.map((g) => ({ value: g.id, label: t("groups.choice", { label: groupName(t, g), n: g.size }) }));
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">{t("shell.nav.consultations")}</Link> ›{" "}
        <Link to={`/c/${c.slug}`} lang={lang}>
          {c.title}
        </Link>{" "}
        › <Link to={groupsPath(c.slug, { section })}>{t("groups.breadcrumb")}</Link> › <span aria-current="page">{name}</span>
      </nav>
      <div className="page-head">
        <h1 lang={topic.label ? lang : undefined} data-testid="group-name">
          {name}
        </h1>
        <p className="meta">
          {t("groups.count", { n: topic.size })}
          {topic.curated ? <span className="tag"> {t("groups.curated")}</span> : null}
        </p>
        <p className="meta">
          {t("groups.terms")}: <span lang={lang}>{topic.terms.length ? topic.terms.join(", ") : t("groups.terms.none")}</span>
        </p>
        {topic.gist ? (
          <p lang={lang}>
            <strong>{t("groups.gist")}:</strong> {topic.gist}
          </p>
        ) : null}
        <p className="button-row">
          <Link to={groupRespondPath(c.slug, topic.id)} className="button" data-testid="respond-to-group">
            {t("groups.respond")}
          </Link>
          <Link to={groupsPath(c.slug, { section })}>{t("groups.back")}</Link>
        </p>
        <p className="field__hint">{t("groups.respond.hint")}</p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />

      <section className="card form" aria-labelledby="rename-title">
        <h2 id="rename-title">{t("groups.rename.heading")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="rename" />
          <TextField name="label" label={t("groups.rename.label")} defaultValue={topic.label ?? ""} maxLength={GROUP_LABEL_MAX} errors={errors} required lang={lang} />
          <TextArea name="gist" label={t("groups.rename.gist")} hint={t("groups.rename.gistHint")} defaultValue={topic.gist ?? ""} maxLength={GROUP_GIST_MAX} rows={3} errors={errors} lang={lang} />
          <button type="submit" className="button">
            {t("groups.rename.submit")}
          </button>
        </Form>
      </section>

      <section className="card form" aria-labelledby="merge-title">
        <h2 id="merge-title">{t("groups.merge.heading")}</h2>
        {options.length === 0 ? (
          <p className="empty">{t("groups.merge.none")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="merge" />
            <SelectField name="into" label={t("groups.merge.into")} hint={t("groups.merge.hint")} options={options} errors={errors} />
            <button type="submit" className="button button--secondary">
              {t("groups.merge.submit")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("groups.members")}</h2>
        {members.length === 0 ? (
          <p className="empty">{t("groups.members.none")}</p>
        ) : (
          <Form method="post" className="moderation">
            <fieldset>
              <legend className="visually-hidden">{t("groups.members")}</legend>
              <ul className="queue" data-testid="group-members">
                {members.map((m) => (
                  <li key={m.id} className="card" data-testid="group-member" data-comment-id={m.id}>
                    <label className="queue__pick">
                      <input type="checkbox" name="ids" value={m.id} aria-describedby={`member-${m.id}`} />
                      <span>{t("groups.member.select", { author: m.author_name })}</span>
                    </label>
                    <div id={`member-${m.id}`}>
                      <p className="meta">
                        {t("groups.member.by", { author: m.author_name })}
                        <Link to={`/c/${c.slug}/s/${m.section_id}#thread-${m.id}`} lang={lang}>
                          {m.section_title}
                        </Link>
                        , {dateTime(m.created_at)}
                      </p>
                      <p className="meta">
                        <span className={m.outcome ? "tag" : "tag tag--pending"}>{t("groups.member.status", { status: m.outcome ? labelIn(t, "outcome", m.outcome) : t("groups.member.unanswered") })}</span>
                        {m.visibility === "confidential" ? <span className="tag"> {t("groups.member.confidential")}</span> : null}
                        {m.status === "pending" ? <span className="tag tag--pending"> {t("groups.member.pending")}</span> : null}
                        {m.pinned ? <span className="tag"> {t("groups.member.pinned")}</span> : null}
                        {m.campaign_id ? (
                          <>
                            {" "}
                            <Link to={campaignPath(c.slug, m.campaign_id)}>{t("groups.member.campaign")}</Link>
                          </>
                        ) : null}
                      </p>
                      <p className="queue__body" lang={lang}>
                        {m.body === "" ? t("groups.withdrawn") : m.body}
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            </fieldset>
            {options.length > 0 ? (
              <fieldset className="card form">
                <legend>{t("groups.move.legend")}</legend>
                <SelectField name="to" label={t("groups.move.to")} options={options} errors={errors} />
                <button type="submit" name="intent" value="move" className="button button--secondary">
                  {t("groups.move.submit")}
                </button>
              </fieldset>
            ) : null}
            <fieldset className="card form">
              <legend>{t("groups.split.legend")}</legend>
              <TextField name="newLabel" label={t("groups.split.label")} maxLength={GROUP_LABEL_MAX} errors={errors} lang={lang} />
              <button type="submit" name="intent" value="split" className="button button--secondary">
                {t("groups.split.submit")}
              </button>
            </fieldset>
          </Form>
        )}
        {pages > 1 ? (
          <nav aria-label={t("groups.pages")} className="pager">
            {pageNumber > 1 ? <Link to={groupsPath(c.slug, { groupId: topic.id, section, page: pageNumber - 1 })}>{t("groups.prev")}</Link> : null}{" "}
            <span>{t("groups.page", { page: pageNumber, pages })}</span>{" "}
            {pageNumber < pages ? <Link to={groupsPath(c.slug, { groupId: topic.id, section, page: pageNumber + 1 })}>{t("groups.next")}</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
