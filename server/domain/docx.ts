import JSZip from "jszip";
import mammoth from "mammoth";
import { AppError } from "../errors.js";

/** A Word file may not unpack to more than this (a small file can hide a huge one). */
export const DOCX_MAX_EXPANDED_BYTES = 50 * 1024 * 1024;

/** mammoth's Markdown output: deprecated upstream in favour of HTML, but it is what our importer reads. */
interface MarkdownConverter {
  convertToMarkdown(input: { buffer: Buffer }, options?: { styleMap?: string[] }): Promise<{ value: string; messages: { type: string; message: string }[] }>;
}

/**
 * Word's Title names the consultation (a single "#"), Heading 1 starts a
 * section ("##"), deeper headings stay inside their section.
 */
export const DOCX_STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Heading 1'] => h2:fresh",
  "p[style-name='Heading 2'] => h3:fresh",
  "p[style-name='Heading 3'] => h4:fresh",
  "p[style-name='Heading 4'] => h5:fresh",
];

/**
 * Turns a Word (.docx) document into Markdown for the importer: headings by
 * their Word styles (Title and Heading 1 become the title and the sections),
 * paragraphs, lists, bold, italics and links. Images and comments are left out.
 */
export async function docxToMarkdown(data: Uint8Array): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new AppError("invalid_input", "That is not a Word document (.docx) that could be opened.");
  }
  let expanded = 0;
  for (const file of Object.values(zip.files)) {
    // JSZip keeps each entry's declared size from the zip directory.
    expanded += (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  }
  if (expanded > DOCX_MAX_EXPANDED_BYTES) throw new AppError("payload_too_large", "That Word document is too large once unpacked.");
  if (!zip.file("word/document.xml")) throw new AppError("invalid_input", "That file has no Word document inside (is it a .docx?).");
  const result = await (mammoth as unknown as MarkdownConverter).convertToMarkdown({ buffer: Buffer.from(data) }, { styleMap: DOCX_STYLE_MAP });
  const markdown = result.value.replace(/<a id="[^"]*"><\/a>/g, "").trim();
  if (!markdown) throw new AppError("invalid_input", "That Word document has no text to import.");
  return markdown;
}
