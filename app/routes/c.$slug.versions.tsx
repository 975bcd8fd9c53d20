import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextArea, TextField } from "../components/form.js";
import { ConsultationTimeline } from "../components/history/timeline.js";
import { formatDateTime } from "../utils/format.js";
import { formFailure, getUser, handleFormError, orStatus, parseForm, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";
import { publicCommentsByDay, phaseHistory, publishVersion, schemas, versionsOf, requireConsultation } from "../utils/services.server.js";
import { VERSION_NAME_MAX } from "../../common/limits.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Versions · ${data.consultation.title} · Margin` : "Versions · Margin" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", getUser(context)));
  const [versions, phases, commentsByDay] = await Promise.all([versionsOf(db, view), phaseHistory(db, view), publicCommentsByDay(db, view)]);
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, status: view.consultation.status },
    versions: versions.map((v) => ({ number: v.number, name: v.name, note: v.note, at: v.created_at, public: v.public === 1 })),
    phases: phases.map((p) => ({ id: p.id, to: p.to_status, at: p.created_at })),
    commentsByDay,
    canPublish: view.may("version.publish"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { db, collab } = context.margin.services;
  const view = await orStatus(requireConsultation(db, params.slug ?? "", user));
  const form = await readForm(request);
  const parsed = parseForm(schemas.PublishVersionSchema, form, ["name", "note"]);
  if (!parsed.ok) return formFailure(parsed);
  try {
    const v = await publishVersion({ db, collab }, view, user, parsed.data);
    const a = v.anchors;
    const carried = a.exact + a.moved + a.changed + a.orphaned;
    return redirectWithFlash(
      `/c/${view.consultation.slug}/v/${v.number}`,
      `Version ${v.number} published.${carried ? ` Open comments carried over: ${a.exact} exact, ${a.moved} moved, ${a.changed} changed, ${a.orphaned} orphaned.` : ""}`,
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
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> › <span aria-current="page">Versions</span>
      </nav>
      <div className="page-head">
        <h1>Versions</h1>
        <p className="lead">
          A version freezes every section as it stood when the drafting team published it. Open any version to read it with the comments made on
          it, compare two versions word by word, or read the team’s response to the comments.
        </p>
      </div>
      <div className="layout-two">
        <div>
          {versions.length === 0 ? (
            <p className="empty">No version has been published yet.</p>
          ) : (
            <ol className="card-list" reversed>
              {versions.map((v, i) => (
                <li key={v.number}>
                  <p className="meta">{`Version ${v.number} · published ${formatDateTime(v.at)}${v.public ? "" : " · drafting team only"}`}</p>
                  <h2>
                    <Link to={`/c/${c.slug}/v/${v.number}`}>{v.name}</Link>
                  </h2>
                  {v.note ? <p>{v.note}</p> : null}
                  <p className="button-row">
                    {versions[i + 1] ? <Link to={`/c/${c.slug}/compare?from=v${versions[i + 1]!.number}&to=v${v.number}`}>{`Compare with version ${versions[i + 1]!.number}`}</Link> : null}
                    <Link to={`/c/${c.slug}/compare?from=v${v.number}&to=current`}>Compare with the current text</Link>
                    <Link to={`/c/${c.slug}/v/${v.number}/report`}>Response to comments</Link>
                  </p>
                </li>
              ))}
            </ol>
          )}
          {canPublish ? (
            <section className="card" aria-labelledby="publish-title" style={{ marginTop: "1.5rem" }}>
              <h2 id="publish-title">Publish a version</h2>
              <p className="muted">
                {c.status === "draft"
                  ? "The consultation is still a draft: this version stays with the drafting team until the consultation opens."
                  : "Everyone will be able to read it. Open comments are carried over to it, and each one records whether its passage survived unchanged."}
              </p>
              <Form method="post" className="form">
                {failure && !failure.ok ? <ErrorSummary formError={failure.formError} fieldErrors={errors} /> : null}
                <TextField name="name" label="Name" hint="For example “Draft for comment” or “Revised draft”." errors={errors} defaultValue={failure?.values?.name} required maxLength={VERSION_NAME_MAX} />
                <TextArea name="note" label="Note (optional)" hint="What changed and why, in a sentence or two." errors={errors} defaultValue={failure?.values?.note} rows={3} />
                <button type="submit" className="button" disabled={busy}>
                  {busy ? "Publishing…" : "Publish version"}
                </button>
              </Form>
            </section>
          ) : null}
        </div>
        <aside className="side">
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <ConsultationTimeline slug={c.slug} versions={versions} phases={phases} commentsByDay={commentsByDay} />
          </section>
        </aside>
      </div>
    </>
  );
}
