import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, detectContentLanguage, type Locale } from "../../../common/i18n/locales.js";
import type { Db } from "../../../db/client.js";
import { findConsultationBySlug, insertConsultation } from "../../../db/queries/consultation.js";
import { insertSection } from "../../../db/queries/section.js";
import { refreshConsultationDoc } from "../../../db/queries/search.js";
import type { UserProfile } from "../../../db/queries/user.js";
import type { ConsultationRow, ConsultationStatus } from "../../../db/schema.js";
import { writeInitialContent } from "../../collab/persistence.js";
import { AppError, forbidden } from "../../errors.js";
import { newId, nowIso } from "../../ids.js";
import { appendLedger } from "../../ledger/append.js";
import { settingsSnapshotEvent } from "../../ledger/settings.js";
import { MARKDOWN_MAX_NESTING, slugify } from "../../text/markdown.js";
import { parseMarkdownDocument, type ParsedImport, type ParsedSection } from "../import-parse.js";
import { SECTIONS_PER_CONSULTATION_MAX, SUMMARY_MAX, TITLE_MAX, textProblem } from "../schemas.js";
import { CONVENER_REQUIRED, mayCreateConsultations, type ConsultationInput } from "./consultation.js";
import { setMemberRole } from "./members.js";

async function assertSlugFree(db: Db, slug: string): Promise<void> {
  if (await findConsultationBySlug(db.kysely, slug)) {
    throw new AppError("conflict", "That address is already taken.", {
      fieldErrors: { slug: ["That address is already taken; choose another."] },
    });
  }
}

async function freeSlug(db: Db, wanted: string): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? wanted : `${wanted}-${n}`;
    if (!(await findConsultationBySlug(db.kysely, slug))) return slug;
  }
}

/** Creates a draft consultation owned by `user`, optionally with sections. */
export async function createConsultation(
  db: Db,
  user: UserProfile,
  input: ConsultationInput & { slug: string; status?: ConsultationStatus },
  sections: ParsedSection[] = [],
): Promise<ConsultationRow> {
  if (!mayCreateConsultations(user)) throw forbidden(CONVENER_REQUIRED);
  if (sections.length > SECTIONS_PER_CONSULTATION_MAX) {
    throw new AppError("invalid_input", `A consultation can have at most ${SECTIONS_PER_CONSULTATION_MAX} sections.`);
  }
  await assertSlugFree(db, input.slug);
  const at = nowIso();
  const row: ConsultationRow = {
    id: newId(),
    slug: input.slug,
    title: input.title,
    summary: input.summary,
    status: input.status ?? "draft",
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    moderation_mode: input.moderationMode,
    premoderate_first_posts: input.premoderateFirstPosts ? 1 : 0,
    show_moderator_names: input.showModeratorNames ? 1 : 0,
    content_language: input.contentLanguage ?? DEFAULT_LOCALE,
    time_zone: input.timeZone ?? DEFAULT_TIME_ZONE[input.contentLanguage ?? DEFAULT_LOCALE],
    drafting_mode: "live",
    created_by: user.id,
    created_at: at,
    updated_at: at,
  };
  await db.kysely.transaction().execute(async (tx) => {
    await insertConsultation(tx, row);
    // Indexed from the start; search shows it once it is no longer a draft (decided when searching).
    await refreshConsultationDoc(tx, row.id);
    // The settings it starts with and its first owner open the record (the team's chain while a draft).
    await appendLedger(tx, db.dialect, settingsSnapshotEvent(row, "created", at));
    await setMemberRole(tx, db.dialect, row.id, user.id, null, "owner", at);
    let position = 0;
    for (const s of sections) {
      position += 1;
      const sectionId = newId();
      await insertSection(tx, { id: sectionId, consultation_id: row.id, position, title: s.title, created_at: at, updated_at: at });
      await writeInitialContent(tx, db.dialect, sectionId, user.id, s.content, at);
    }
  });
  return row;
}

/** Titles for what a file leaves unnamed, in the language it is written in. */
const IMPORT_TITLE_FALLBACK: Record<Locale, string> = { en: "Imported draft", ja: "取り込んだ原案" };
const SECTION_TITLE_FALLBACK: Record<Locale, string> = { en: "Untitled section", ja: "無題の節" };

/** What an import may be told rather than left to find out: a title, an address, its language and time zone. */
interface ImportOverrides {
  title?: string;
  slug?: string;
  contentLanguage?: Locale;
  timeZone?: string;
}

/**
 * Turns trusted Markdown (the demo seed) into a new draft consultation, parsed
 * in-process. Uploads go through the import worker and importParsed instead.
 */
export async function importMarkdown(
  db: Db,
  user: UserProfile,
  source: string,
  overrides: ImportOverrides = {},
): Promise<ConsultationRow> {
  return importParsed(db, user, parseMarkdownDocument(source, MARKDOWN_MAX_NESTING), overrides);
}

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max).replace(/[\uD800-\uDBFF]$/, "");
}

/**
 * Imported titles and the summary pass the forms' text rules (textProblem): a
 * file whose headings carry NUL bytes, lone surrogates or direction overrides
 * is refused with the place named. Tabs and line breaks in a heading are only
 * whitespace and become spaces.
 */
function checkImportedText(what: string, value: string, multiline: boolean): void {
  const problem = textProblem(value, multiline);
  if (!problem) return;
  const message = `${what} ${problem}. Correct it in the file and import it again.`;
  throw new AppError("unprocessable", message, { fieldErrors: { file: [message] } });
}

/** Turns a parsed import into a new draft consultation, one section per top-level heading. */
export async function importParsed(
  db: Db,
  user: UserProfile,
  doc: ParsedImport,
  overrides: ImportOverrides = {},
): Promise<ConsultationRow> {
  const oneLine = (s: string) => s.replace(/[\t\r\n]+/g, " ").trim();
  // Not chosen: the language the file is written in (a worker from before issue 15 gives none: its title and summary decide).
  const contentLanguage = overrides.contentLanguage ?? doc.language ?? detectContentLanguage(`${doc.title ?? ""}\n${doc.summary}\n${doc.sections.map((s) => s.title).join("\n")}`);
  const title = clip(oneLine(overrides.title || doc.title || IMPORT_TITLE_FALLBACK[contentLanguage]), TITLE_MAX);
  checkImportedText(overrides.title ? "The title given" : "The document's title", title, false);
  const summary = clip(doc.summary, SUMMARY_MAX);
  checkImportedText("The summary (the text before the first section)", summary, true);
  const sections = doc.sections.map((s, i) => {
    const sectionTitle = clip(oneLine(s.title), TITLE_MAX) || SECTION_TITLE_FALLBACK[contentLanguage];
    checkImportedText(`The title of section ${i + 1}`, sectionTitle, false);
    return { ...s, title: sectionTitle };
  });
  const slug = overrides.slug ?? (await freeSlug(db, slugify(title)));
  const settings = { title, slug, summary, opensAt: null, closesAt: null, moderationMode: "post" as const, contentLanguage, ...(overrides.timeZone ? { timeZone: overrides.timeZone } : {}) };
  return createConsultation(db, user, settings, sections);
}

