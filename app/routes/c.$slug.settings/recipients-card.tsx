import { Form } from "@remix-run/react";
import { useT } from "../../i18n/index.js";
import type { SettingsData } from "./data.server.js";

/**
 * Who reads the confidential submissions: the recipient bodies the owners name, each
 * with its members, or (none ticked) the owners and drafters. Moderators read them only
 * as members of a named body.
 */
export function RecipientsCard({ readers }: { readers: SettingsData["readers"] }) {
  const named = new Set(readers.named);
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="recipients-title">
      <h2 id="recipients-title">{t("settings.readers.title")}</h2>
      <p className="muted">{t("settings.readers.lead")}</p>
      {readers.bodies.length === 0 ? (
        <p>{t("settings.readers.none")}</p>
      ) : (
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="recipients" />
          <fieldset className="field">
            <legend>{t("settings.readers.bodies")}</legend>
            {readers.bodies.map((b) => (
              <label key={b.slug} className="radio">
                <input type="checkbox" name="bodies" value={b.slug} defaultChecked={named.has(b.slug)} />
                <span>
                  <strong>{b.name}</strong>
                  {b.description ? ` — ${b.description}` : ""}
                  <br />
                  <span className="muted">{b.members.length === 0 ? t("settings.readers.noMembers") : t("settings.readers.members", { names: b.members.join(", ") })}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button">
            {t("settings.readers.save")}
          </button>
        </Form>
      )}
    </section>
  );
}
