import { Form } from "@remix-run/react";
import { TextField } from "../../components/form.js";
import { useT } from "../../i18n/index.js";
import type { SettingsData } from "./data.server.js";
import { TITLE_MAX } from "../../../common/limits.js";

/** The sections in order: rename, move, delete (drafts only), and add. */
export function SectionsCard({
  contentLanguage,
  sections,
  isDraft,
  errors,
}: {
  /** The language the section titles are written in. */
  contentLanguage: string;
  sections: SettingsData["sections"];
  isDraft: boolean;
  errors: Record<string, string[]> | undefined;
}) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="sections-title">
      <h2 id="sections-title">{t("settings.sections.title")}</h2>
      {sections.length === 0 ? <p className="empty">{t("settings.sections.empty")}</p> : null}
      <ol className="toc" aria-label={t("settings.sections.order")}>
        {sections.map((s, i) => (
          <li key={s.id} className="section-row">
            <Form method="post" className="section-row__title">
              <input type="hidden" name="intent" value="rename-section" />
              <input type="hidden" name="sectionId" value={s.id} />
              <label className="visually-hidden" htmlFor={`title-${s.id}`}>
                {t("settings.sections.titleOf", { n: i + 1 })}
              </label>
              <input id={`title-${s.id}`} name="title" className="input" lang={contentLanguage} defaultValue={s.title} maxLength={TITLE_MAX} required />
              <button type="submit" className="button button--secondary button--small">
                {t("settings.sections.rename")}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="sectionId" value={s.id} />
              <button type="submit" name="intent" value="move-up" className="button button--secondary button--small" disabled={i === 0}>
                ↑<span className="visually-hidden">{t("settings.sections.up", { title: s.title })}</span>
              </button>{" "}
              <button
                type="submit"
                name="intent"
                value="move-down"
                className="button button--secondary button--small"
                disabled={i === sections.length - 1}
              >
                ↓<span className="visually-hidden">{t("settings.sections.down", { title: s.title })}</span>
              </button>
            </Form>
            {isDraft ? (
              <Form method="post">
                <input type="hidden" name="intent" value="delete-section" />
                <input type="hidden" name="sectionId" value={s.id} />
                <button type="submit" className="button button--danger button--small">
                  {t("settings.sections.delete")}
                  <span className="visually-hidden"> “{s.title}”</span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
      <Form method="post" className="form" style={{ marginTop: "1rem" }}>
        <input type="hidden" name="intent" value="add-section" />
        <TextField name="title" label={t("settings.sections.newTitle")} maxLength={TITLE_MAX} errors={errors?.newSectionTitle ? { title: errors.newSectionTitle } : undefined} />
        <button type="submit" className="button">
          {t("settings.sections.add")}
        </button>
      </Form>
    </section>
  );
}
