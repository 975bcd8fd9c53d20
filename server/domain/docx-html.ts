import type { JSONContent } from "@tiptap/core";
import { parseDocument } from "htmlparser2";
import { FOOTNOTE, FOOTNOTE_TEXT_MAX } from "../../common/editor-schema.js";
import { isSafeHref } from "../../common/safe-url.js";
import { docText } from "../../common/text-blocks.js";

// mammoth's HTML (a small, regular vocabulary: p, h1–h6, lists, tables, links,
// emphasis, footnote references and the list of notes at the end) → the
// editor's JSON, without a browser DOM. Everything else keeps only its text.

type Mark = NonNullable<JSONContent["marks"]>[number];
type ChildNode = ReturnType<typeof parseDocument>["children"][number];
type Element = Extract<ChildNode, { attribs: Record<string, string> }>;

/** Something in the Word file that did not come across; the import report names each one. */
export interface ImportNote {
  kind: "image";
  /** The text of the heading it came after (null: before any heading). */
  heading: string | null;
  /** The image's description (alt text), possibly empty. */
  alt: string;
}

export interface HtmlDocument {
  title: string | null;
  summary: string;
  sections: { title: string; content: JSONContent }[];
  notes: ImportNote[];
}

const isElement = (n: ChildNode): n is Element => n.type === "tag";

function textOf(n: ChildNode): string {
  if (n.type === "text") return n.data;
  return isElement(n) ? n.children.map(textOf).join("") : "";
}

/** Where a footnote reference points: `#footnote-3` or `#endnote-3` → its note's id. */
function noteTarget(el: Element): string | null {
  const a = el.name === "a" ? el : el.children.find(isElement);
  const href = a?.name === "a" ? a.attribs.href : undefined;
  return href && /^#(footnote|endnote)-[\w-]+$/.test(href) ? href.slice(1) : null;
}

/** The notes mammoth lists at the end (`<li id="footnote-3">`), each as plain text without its back link. */
function collectNotes(root: ChildNode[]): Map<string, string> {
  const notes = new Map<string, string>();
  const visit = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      const id = n.attribs.id;
      if (n.name === "li" && id && /^(footnote|endnote)-/.test(id)) {
        const withoutBack = n.children.map((c) => (isElement(c) ? stripBackLinks(c) : textOf(c))).join(" ");
        notes.set(id, withoutBack.replace(/\s+/g, " ").trim().slice(0, FOOTNOTE_TEXT_MAX));
      } else visit(n.children);
    }
  };
  visit(root);
  return notes;
}

