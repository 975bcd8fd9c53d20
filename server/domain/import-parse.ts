// The CPU-heavy half of an import: bytes in, sections ready to store out. It
// runs in the import worker (server/domain/imports.ts) for every upload, and
// in-process only for the demo seed's trusted Markdown.
import type { JSONContent } from "@tiptap/core";
import { IMPORT_FOOTNOTE_CHARS_PER_SECTION_MAX, footnotesOf } from "../../common/editor-schema.js";
import { detectContentLanguage, type Locale } from "../../common/i18n/locales.js";
import { docText } from "../../common/text-blocks.js";
import { tokensToJson } from "../collab/content.js";
import { prepareInitialContent, type PreparedContent } from "../collab/persistence.js";
import { AppError } from "../errors.js";
import { DEFAULT_DOCX_LIMITS, docxToHtml, type DocxLimits } from "./docx.js";
import { docxHtmlToDocument, type ImportNote } from "./docx-html.js";
import { MARKDOWN_MAX_NESTING, imageDescriptions, nestingDepth, splitMarkdown } from "../text/markdown.js";
import { SECTIONS_PER_CONSULTATION_MAX } from "./schemas.js";

export type ImportFormat = "markdown" | "docx";

/** What parsing an import may cost, apart from the worker's time and memory. */
export interface ParseLimits {
  maxNesting: number;
  docx: DocxLimits;
}

const DEFAULT_PARSE_LIMITS: ParseLimits = { maxNesting: MARKDOWN_MAX_NESTING, docx: DEFAULT_DOCX_LIMITS };

export interface ParsedSection {
  title: string;
  content: PreparedContent;
}

/** An imported document, parsed: titles still unchecked (importParsed applies the text rules). */
export interface ParsedImport {
  title: string | null;
  summary: string;
  sections: ParsedSection[];
  /** The language the whole text appears to be written in (detectContentLanguage). */
  language?: Locale;
  /** What did not come across (images), for the import report. */
  notes?: ImportNote[];
}

const file = (message: string) => ({ fieldErrors: { file: [message] } });

/** How many skipped images the page's import report names (it travels in a cookie); the rest are counted. */
export const IMPORT_REPORT_IMAGES_MAX = 10;
/** How much of an image's description or heading the report quotes. */
const REPORT_TEXT_MAX = 80;

const quoteClip = (s: string) => (s.length <= REPORT_TEXT_MAX ? s : `${s.slice(0, REPORT_TEXT_MAX - 1)}…`);

/** Each image that was not imported, as “description” (heading), for the import report. */
export function skippedImages(notes: readonly ImportNote[] = []): string[] {
  return notes.filter((n) => n.kind === "image").map((n) => `“${quoteClip(n.alt) || "…"}”${n.heading ? ` (${quoteClip(n.heading)})` : ""}`);
}

/** Word by its extension; anything else is read as Markdown. */
export function importFormatOf(fileName: string): ImportFormat {
  return /\.docx$/i.test(fileName) ? "docx" : "markdown";
}

/** Markdown, or Word through mammoth's HTML, to sections ready to store. */
export async function parseImport(bytes: Uint8Array, format: ImportFormat, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<ParsedImport> {
  if (format === "markdown") return parseMarkdownDocument(decodeUtf8(bytes), limits.maxNesting);
  const doc = docxHtmlToDocument(await docxToHtml(bytes, limits.docx));
  checkSectionCount(doc.sections.length);
  checkFootnotes(doc.sections);
  const texts = doc.sections.map((s) => ({ ...s, text: docText(s.content) }));
  return {
    title: doc.title,
    summary: doc.summary,
    sections: texts.map((s) => ({ title: s.title, content: prepareInitialContent(s.content) })),
    language: detectContentLanguage([doc.title ?? "", doc.summary, ...texts.map((s) => `${s.title}\n${s.text}`)].join("\n")),
    notes: doc.notes,
  };
}

/** Refuses a section whose footnotes together pass the budget, before its content is built. */
function checkFootnotes(sections: readonly { title: string; content: JSONContent }[]): void {
  for (const s of sections) {
    const chars = footnotesOf(s.content).reduce((n, t) => n + t.length, 0);
    if (chars <= IMPORT_FOOTNOTE_CHARS_PER_SECTION_MAX) continue;
    const message = `The section “${s.title.slice(0, 80)}” has ${chars} characters of footnotes; a section can hold at most ${IMPORT_FOOTNOTE_CHARS_PER_SECTION_MAX}.`;
    throw new AppError("unprocessable", message, file(message));
  }
}

function checkSectionCount(count: number): void {
  if (count === 0) {
    throw new AppError("invalid_input", "The file has no text to import.", file("The file has no headings or text to turn into sections."));
  }
  if (count > SECTIONS_PER_CONSULTATION_MAX) {
    // Refused before the sections' content is built, which is most of the work.
    const message = `The file has ${count} sections; a consultation can have at most ${SECTIONS_PER_CONSULTATION_MAX}.`;
    throw new AppError("unprocessable", message, file(message));
  }
}

/**
 * A Markdown file's bytes as text, for the page and the CLI alike (both parse through here). UTF-8 only: a
 * UTF-8 byte-order mark, which Windows editors write, is dropped so a first-line `# Title` stays the title;
 * UTF-16 and legacy encodings such as Shift_JIS are refused with what to do, never read as mojibake. Guessing
 * a legacy encoding is not reliable on short files, so none is guessed.
 */
function decodeUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const message = "The file is UTF-16 text, not UTF-8 text. Save it as UTF-8 plain-text Markdown, or import the Word document itself.";
    throw new AppError("invalid_input", message, file(message));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const message = "The file is not UTF-8 text (Shift_JIS or another encoding). Save it as UTF-8 plain-text Markdown, or import the Word document itself.";
    throw new AppError("invalid_input", message, file(message));
  }
}

/** Splits Markdown into sections, refusing nesting past `maxNesting` before marked recurses into it. */
export function parseMarkdownDocument(source: string, maxNesting: number): ParsedImport {
  if (nestingDepth(source) > maxNesting) {
    const message = `The file nests quotes or lists more than ${maxNesting} levels deep. Flatten them and import it again.`;
    throw new AppError("unprocessable", message, file(message));
  }
  const doc = splitMarkdown(source);
  checkSectionCount(doc.sections.length);
  const contents = doc.sections.map((s) => ({ title: s.title, content: tokensToJson(s.tokens) }));
  checkFootnotes(contents);
  return {
    title: doc.title,
    summary: doc.summary,
    sections: contents.map((s) => ({ title: s.title, content: prepareInitialContent(s.content) })),
    language: detectContentLanguage([doc.title ?? "", doc.summary, ...doc.sections.map((s) => `${s.title}\n${s.text}`)].join("\n")),
    notes: doc.sections.flatMap((s) => imageDescriptions(s.tokens).map((alt): ImportNote => ({ kind: "image", heading: s.title, alt }))),
  };
}
