import { Node, mergeAttributes, type JSONContent } from "@tiptap/core";
import { Table, TableKit, renderTableToMarkdown } from "@tiptap/extension-table";

/**
 * The nodes Margin adds to StarterKit, shared by the browser editor
 * (app/components/editor/extensions.ts) and the server's schema
 * (server/collab/content.ts), which a unit test holds together.
 * docs/decisions/037-tables-and-footnotes.md says why they look like this.
 */

/** The inline node that stands for a footnote; its note's text travels with it. */
export const FOOTNOTE = "footnote";

/** How long one footnote's text may be (the schema guard refuses longer ones from clients). */
export const FOOTNOTE_TEXT_MAX = 4000;
/**
 * All footnote text of one imported section together. Every reference to a note carries its own
 * copy of the text, so a small file repeating one reference could otherwise grow into a huge section.
 */
export const IMPORT_FOOTNOTE_CHARS_PER_SECTION_MAX = 256 * 1024;

/** How many rows or columns one table cell may span (the schema guard refuses more). */
export const TABLE_SPAN_MAX = 100;

/**
 * A footnote reference with its note as a plain-text attribute. An atom: the
 * editor moves and deletes it as one character, Yjs keeps it where it was
 * put, and it takes no room in the plain text that anchors count in
 * (common/text-blocks.ts), so adding one never moves a comment.
 */
export const Footnote = Node.create({
  name: FOOTNOTE,
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      text: {
        default: "",
        parseHTML: (el) => el.getAttribute("data-footnote") ?? "",
        renderHTML: (attrs) => ({ "data-footnote": String(attrs.text ?? "") }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "sup[data-footnote]" }];
  },
  renderHTML({ HTMLAttributes }) {
    // Numbered by a CSS counter in the editor; readers' HTML numbers and links them (footnoteHtml).
    return ["sup", mergeAttributes({ class: "footnote-ref", title: HTMLAttributes["data-footnote"] }, HTMLAttributes)];
  },
  renderMarkdown: (node: JSONContent) => `[^${String(node.attrs?.n ?? "?")}]`,
});

/**
 * TipTap's table, whose Markdown escapes a `|` inside a cell (as `\|`, which
 * GFM reads back as the character), so such a cell survives an export and import.
 */
const PipeSafeTable = Table.extend({
  renderMarkdown: (node, h) => renderTableToMarkdown(node, { ...h, renderChildren: (nodes, separator) => h.renderChildren(nodes, separator).replace(/\|/g, "\\|") }),
});

/** The document extensions beside StarterKit: tables (header cells scoped to their column) and footnotes. */
export const DOCUMENT_EXTENSIONS = [
  TableKit.configure({ table: false, tableHeader: { HTMLAttributes: { scope: "col" } } }),
  PipeSafeTable.configure({ resizable: false }),
  Footnote,
];

/** The footnotes of editor JSON in reading order, each with its note text. */
export function footnotesOf(node: JSONContent, out: string[] = []): string[] {
  if (node.type === FOOTNOTE) out.push(String(node.attrs?.text ?? ""));
  for (const child of node.content ?? []) footnotesOf(child, out);
  return out;
}
