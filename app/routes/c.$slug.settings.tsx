import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConsultationFields } from "../components/consultation-fields.js";
import { ErrorSummary, SelectField, TextArea, TextField } from "../components/form.js";
import { PhaseBadge } from "../components/status.js";
import { PHASE_LABEL, windowSentence } from "../utils/format.js";
import {
  addSection,
  allowedNextPhases,
  changePhase,
  inviteMember,
  listSections,
  members,
  moveSection,
  phaseOf,
  removeMember,
  removeSection,
  renameSection,
  requireConsultationAction,
  respondNotedToUnanswered,
  schemas,
  unansweredComments,
  updateConsultationSettings,
} from "../utils/services.server.js";
import { formFailure, handleFormError, orStatus, parseForm, readForm, redirectWithFlash, requireUser } from "../utils/request.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Settings · ${data.consultation.title} · Margin` : "Settings · Margin" },
];

const PHASE_ACTION: Record<string, string> = {
  open: "Open for comment",
  closed: "Close for comment",
  final: "Mark as final",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { db } = context.margin.services;
  const view = await orStatus(requireConsultationAction(db, params.slug ?? "", user, "consultation.manage"));
  const c = view.consultation;
  const now = new Date();
  const [sections, team, unanswered] = await Promise.all([
    listSections(db, view),
    members(db, view),
    // Before marking final, the team sees what still needs a response.
    c.status === "closed" && view.may("comment.respond") ? unansweredComments(db, view) : Promise.resolve([]),
  ]);
  return {
    now: now.toISOString(),
    consultation: {
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      status: c.status,
      phase: phaseOf(c, now),
      opensAt: c.opens_at,
      closesAt: c.closes_at,
      moderationMode: c.moderation_mode,
      premoderateFirstPosts: c.premoderate_first_posts === 1 ? "on" : "",
      showModeratorNames: c.show_moderator_names === 1 ? "on" : "",
    },
    nextPhases: allowedNextPhases(c.status),
    unanswered: unanswered.map((u) => ({
      id: u.id,
      sectionId: u.section_id,
      sectionTitle: u.section_title,
      author: u.author_name,
      excerpt: u.body.length > 160 ? `${u.body.slice(0, 157)}…` : u.body,
      confidential: u.visibility === "confidential",
    })),
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    team: team.map((m) => ({ userId: m.user_id, name: m.display_name, email: m.email, organisation: m.organisation, role: m.role, self: m.user_id === user.id })),
  };
}

