import type { JSONContent } from "@tiptap/core";
import { MarkdownManager } from "@tiptap/markdown";
import type { Db } from "../../db/client.js";
import { listSectionSummaries } from "../../db/queries/section.js";
import { PUBLIC_VIEWER } from "../../db/queries/comment.js";
import { listCurrentDispositions, listTopLevelComments, listVersionSections, listVersions } from "../../db/queries/history.js";
import { PUBLIC_CHAIN } from "../ledger/chain.js";
import { readHead } from "../ledger/append.js";
import { FOOTNOTE } from "../../common/editor-schema.js";
import { SERVER_EXTENSIONS, contentHash, docToJson, docToText } from "../collab/content.js";
import { loadSectionState } from "../collab/persistence.js";
import { unsupportedContent } from "../collab/schema-guard.js";
import { unsupportedNote } from "../ledger/verify.js";
import { shownAuthor } from "./shown-author.js";
import { requireConsultation } from "../auth/access.js";

export const EXPORT_FORMATS = ["json", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Inside a section, headings start at this level, so the export imports back into the same sections. */
const SECTION_HEADING_MIN = 3;

const markdown = new MarkdownManager({ extensions: SERVER_EXTENSIONS });

function demoteHeadings(node: JSONContent): JSONContent {
  const attrs = node.type === "heading" ? { ...node.attrs, level: Math.max(SECTION_HEADING_MIN, Number(node.attrs?.level ?? SECTION_HEADING_MIN)) } : node.attrs;
  return { ...node, ...(attrs ? { attrs } : {}), ...(node.content ? { content: node.content.map(demoteHeadings) } : {}) };
}

/** Footnotes are numbered through the whole export, so that sections imported together keep them apart. */
interface FootnoteCounter {
  n: number;
}

/** Gives each footnote its number (`attrs.n`, read by its renderMarkdown) and collects the notes. */
function numberFootnotes(node: JSONContent, counter: FootnoteCounter, notes: string[]): JSONContent {
  if (node.type === FOOTNOTE) {
    counter.n += 1;
    notes.push(String(node.attrs?.text ?? ""));
    return { ...node, attrs: { ...node.attrs, n: counter.n } };
  }
  return node.content ? { ...node, content: node.content.map((c) => numberFootnotes(c, counter, notes)) } : node;
}

/** A note's text on one line, every character Markdown could read as syntax escaped, so it imports back as it was. */
function noteMarkdown(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/[\\`*_[\]<>&~|!#]/g, "\\$&");
}

/**
 * A section's content as Markdown (headings kept below the section titles),
 * its footnotes' definitions after it: `margin import` puts each note back at
 * its reference wherever the definition is.
 */
function sectionMarkdown(json: JSONContent, counter: FootnoteCounter = { n: 0 }): string {
  if (!json.content || json.content.length === 0) return "";
  const first = counter.n + 1;
  const notes: string[] = [];
  const body = markdown.serialize(numberFootnotes(demoteHeadings(json), counter, notes));
  if (notes.length === 0) return body;
  return `${body.trimEnd()}\n\n${notes.map((text, i) => `[^${first + i}]: ${noteMarkdown(text)}`).join("\n")}`;
}

/**
 * What the public may see of a consultation, for archiving or for another
 * tool: as Markdown (title, summary, sections: `margin import` reads it back)
 * or as JSON (also versions, published comments with their anchors and the
 * team's responses, and the ledger head to check it against). Sections that
 * hold content the editor cannot show are exported without it and named in `notes`.
 */
export async function exportConsultation(db: Db, slug: string, format: ExportFormat, notes: string[] = []): Promise<string> {
  const view = await requireConsultation(db, slug, null);
  const c = view.consultation;
  const sections = [];
  const footnotes: FootnoteCounter = { n: 0 };
  for (const s of await listSectionSummaries(db.kysely, c.id)) {
    const state = await loadSectionState(db, s.id);
    try {
      const foreign = unsupportedContent(state.doc);
      if (foreign.length > 0) notes.push(unsupportedNote(s.id, foreign));
      const json = docToJson(state.doc);
      sections.push({ id: s.id, title: s.title, position: s.position, markdown: sectionMarkdown(json, footnotes), text: docToText(state.doc), seq: state.seq, contentHash: contentHash(state.doc) });
    } finally {
      state.doc.destroy();
    }
  }
  if (format === "md") {
    const parts = [`# ${c.title}`, ...(c.summary ? [c.summary] : []), ...sections.flatMap((s) => [`## ${s.title}`, ...(s.markdown ? [s.markdown.trim()] : [])])];
    return `${parts.join("\n\n")}\n`;
  }
  const versions = [];
  for (const v of await listVersions(db.kysely, c.id, true)) {
    const frozen = await listVersionSections(db.kysely, v.id);
    versions.push({
      number: v.number,
      name: v.name,
      note: v.note,
      publishedAt: v.created_at,
      sections: frozen.map((f) => ({ sectionId: f.section_id, title: f.title, seq: f.seq, stateHash: f.state_hash, markdown: sectionMarkdown(JSON.parse(f.content) as JSONContent) })),
    });
  }
  const dispositions = await listCurrentDispositions(db.kysely, c.id);
  const comments = (await listTopLevelComments(db.kysely, c.id, PUBLIC_VIEWER)).map((r) => {
    const d = dispositions.get(r.id);
    return {
      id: r.id,
      sectionId: r.section_id,
      kind: r.kind,
      body: r.body,
      replacement: r.replacement,
      author: shownAuthor(r, false),
      createdAt: r.created_at,
      selector: r.quote_exact ? { exact: r.quote_exact, prefix: r.quote_prefix ?? "", suffix: r.quote_suffix ?? "", start: r.position_start, end: r.position_end } : null,
      response: d ? { outcome: d.outcome, response: d.response, changeSetIds: JSON.parse(d.change_set_ids) as string[], at: d.created_at } : null,
    };
  });
  const head = await readHead(db.kysely, PUBLIC_CHAIN);
  return `${JSON.stringify(
    {
      format: "margin-export/1",
      exportedAt: new Date().toISOString(),
      consultation: { slug: c.slug, title: c.title, summary: c.summary, status: c.status, opensAt: c.opens_at, closesAt: c.closes_at },
      sections,
      versions,
      comments,
      ledgerHead: head && { seq: head.seq, hash: head.hash },
    },
    null,
    2,
  )}\n`;
}