function stripBackLinks(el: Element): string {
  if (el.name === "a" && /^#(footnote|endnote)-ref-/.test(el.attribs.href ?? "")) return "";
  return el.children.map((c) => (isElement(c) ? stripBackLinks(c) : textOf(c))).join("");
}

const isNoteList = (el: Element) => (el.name === "ol" || el.name === "ul") && el.children.some((c) => isElement(c) && /^(footnote|endnote)-/.test(c.attribs.id ?? ""));

class Converter {
  readonly notes: ImportNote[] = [];
  /** The heading last read, for the report. */
  heading: string | null = null;

  constructor(private readonly footnotes: Map<string, string>) {}

  inline(nodes: ChildNode[], marks: Mark[] = []): JSONContent[] {
    const out: JSONContent[] = [];
    for (const n of nodes) {
      if (n.type === "text") {
        if (n.data) out.push(marks.length > 0 ? { type: "text", text: n.data, marks } : { type: "text", text: n.data });
        continue;
      }
      if (!isElement(n)) continue;
      switch (n.name) {
        case "strong":
        case "b":
          out.push(...this.inline(n.children, [...marks, { type: "bold" }]));
          break;
        case "em":
        case "i":
          out.push(...this.inline(n.children, [...marks, { type: "italic" }]));
          break;
        case "s":
        case "del":
          out.push(...this.inline(n.children, [...marks, { type: "strike" }]));
          break;
        case "u":
          out.push(...this.inline(n.children, [...marks, { type: "underline" }]));
          break;
        case "br":
          out.push({ type: "hardBreak" });
          break;
        case "img":
          this.notes.push({ kind: "image", heading: this.heading, alt: (n.attribs.alt ?? "").trim() });
          break;
        case "sup": {
          const target = noteTarget(n);
          const note = target ? this.footnotes.get(target) : undefined;
          if (note !== undefined) out.push({ type: FOOTNOTE, attrs: { text: note } });
          else out.push(...this.inline(n.children, marks));
          break;
        }
        case "a": {
          const target = noteTarget(n);
          const note = target ? this.footnotes.get(target) : undefined;
          if (note !== undefined) {
            out.push({ type: FOOTNOTE, attrs: { text: note } });
            break;
          }
          const href = n.attribs.href;
          // Bookmarks (`<a id>`) and internal links keep their text only.
          const link = href && !href.startsWith("#") && isSafeHref(href) ? [...marks, { type: "link", attrs: { href: href.trim() } }] : marks;
          out.push(...this.inline(n.children, link));
          break;
        }
        default:
          out.push(...this.inline(n.children, marks));
      }
    }
    return out;
  }

  /** Block content; inline runs between blocks become paragraphs. */
  blocks(nodes: ChildNode[]): JSONContent[] {
    const out: JSONContent[] = [];
    let run: ChildNode[] = [];
    const flush = () => {
      const content = this.inline(run);
      run = [];
      if (content.some((c) => c.type !== "text" || (c.text ?? "").trim() !== "")) out.push({ type: "paragraph", content });
    };
    for (const n of nodes) {
      if (!isElement(n) || !BLOCKS.has(n.name)) {
        run.push(n);
        continue;
      }
      flush();
      out.push(...this.block(n));
    }
    flush();
    return out;
  }

  block(el: Element): JSONContent[] {
    switch (el.name) {
      case "p": {
        const content = this.inline(el.children);
        return content.length > 0 ? [{ type: "paragraph", content }] : [];
      }
      case "h1":
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6":
        return [{ type: "heading", attrs: { level: Number(el.name[1]) }, content: this.inline(el.children) }];
      case "ul":
      case "ol": {
        if (isNoteList(el)) return [];
        const items = el.children.filter(isElement).filter((c) => c.name === "li").map((li) => {
          const inner = this.blocks(li.children);
          return { type: "listItem", content: inner.length > 0 ? inner : [{ type: "paragraph" }] };
        });
        if (items.length === 0) return [];
        return [el.name === "ol" ? { type: "orderedList", attrs: { start: 1 }, content: items } : { type: "bulletList", content: items }];
      }
      case "blockquote": {
        const inner = this.blocks(el.children);
        return inner.length > 0 ? [{ type: "blockquote", content: inner }] : [];
      }
      case "table":
        return this.table(el);
      default:
        return this.blocks(el.children);
    }
  }

  table(el: Element): JSONContent[] {
    const rows: Element[] = [];
    const collect = (nodes: ChildNode[]) => {
      for (const n of nodes) {
        if (!isElement(n)) continue;
        if (n.name === "tr") rows.push(n);
        else if (n.name === "thead" || n.name === "tbody" || n.name === "tfoot") collect(n.children);
      }
    };
    collect(el.children);
    const span = (v: string | undefined) => {
      const n = Number(v ?? 1);
      return Number.isInteger(n) && n >= 1 ? Math.min(n, 100) : 1;
    };
    const content = rows
      .map((tr) => ({
        type: "tableRow",
        content: tr.children
          .filter(isElement)
          .filter((c) => c.name === "td" || c.name === "th")
          .map((cell) => {
            const inner = this.blocks(cell.children);
            const attrs = { colspan: span(cell.attribs.colspan), rowspan: span(cell.attribs.rowspan) };
            return { type: cell.name === "th" ? "tableHeader" : "tableCell", attrs, content: inner.length > 0 ? inner : [{ type: "paragraph" }] };
          }),
      }))
      .filter((r) => r.content.length > 0);
    return content.length > 0 ? [{ type: "table", content }] : [];
  }
}

const BLOCKS: ReadonlySet<string> = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table", "div"]);

const headingLevel = (b: JSONContent) => (b.type === "heading" ? Number(b.attrs?.level) : 0);

/**
 * mammoth's HTML of a Word document, split as Markdown imports are
 * (server/text/markdown.ts splitMarkdown): a single first heading of the
 * highest level is the title and the text under it the summary, the next
 * level down starts the sections. Footnotes stay where they are referenced.
 */
export function docxHtmlToDocument(html: string): HtmlDocument {
  const root = parseDocument(html).children;
  const converter = new Converter(collectNotes(root));
  // Sections are known only once headings are read; images are reported against the heading before them.
  const blocks: JSONContent[] = [];
  for (const n of root) {
    if (isElement(n) && BLOCKS.has(n.name)) {
      const out = converter.block(n);
      for (const b of out) if (headingLevel(b) > 0) converter.heading = docText({ content: [b] });
      blocks.push(...out);
    } else {
      blocks.push(...converter.blocks([n]));
    }
  }
  const headings = blocks.filter((b) => headingLevel(b) > 0);
  if (headings.length === 0) {
    return { title: null, summary: "", sections: blocks.length > 0 ? [{ title: "Text", content: { type: "doc", content: blocks } }] : [], notes: converter.notes };
  }
  const top = Math.min(...headings.map(headingLevel));
  const topHeadings = headings.filter((h) => headingLevel(h) === top);
  const deeper = headings.filter((h) => headingLevel(h) > top);
  let title: string | null = null;
  let depth = top;
  let body = blocks;
  if (topHeadings.length === 1 && blocks[0] === topHeadings[0] && deeper.length > 0) {
    title = docText({ content: [topHeadings[0]!] }).trim();
    depth = Math.min(...deeper.map(headingLevel));
    body = blocks.slice(1);
  }
  const preamble: JSONContent[] = [];
  const sections: { title: string; content: JSONContent }[] = [];
  for (const b of body) {
    if (headingLevel(b) === depth) sections.push({ title: docText({ content: [b] }).trim() || "Untitled section", content: { type: "doc", content: [] } });
    else if (sections.length === 0) preamble.push(b);
    else sections[sections.length - 1]!.content.content!.push(b);
  }
  return { title, summary: docText({ type: "doc", content: preamble }), sections, notes: converter.notes };
}