const failure = (formError: string, status = 400) => data({ ok: false as const, formError, fieldErrors: {}, values: {} }, { status });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { db, bus, collab } = context.margin.services;
  const view = await orStatus(requireConsultationAction(db, params.slug ?? "", user, "consultation.manage"));
  const here = `/c/${view.consultation.slug}/settings`;
  // Open editor connections re-check their access when the phase or the team changes.
  const accessChanged = () => bus.publish({ type: "consultation.changed", consultationId: view.consultation.id });
  const form = await readForm(request);
  const sectionId = String(form.get("sectionId") ?? "");
  try {
    switch (form.get("intent")) {
      case "settings": {
        const parsed = parseForm(schemas.ConsultationFieldsSchema, form, ["title", "summary", "opensAt", "closesAt", "moderationMode", "premoderateFirstPosts", "showModeratorNames"]);
        if (!parsed.ok) return formFailure(parsed);
        await updateConsultationSettings(db, view, parsed.data);
        return redirectWithFlash(here, "Settings saved.");
      }
      case "phase": {
        const to = String(form.get("to") ?? "");
        if (!["open", "closed", "final"].includes(to)) return failure("Choose a phase.");
        await changePhase({ db, collab }, view, to as "open" | "closed" | "final");
        accessChanged();
        return redirectWithFlash(here, `The consultation is now ${PHASE_LABEL[to as "open"].toLowerCase()}.`);
      }
      case "bulk-noted": {
        const parsed = parseForm(schemas.BulkNotedSchema, form, ["reason"]);
        if (!parsed.ok) return formFailure(parsed);
        const n = await respondNotedToUnanswered({ db, bus }, view, user, parsed.data.reason);
        return redirectWithFlash(here, n === 0 ? "Every comment has a response already." : `${n} ${n === 1 ? "comment is" : "comments are"} answered as “Noted”.`);
      }
      case "add-section": {
        const parsed = parseForm(schemas.SectionTitleSchema, form, ["title"]);
        if (!parsed.ok) return formFailure({ ...parsed, fieldErrors: { newSectionTitle: parsed.fieldErrors.title ?? [] } });
        await addSection(db, view, parsed.data.title);
        return redirectWithFlash(here, `Section “${parsed.data.title}” added.`);
      }
      case "rename-section": {
        const parsed = parseForm(schemas.SectionTitleSchema, form, ["title"]);
        if (!parsed.ok) return failure(parsed.fieldErrors.title?.join(" ") ?? "Give the section a title.");
        await renameSection(db, view, sectionId, parsed.data.title);
        return redirectWithFlash(here, "Section renamed.");
      }
      case "move-up":
      case "move-down":
        await moveSection(db, view, sectionId, form.get("intent") === "move-up" ? "up" : "down");
        return redirectWithFlash(here, "Section moved.");
      case "delete-section":
        await removeSection(db, view, sectionId);
        return redirectWithFlash(here, "Section deleted.");
      case "invite": {
        const parsed = parseForm(schemas.InviteSchema, form, ["email", "role"]);
        if (!parsed.ok) return formFailure(parsed);
        const invited = await inviteMember(db, view, parsed.data.email, parsed.data.role);
        accessChanged();
        return redirectWithFlash(here, `${invited.display_name} is now a ${parsed.data.role}.`);
      }
      case "remove-member":
        await removeMember(db, view, String(form.get("userId") ?? ""));
        accessChanged();
        return redirectWithFlash(here, "Removed from the team.");
      default:
        return failure("Unknown action.");
    }
  } catch (e) {
    return handleFormError(e, form);
  }
}

