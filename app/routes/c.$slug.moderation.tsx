import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, TextArea } from "../components/form.js";
import { REASON_LABEL, STAKEHOLDER_LABEL, formatDateTime } from "../utils/format.js";
import { moderate, moderationDeps, moderationQueue, requireConsultationAction, schemas } from "../utils/services.server.js";
import { formFailure, handleFormError, orStatus, parseForm, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";
import { MODERATION_NOTE_MAX } from "../../common/limits.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Moderation · ${data.consultation.title} · Margin` : "Moderation · Margin" }];

const STATUS_TEXT: Record<string, string> = {
  pending: "Awaiting approval",
  published: "Published, reported",
  hidden: "Hidden",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultationAction(db, params.slug ?? "", user, "comment.moderate"));
  const items = await orStatus(moderationQueue(moderationDeps(context.margin.services), view));
  return {
    consultation: { slug: view.consultation.slug, title: view.consultation.title, mode: view.consultation.moderation_mode },
    me: user.id,
    items: items.map((i) => ({
      id: i.id,
      sectionId: i.section_id,
      sectionTitle: i.section_title,
      author: i.author_name,
      own: i.author_id === user.id,
      group: STAKEHOLDER_LABEL[i.author_group] ?? i.author_group,
      isReply: i.parent_id !== null,
      kind: i.kind,
      body: i.body,
      replacement: i.replacement,
      quote: i.quote_exact,
      status: i.status,
      reason: i.moderation_reason ? REASON_LABEL[i.moderation_reason] : null,
      reviewRequested: i.review_requested_at !== null,
      reports: i.open_reports,
      reportReasons: i.report_reasons.map((r) => `${REASON_LABEL[r.reason] ?? r.reason}${r.n > 1 ? ` (${r.n})` : ""}`),
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
    return redirectWithFlash(`/c/${view.consultation.slug}/moderation`, `${n} item${n === 1 ? "" : "s"}: ${parsed.data.action} recorded in the public moderation log.`);
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function ModerationQueue() {
  const { consultation: c, items } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> › <span aria-current="page">Moderation</span>
      </nav>
      <div className="page-head">
        <h1>Moderation queue</h1>
        <p className="lead">
          {c.mode === "pre" ? "New public comments wait here for approval. " : "Comments appear at once; reported ones come here. "}
          Every decision is listed in the <Link to={`/c/${c.slug}/moderation-log`}>public moderation log</Link> with its reason, never with the text.
        </p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={failed?.fieldErrors as Record<string, string[]> | undefined} />
      {items.length === 0 ? (
        <p className="empty">Nothing needs a decision right now.</p>
      ) : (
        <Form method="post" className="moderation">
          <fieldset>
            <legend className="visually-hidden">Items</legend>
            <ul className="queue">
              {items.map((i) => (
                <li key={i.id} className="card">
                  <label className="queue__pick">
                    <input type="checkbox" name="ids" value={i.id} disabled={i.own} aria-describedby={`item-${i.id}`} />
                    <span>{i.own ? "Your own contribution — another moderator must decide" : `Select ${i.kind === "suggestion" ? "suggestion" : i.isReply ? "reply" : "comment"} by ${i.author}`}</span>
                  </label>
                  <div id={`item-${i.id}`}>
                    <p className="meta">
                      <span className="tag">{STATUS_TEXT[i.status] ?? i.status}</span>
                      {i.reports > 0 ? <span className="tag tag--pending">{`${i.reports} report${i.reports === 1 ? "" : "s"}`}</span> : null}
                      {i.reviewRequested ? <span className="tag tag--suggestion">Author asked for a review</span> : null}{" "}
                      {`${i.author} (${i.group}) on `}
                      <Link to={`/c/${c.slug}/s/${i.sectionId}#thread-${i.id}`}>{i.sectionTitle}</Link>
                      {`, ${formatDateTime(i.createdAt)}`}
                    </p>
                    {i.reportReasons.length > 0 ? <p className="meta">{`Reported as: ${i.reportReasons.join(", ")}`}</p> : null}
                    {i.quote ? <blockquote className="quote-static">“{i.quote}”</blockquote> : null}
                    <p className="queue__body">{i.body}</p>
                    {i.replacement !== null ? <p className="muted">{`Proposed text: ${i.replacement}`}</p> : null}
                    {i.reason ? <p className="muted">{`Hidden for: ${i.reason}`}</p> : null}
                  </div>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="card form">
            <h2>Decide on the selected items</h2>
            <SelectField
              name="action"
              label="Action"
              options={[
                { value: "approve", label: "Approve (publish, or keep and dismiss reports)" },
                { value: "reject", label: "Reject (keep a pending item from publication)" },
                { value: "hide", label: "Hide (replace a published item by a tombstone)" },
                { value: "restore", label: "Restore (publish a hidden item again)" },
              ]}
              errors={failed?.fieldErrors as Record<string, string[]> | undefined}
            />
            <SelectField
              name="reason"
              label="Reason (needed to reject or hide; shown publicly)"
              options={[{ value: "", label: "—" }, ...Object.entries(REASON_LABEL).filter(([k]) => k !== "reported").map(([value, label]) => ({ value, label }))]}
              errors={failed?.fieldErrors as Record<string, string[]> | undefined}
            />
            <TextArea name="note" label="Note for the team (optional, not public)" rows={2} maxLength={MODERATION_NOTE_MAX} />
            <button type="submit" className="button">
              Apply to selected
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
