import { Marked, type MarkedExtension, type Token, type Tokens, type TokensList } from "marked";
import { isSafeHref } from "../../common/safe-url.js";

export interface ImportedSection {
  title: string;
  /** The section body as marked tokens, for conversion to the editor's model. */
  tokens: Token[];
  html: string;
  text: string;
}

export interface ImportedDocument {
  title: string | null;
  summary: string;
  sections: ImportedSection[];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A footnote reference `[^id]`; `note` is its definition's text once the document is resolved (resolveFootnotes). */
export interface FootnoteRefToken {
  type: "footnoteRef";
  raw: string;
  id: string;
  note?: string;
}

/** A footnote definition `[^id]: text` (indented lines continue it): `text` is its source until resolveFootnotes makes it plain text; `used` once a reference took it. */
export interface FootnoteDefinitionToken {
  type: "footnoteDefinition";
  raw: string;
  id: string;
  text: string;
  used?: boolean;
}

const FOOTNOTE_ID = String.raw`\[\^([^\]\s]{1,64})\]`;
const FOOTNOTE_REF = new RegExp(`^${FOOTNOTE_ID}`);
// The first line, lazy continuation lines, then paragraphs indented by four spaces or a tab.
const FOOTNOTE_DEFINITION = new RegExp(String.raw`^${FOOTNOTE_ID}:[ \t]*([^\n]*(?:\n(?![ \t]*\n)(?!\[\^)[^\n]*)*(?:\n+(?: {4}|\t)[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*)*)(?:\n|$)`);

// Footnotes as pandoc and GitHub write them: `[^id]` where the note belongs and `[^id]: text` anywhere in the document.
const footnotes: MarkedExtension = {
  extensions: [
    {
      name: "footnoteRef",
      level: "inline",
      // No `start`: marked already ends a text run at `[` (links), and a start hook scanning the
      // rest of the paragraph at every run made long paragraphs quadratic.
      tokenizer(src: string) {
        const m = FOOTNOTE_REF.exec(src);
        return m && src[m[0].length] !== ":" ? ({ type: "footnoteRef", raw: m[0], id: m[1]! } satisfies FootnoteRefToken) : undefined;
      },
      renderer: (t) => {
        const ref = t as unknown as FootnoteRefToken;
        return ref.note === undefined ? escapeHtml(ref.raw) : `<sup>${escapeHtml(ref.note)}</sup>`;
      },
    },
    {
      name: "footnoteDefinition",
      level: "block",
      // No `start`: marked calls it before every paragraph with the whole rest of the document,
      // so a scan there made a long file quadratic. A definition therefore begins a block (after
      // a blank line, or right after another definition), as pandoc writes them.
      tokenizer(src: string) {
        const m = FOOTNOTE_DEFINITION.exec(src);
        if (!m) return undefined;
        // Its text is read once the lexer is done (resolveFootnotes): parsing here would re-enter the lexer.
        return { type: "footnoteDefinition", raw: m[0], id: m[1]!, text: m[2]! } satisfies FootnoteDefinitionToken;
      },
      renderer: (t) => {
        const def = t as unknown as FootnoteDefinitionToken;
        return def.used ? "" : `<p>${escapeHtml(def.raw.trim())}</p>\n`;
      },
    },
  ],
};

/**
 * Gives every footnote reference in `tokens` the text of its definition,
 * wherever in the document that is (pandoc puts them all at the end), and marks
 * the definitions used. A reference without a definition stays as its text.
 */
function resolveFootnotes(tokens: Token[]): void {
  const notes = new Map<string, FootnoteDefinitionToken>();
  marked.walkTokens(tokens, (t) => {
    if (t.type === "footnoteDefinition" && !notes.has((t as unknown as FootnoteDefinitionToken).id)) notes.set((t as unknown as FootnoteDefinitionToken).id, t as unknown as FootnoteDefinitionToken);
  });
  if (notes.size === 0) return;
  for (const def of notes.values()) def.text = htmlToText(marked.parseInline(def.text.replace(/\n[ \t]*/g, " ").trim(), { async: false })).replace(/\s+/g, " ").trim();
  marked.walkTokens(tokens, (t) => {
    if (t.type !== "footnoteRef") return;
    const ref = t as unknown as FootnoteRefToken;
    const def = notes.get(ref.id);
    if (!def) return;
    ref.note = def.text;
    def.used = true;
  });
}

// Raw HTML in the source is shown as text, links are limited to safe schemes and
// images become their alt text: imported drafts must never carry markup of their own.
const marked = new Marked(footnotes, {
  gfm: true,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, tokens }) {
      const inner = this.parser.parseInline(tokens);
      if (!isSafeHref(href)) return inner;
      return `<a href="${escapeHtml(href.trim())}" rel="nofollow noopener">${inner}</a>`;
    },
    image({ text }) {
      return escapeHtml(text);
    },
  },
});