export default function Settings() {
  const { consultation: c, sections, team, nextPhases, now, unanswered } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.fieldErrors as Record<string, string[]> | undefined;
  const values = (failed?.values ?? {}) as Record<string, string>;
  const intent = values.intent;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Consultations</Link> › <Link to={`/c/${c.slug}`}>{c.title}</Link> › <span aria-current="page">Settings</span>
      </nav>
      <div className="page-head">
        <h1>Settings</h1>
        <p>
          <PhaseBadge phase={c.phase} /> <span className="meta">{windowSentence(c.phase, c.opensAt, c.closesAt, now)}</span>
        </p>
      </div>
      <ErrorSummary formError={failed?.formError} fieldErrors={errors} />

      <section className="card" aria-labelledby="phase-title">
        <h2 id="phase-title">Phase</h2>
        <p className="muted">
          Draft → open for comment → closed → final. Only the team sees a draft; once opened, the consultation and its
          history are public.
        </p>
        {nextPhases.length === 0 ? (
          <p>This consultation is final.</p>
        ) : (
          <div className="button-row">
            {nextPhases.map((to) => (
              <Form method="post" key={to}>
                <input type="hidden" name="intent" value="phase" />
                <input type="hidden" name="to" value={to} />
                <button type="submit" className={to === "open" ? "button" : "button button--secondary"}>
                  {c.status === "closed" && to === "open" ? "Reopen for comment" : PHASE_ACTION[to]}
                </button>
              </Form>
            ))}
          </div>
        )}
        {unanswered.length > 0 ? (
          <div className="notice" style={{ marginTop: "1rem" }}>
            <h3 id="unanswered-title">{`Without a response (${unanswered.length})`}</h3>
            <p>The consultation can be marked final once every comment has a response.</p>
            <ul aria-labelledby="unanswered-title">
              {unanswered.map((u) => (
                <li key={u.id}>
                  <Link to={`/c/${c.slug}/s/${u.sectionId}#thread-${u.id}`}>{u.sectionTitle}</Link>
                  {` — ${u.author}${u.confidential ? " (confidential)" : ""}: ${u.excerpt}`}
                </li>
              ))}
            </ul>
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="bulk-noted" />
              <TextArea
                name="reason"
                label="Reason given with each response"
                hint="Shown publicly with every one of these comments, e.g. why they are noted rather than answered one by one."
                required
                maxLength={5000}
                rows={3}
                defaultValue={intent === "bulk-noted" ? values.reason : undefined}
                errors={intent === "bulk-noted" ? errors : undefined}
              />
              <button type="submit" className="button button--secondary">
                Respond “Noted” to all
              </button>
            </Form>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="sections-title">
        <h2 id="sections-title">Sections</h2>
        {sections.length === 0 ? <p className="empty">No sections yet. Add the first below.</p> : null}
        <ol className="toc" aria-label="Sections in order">
          {sections.map((s, i) => (
            <li key={s.id} className="section-row">
              <Form method="post" className="section-row__title">
                <input type="hidden" name="intent" value="rename-section" />
                <input type="hidden" name="sectionId" value={s.id} />
                <label className="visually-hidden" htmlFor={`title-${s.id}`}>
                  Title of section {i + 1}
                </label>
                <input id={`title-${s.id}`} name="title" className="input" defaultValue={s.title} maxLength={200} required />
                <button type="submit" className="button button--secondary button--small">
                  Rename
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="sectionId" value={s.id} />
                <button type="submit" name="intent" value="move-up" className="button button--secondary button--small" disabled={i === 0}>
                  ↑<span className="visually-hidden"> Move “{s.title}” up</span>
                </button>{" "}
                <button
                  type="submit"
                  name="intent"
                  value="move-down"
                  className="button button--secondary button--small"
                  disabled={i === sections.length - 1}
                >
                  ↓<span className="visually-hidden"> Move “{s.title}” down</span>
                </button>
              </Form>
              {c.status === "draft" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="delete-section" />
                  <input type="hidden" name="sectionId" value={s.id} />
                  <button type="submit" className="button button--danger button--small">
                    Delete<span className="visually-hidden"> “{s.title}”</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
        <Form method="post" className="form" style={{ marginTop: "1rem" }}>
          <input type="hidden" name="intent" value="add-section" />
          <TextField name="title" label="New section title" maxLength={200} errors={errors?.newSectionTitle ? { title: errors.newSectionTitle } : undefined} />
          <button type="submit" className="button">
            Add section
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="team-title">
        <h2 id="team-title">Team</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {team.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.name}
                    {m.self ? " (you)" : ""}
                    <br />
                    <span className="muted">
                      {m.email}
                      {m.organisation ? ` · ${m.organisation}` : ""}
                    </span>
                  </td>
                  <td>{m.role}</td>
                  <td>
                    {m.self ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove-member" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button type="submit" className="button button--danger button--small">
                          Remove<span className="visually-hidden"> {m.name}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Form method="post" className="form" style={{ marginTop: "1rem" }} noValidate>
          <input type="hidden" name="intent" value="invite" />
          <TextField name="email" label="Invite by email" type="email" hint="They need a Margin account already." defaultValue={intent === "invite" ? values.email : undefined} errors={errors} />
          <SelectField
            name="role"
            label="Role"
            options={[
              { value: "drafter", label: "Drafter — co-edits the text and answers comments" },
              { value: "moderator", label: "Moderator — reviews and moderates comments" },
            ]}
            errors={errors}
          />
          <button type="submit" className="button">
            Invite
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <Form method="post" className="form form--wide" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <ConsultationFields values={intent === "settings" ? values : c} errors={intent === "settings" ? errors : undefined} />
          <button type="submit" className="button">
            Save settings
          </button>
        </Form>
      </section>
    </>
  );
}
