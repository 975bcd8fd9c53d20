import { Form } from "@remix-run/react";
import { useT, type Translatable } from "../../i18n/index.js";
import type { SettingsData } from "./data.server.js";

/**
 * How the team drafts (ADR 026): live, or in a team-only working copy that is
 * published on demand. With unpublished changes, the card says so and offers
 * to publish them all; switching back to live is refused until they are.
 */
export function DraftingCard({ drafting, error }: { drafting: SettingsData["drafting"]; error?: Translatable | null | undefined }) {
  const { t, msg } = useT();
  return (
    <section className="card" aria-labelledby="drafting-title">
      <h2 id="drafting-title">{t("working.settings.title")}</h2>
      <p className="muted">{t("working.settings.lead")}</p>
      <p>
        <strong>{t(drafting.mode === "working" ? "working.mode.working" : "working.mode.live")}</strong>
      </p>
      {error ? (
        <p className="field__error" id="drafting-error">
          {msg(error)}
        </p>
      ) : null}
      {/* Keyed by the mode, so a refused switch shows the mode that stays. */}
      <Form method="post" className="form" noValidate key={`${drafting.mode}-${error ? "refused" : ""}`}>
        <input type="hidden" name="intent" value="drafting-mode" />
        <fieldset className="field">
          <legend>{t("working.settings.mode")}</legend>
          <label className="radio">
            <input type="radio" name="mode" value="live" defaultChecked={drafting.mode === "live"} />
            <span>{t("working.settings.live")}</span>
          </label>
          <label className="radio">
            <input type="radio" name="mode" value="working" defaultChecked={drafting.mode === "working"} />
            <span>{t("working.settings.working")}</span>
          </label>
        </fieldset>
        <button type="submit" className="button">
          {t("working.settings.save")}
        </button>
      </Form>
      {drafting.unpublishedSections > 0 ? (
        <Form method="post" className="form" style={{ marginTop: "1rem" }}>
          <p>{t("working.settings.unpublished", { n: drafting.unpublishedSections })}</p>
          <input type="hidden" name="intent" value="publish-working" />
          <button type="submit" className="button button--secondary">
            {t("working.bar.publishAll")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
