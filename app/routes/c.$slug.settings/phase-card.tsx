import { Form, Link } from "@remix-run/react";
import { TextArea } from "../../components/form.js";
import { labelIn } from "../../components/history/labels.js";
import { useT } from "../../i18n/index.js";
import { isIrreversiblePhaseChange } from "../../../common/phase.js";
import type { ConsultationStatus } from "../../../common/enums.js";
import type { SettingsData } from "./data.server.js";
import { DISPOSITION_RESPONSE_MAX } from "../../../common/limits.js";

/** The phase buttons, and before finalising, the comments still without a response. */
export function PhaseCard({
  slug,
  contentLanguage,
  status,
  nextPhases,
  unanswered,
  values,
  errors,
}: {
  slug: string;
  /** The language the consultation's own words (section titles, comments) are in. */
  contentLanguage: string;
  status: ConsultationStatus;
  nextPhases: SettingsData["nextPhases"];
  unanswered: SettingsData["unanswered"];
  /** The failed bulk-noted form's values and errors, if that was the one sent. */
  values: Record<string, string>;
  errors: Record<string, string[]> | undefined;
}) {
  const intent = values.intent;
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="phase-title">
      <h2 id="phase-title">{t("settings.phase.title")}</h2>
      <p className="muted">{t("settings.phase.lead")}</p>
      {nextPhases.length === 0 ? (
        <p>{t("settings.phase.final")}</p>
      ) : (
        <div className="button-row">
          {nextPhases.map((to) => (
            <Form method="post" key={to} className={isIrreversiblePhaseChange(status, to) ? "phase-confirm" : undefined}>
              <input type="hidden" name="intent" value="phase" />
              <input type="hidden" name="to" value={to} />
              {isIrreversiblePhaseChange(status, to) ? (
                // A box to tick, not a script's confirm(): it works without JavaScript and by keyboard, and the server checks it too.
                <p className="checkbox">
                  <input type="checkbox" id={`confirm-${to}`} name="confirm" value="yes" required />{" "}
                  <label htmlFor={`confirm-${to}`}>{t(to === "final" ? "reading.phase.confirmFinal" : "reading.phase.confirmOpen")}</label>
                </p>
              ) : null}
              <button type="submit" className={to === "open" ? "button" : "button button--secondary"}>
                {status === "closed" && to === "open" ? t("settings.phase.reopen") : labelIn(t, "phaseAction", to)}
              </button>
            </Form>
          ))}
        </div>
      )}
      {unanswered.length > 0 ? (
        <div className="notice" style={{ marginTop: "1rem" }}>
          <h3 id="unanswered-title">{t("settings.unanswered.title", { count: unanswered.length })}</h3>
          <p>{t("settings.unanswered.lead")}</p>
          <ul aria-labelledby="unanswered-title">
            {unanswered.map((u) => (
              <li key={u.id}>
                <Link to={`/c/${slug}/s/${u.sectionId}#thread-${u.id}`} lang={contentLanguage}>
                  {u.sectionTitle}
                </Link>
                {t("settings.unanswered.item", { author: u.author })}
                {u.confidential ? t("settings.unanswered.confidential") : ""}
                {u.excerpt ? (
                  <>
                    {": "}
                    <span lang={contentLanguage}>{u.excerpt}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="bulk-noted" />
            <TextArea
              name="reason"
              label={t("settings.unanswered.reason")}
              hint={t("settings.unanswered.reasonHint")}
              required
              maxLength={DISPOSITION_RESPONSE_MAX}
              rows={3}
              defaultValue={intent === "bulk-noted" ? values.reason : undefined}
              errors={intent === "bulk-noted" ? errors : undefined}
            />
            <button type="submit" className="button button--secondary">
              {t("settings.unanswered.submit")}
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
