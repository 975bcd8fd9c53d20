import { Form, Link } from "@remix-run/react";
import { TextArea } from "../../components/form.js";
import type { SettingsData } from "./data.server.js";
import { DISPOSITION_RESPONSE_MAX } from "../../../common/limits.js";

const PHASE_ACTION: Record<string, string> = {
  open: "Open for comment",
  closed: "Close for comment",
  final: "Mark as final",
};

/** The phase buttons, and before finalising, the comments still without a response. */
export function PhaseCard({
  slug,
  status,
  nextPhases,
  unanswered,
  values,
  errors,
}: {
  slug: string;
  status: string;
  nextPhases: SettingsData["nextPhases"];
  unanswered: SettingsData["unanswered"];
  /** The failed bulk-noted form's values and errors, if that was the one sent. */
  values: Record<string, string>;
  errors: Record<string, string[]> | undefined;
}) {
  const intent = values.intent;
  return (
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
                {status === "closed" && to === "open" ? "Reopen for comment" : PHASE_ACTION[to]}
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
                <Link to={`/c/${slug}/s/${u.sectionId}#thread-${u.id}`}>{u.sectionTitle}</Link>
                {` — ${u.author}${u.confidential ? " (confidential: read it on its section page)" : ""}${u.excerpt ? `: ${u.excerpt}` : ""}`}
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
              maxLength={DISPOSITION_RESPONSE_MAX}
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
  );
}
