import { Form } from "@remix-run/react";
import { TextField } from "../../components/form.js";
import type { SettingsData } from "./data.server.js";
import { TITLE_MAX } from "../../../common/limits.js";

/** The sections in order: rename, move, delete (drafts only), and add. */
export function SectionsCard({ sections, isDraft, errors }: { sections: SettingsData["sections"]; isDraft: boolean; errors: Record<string, string[]> | undefined }) {
  return (
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
              <input id={`title-${s.id}`} name="title" className="input" defaultValue={s.title} maxLength={TITLE_MAX} required />
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
            {isDraft ? (
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
        <TextField name="title" label="New section title" maxLength={TITLE_MAX} errors={errors?.newSectionTitle ? { title: errors.newSectionTitle } : undefined} />
        <button type="submit" className="button">
          Add section
        </button>
      </Form>
    </section>
  );
}
