import type { JSONContent } from "@tiptap/core";
import { MarkdownManager } from "@tiptap/markdown";
import type { Db } from "../../db/client.js";
import { listSectionSummaries } from "../../db/queries/section.js";
import { PUBLIC_VIEWER } from "../../db/queries/comment.js";
import { listCurrentDispositions, listTopLevelComments, listVersionSections, listVersions } from "../../db/queries/history.js";
import { PUBLIC_CHAIN } from "../ledger/chain.js";
import { readHead } from "../ledger/append.js";
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

/** A section's content as Markdown (headings kept below the section titles). */
function sectionMarkdown(json: JSONContent): string {
  return json.content && json.content.length > 0 ? markdown.serialize(demoteHeadings(json)) : "";
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
  for (const s of await listSectionSummaries(db.kysely, c.id)) {
    const state = await loadSectionState(db, s.id);
    try {
      const foreign = unsupportedContent(state.doc);
      if (foreign.length > 0) notes.push(unsupportedNote(s.id, foreign));
      const json = docToJson(state.doc);
      sections.push({ id: s.id, title: s.title, position: s.position, markdown: sectionMarkdown(json), text: docToText(state.doc), seq: state.seq, contentHash: contentHash(state.doc) });
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