// Comments take a small subset: emphasis, links, lists, quotes and code. Headings
// become bold paragraphs, raw HTML is text, images are their alt text, and links
// are marked as user content so search engines do not reward spam.
const commentMarked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    heading({ tokens }) {
      return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
    },
    link({ href, tokens }) {
      const inner = this.parser.parseInline(tokens);
      if (!isSafeHref(href)) return inner;
      return `<a href="${escapeHtml(href.trim())}" rel="nofollow ugc noopener">${inner}</a>`;
    },
    image({ text }) {
      return escapeHtml(text);
    },
  },
});

/**
 * How deeply quotes and lists may nest, by default. marked parses each level by
 * recursion and runs out of stack near 2,000 nested quotes; no genuine text
 * needs more than a handful of levels.
 */
export const MARKDOWN_MAX_NESTING = 32;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
}

/**
 * An upper bound on how deeply the blocks of `source` nest (quotes and lists),
 * from one linear pass over the line starts, before any parser recurses: each
 * `>` or list marker at a line's start is a level, and so is each two columns
 * of indentation in front of one (a nested list item needs at least that).
 */
export function nestingDepth(source: string): number {
  let max = 0;
  let i = 0;
  const n = source.length;
  while (i < n) {
    let depth = 0;
    let columns = 0;
    for (;;) {
      const c = source.charCodeAt(i);
      if (c === 32) {
        columns += 1;
        i += 1;
      } else if (c === 9) {
        columns += 4;
        i += 1;
      } else if (c === 62 || ((c === 45 || c === 42 || c === 43) && isBlank(source.charCodeAt(i + 1)))) {
        depth += 1 + (columns >> 1);
        columns = 0;
        i += 1;
      } else if (c >= 48 && c <= 57) {
        let j = i;
        while (j - i < 10 && source.charCodeAt(j) >= 48 && source.charCodeAt(j) <= 57) j += 1;
        const d = source.charCodeAt(j);
        if ((d !== 46 && d !== 41) || !isBlank(source.charCodeAt(j + 1))) break;
        depth += 1 + (columns >> 1);
        columns = 0;
        i = j + 1;
      } else {
        break;
      }
    }
    if (depth > max) max = depth;
    const eol = source.indexOf("\n", i);
    i = eol === -1 ? n : eol + 1;
  }
  return max;
}

/** Text shown as it was typed: escaped, line breaks kept, no Markdown. */
function plainTextHtml(source: string): string {
  const paragraphs = source.replace(/\r\n?/g, "\n").split(/\n{2,}/).filter((p) => p.trim() !== "");
  return paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>\n")}</p>\n`).join("");
}

/**
 * A comment's text as safe HTML (the stored text stays plain; this is only how
 * it is shown). Never throws: a body that nests deeper than `maxNesting`, or
 * that marked cannot render, is shown as plain text, and `onFailure` hears why.
 */
export function renderCommentMarkdown(
  source: string,
  options: { maxNesting?: number; onFailure?: (reason: string, error?: unknown) => void } = {},
): string {
  const maxNesting = options.maxNesting ?? MARKDOWN_MAX_NESTING;
  if (nestingDepth(source) > maxNesting) return plainTextHtml(source);
  try {
    return commentMarked.parse(source.replace(/\r\n?/g, "\n"), { async: false });
  } catch (e) {
    options.onFailure?.("comment Markdown could not be rendered; shown as text", e);
    return plainTextHtml(source);
  }
}

