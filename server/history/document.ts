// A consultation as one document: every section's text in order, to read and print on one page (the current
// text) or to download as a single HTML file (a published version, frozen). Who may read what is decided as on
// the other pages: requireConsultation for the consultation, versionDetail for a version (a team-only version is
// the team's alone).
import type { Db } from "../../db/client.js";
import { listSectionSummaries } from "../../db/queries/section.js";
import { isLocale } from "../../common/i18n/locales.js";
import { translator } from "../../common/i18n/intl.js";
import type { ConsultationView } from "../auth/access.js";
import type { CollabService } from "../collab/service.js";
import { jsonToHtml } from "../collab/content.js";
import { escapeHtml } from "../text/markdown.js";
import { versionDetail } from "./versions.js";

export interface WholeDocument {
  slug: string;
  title: string;
  summary: string;
  contentLanguage: string;
  timeZone: string;
  /** The version the text is of; null for the current text. */
  version: { number: number; name: string; at: string } | null;
  /** Each section's HTML is the server's rendering of the editor schema: text escaped, only safe links. */
  sections: { id: string; title: string; html: string }[];
}

/** The current text of every section, in order. */
export async function currentDocument(db: Db, collab: Pick<CollabService, "readSection">, view: ConsultationView): Promise<WholeDocument> {
  const sections = await listSectionSummaries(db.kysely, view.consultation.id);
  const texts = [];
  // Rendered here with the section's id in its footnotes' ids: the page holds every section.
  for (const s of sections) texts.push({ id: s.id, title: s.title, html: jsonToHtml((await collab.readSection(s.id)).json, `${s.id}-`) });
  return { ...about(view), version: null, sections: texts };
}

/** A published version's frozen text of every section (not found when the viewer may not see that version). */
export async function versionDocument(db: Db, view: ConsultationView, number: number): Promise<WholeDocument> {
  const detail = await versionDetail(db, view, number);
  return {
    ...about(view),
    version: { number: detail.version.number, name: detail.version.name, at: detail.version.created_at },
    sections: detail.sections.map((s) => ({ id: s.section_id, title: s.title, html: jsonToHtml(JSON.parse(s.content), `${s.section_id}-`) })),
  };
}

function about(view: ConsultationView) {
  const c = view.consultation;
  return { slug: c.slug, title: c.title, summary: c.summary, contentLanguage: c.content_language, timeZone: c.time_zone };
}

/** The style of the downloaded file: readable on screen, and printable (it has no page furniture to hide). */
const FILE_STYLE = `body{font-family:Georgia,"Noto Serif","Noto Serif CJK JP",serif;line-height:1.6;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
header{border-bottom:1px solid #ccc;margin-bottom:1.5rem}h1{font-size:1.7rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}
.meta{color:#555;font-size:.9rem}blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:.8rem;color:#444}
@media print{body{margin:0;max-width:none;font-size:11pt}section{break-inside:auto}h2{break-after:avoid}}`;

/**
 * One self-contained HTML file of a version (no scripts, no outside resources), labelled in the consultation's
 * language: its title, version, publication date and where it came from. Every text from the database is
 * escaped; the sections' HTML is the server's own rendering.
 */
export function documentFile(doc: WholeDocument, origin: string): string {
  const tr = translator(isLocale(doc.contentLanguage) ? doc.contentLanguage : "en");
  const e = escapeHtml;
  const version = doc.version;
  const heading = version ? tr.t("reading.document.fileVersion", { number: version.number, name: version.name, at: tr.dateTime(version.at, doc.timeZone) }) : "";
  const source = `${origin}/c/${encodeURIComponent(doc.slug)}${version ? `/v/${version.number}` : ""}`;
  return [
    "<!doctype html>",
    `<html lang="${e(doc.contentLanguage)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(version ? `${doc.title} — ${tr.t("reading.document.fileTitleVersion", { number: version.number })}` : doc.title)}</title>`,
    `<style>${FILE_STYLE}</style>`,
    "</head>",
    "<body>",
    "<header>",
    `<h1>${e(doc.title)}</h1>`,
    heading ? `<p class="meta">${e(heading)}</p>` : "",
    `<p class="meta">${e(tr.t("reading.document.fileSource"))} <a href="${e(source)}">${e(source)}</a></p>`,
    "</header>",
    ...doc.sections.map((s) => `<section>\n<h2>${e(s.title)}</h2>\n${s.html}\n</section>`),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