/** Markdown to marked's block tokens, footnote references carrying their notes' text. */
export function lexMarkdown(source: string): Token[] {
  const tokens = marked.lexer(source.replace(/\r\n?/g, "\n"));
  resolveFootnotes(tokens);
  return tokens;
}

/** The descriptions (alt texts) of the images in `tokens`, in order: imports keep only the description, and report each. */
export function imageDescriptions(tokens: Token[]): string[] {
  const out: string[] = [];
  marked.walkTokens(tokens, (t) => {
    if (t.type === "image") out.push((t as Tokens.Image).text.trim());
  });
  return out;
}

/** Renders Markdown to HTML that is safe to embed. */
export function renderMarkdown(source: string): string {
  return marked.parse(source, { async: false });
}

/** Plain text of rendered HTML: tags dropped, block boundaries kept as blank lines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|blockquote|pre|tr)>/g, "\n")
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function renderTokens(tokens: Token[]): string {
  return marked.parser(Object.assign([...tokens], { links: {} }) as TokensList);
}

function headingText(t: Tokens.Heading): string {
  return htmlToText(marked.parseInline(t.text, { async: false })).trim();
}

/**
 * Splits a Markdown document into sections at its top-level headings. When the
 * document starts with a single heading of the highest level (a document
 * title), that heading becomes the title, the text under it the summary, and
 * the next level down the sections.
 */
export function splitMarkdown(source: string): ImportedDocument {
  const tokens = lexMarkdown(source);
  const headings = tokens.filter((t): t is Tokens.Heading => t.type === "heading");
  if (headings.length === 0) {
    const html = renderTokens(tokens);
    return { title: null, summary: "", sections: html.trim() ? [{ title: "Text", tokens, html, text: htmlToText(html) }] : [] };
  }
  const top = Math.min(...headings.map((h) => h.depth));
  const topHeadings = headings.filter((h) => h.depth === top);
  const deeper = headings.filter((h) => h.depth > top);
  let title: string | null = null;
  let depth = top;
  let body: Token[] = tokens;
  if (topHeadings.length === 1 && tokens.find((t) => t.type !== "space") === topHeadings[0] && deeper.length > 0) {
    title = headingText(topHeadings[0]!);
    depth = Math.min(...deeper.map((h) => h.depth));
    body = tokens.slice(tokens.indexOf(topHeadings[0]!) + 1);
  }

  const preamble: Token[] = [];
  const sections: { title: string; tokens: Token[] }[] = [];
  for (const t of body) {
    if (t.type === "heading" && (t as Tokens.Heading).depth === depth) {
      sections.push({ title: headingText(t as Tokens.Heading), tokens: [] });
    } else if (sections.length === 0) {
      preamble.push(t);
    } else {
      sections[sections.length - 1]!.tokens.push(t);
    }
  }
  const summary = htmlToText(renderTokens(preamble));
  return {
    title,
    summary,
    sections: sections.map((s) => {
      const html = renderTokens(s.tokens);
      return { title: s.title || "Untitled section", tokens: s.tokens, html, text: htmlToText(html) };
    }),
  };
}

const SLUG_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** Six random base-32 symbols (30 bits): a short tail that makes a slug of a Japanese title unique enough to try. */
function slugTail(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => SLUG_ALPHABET[b & 31]).join("");
}

/**
 * A URL-friendly slug from a title (ASCII letters and digits, single hyphens),
 * never empty: the title's Latin words and numbers ("ＡＩガイドライン 2026" →
 * "ai-2026", full-width letters included), or, when it has none to speak of (a
 * Japanese title), `<prefix>-` and six random symbols ("c-7k3m2q"). The caller
 * adds "-2", "-3" … when it is taken.
 */
export function slugify(title: string, prefix = "c", max = 60): string {
  const base = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
  if (base.length >= 3 && /[a-z]/.test(base)) return base;
  // "AI" or "2026" alone says too little to be the whole address: keep it and add a tail.
  return base.length > 0 ? `${base}-${slugTail()}` : `${prefix}-${slugTail()}`;
}
