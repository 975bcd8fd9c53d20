import { inflateRawSync } from "node:zlib";
import mammoth from "mammoth";
import { AppError } from "../errors.js";

const MiB = 1024 * 1024;

/** What a Word file may unpack to; a small file can hide a huge one, so every byte is counted as it is inflated. */
export interface DocxLimits {
  /** All parts together. */
  maxUnpackedBytes: number;
  /** word/document.xml alone: what mammoth parses, in time that grows with it. */
  maxXmlBytes: number;
  /** Element nesting in any XML part (mammoth walks the tree by recursion). */
  maxXmlDepth: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = { maxUnpackedBytes: 50 * MiB, maxXmlBytes: 16 * MiB, maxXmlDepth: 128 };

/**
 * Word's Title names the consultation (a single h1), Heading 1 starts a
 * section (h2), deeper headings stay inside their section; Word's quotation
 * styles (and pandoc's "Block Text") are block quotes.
 */
const DOCX_STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Heading 1'] => h2:fresh",
  "p[style-name='Heading 2'] => h3:fresh",
  "p[style-name='Heading 3'] => h4:fresh",
  "p[style-name='Heading 4'] => h5:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
];

// Images are not imported (their description is reported instead): never encode their bytes.
const NO_IMAGE_DATA = mammoth.images.imgElement(() => Promise.resolve({ src: "" }));

const file = (message: string) => ({ fieldErrors: { file: [message] } });
const notWord = () => new AppError("invalid_input", "That is not a Word document (.docx) that could be opened.", file("That is not a Word document (.docx) that could be opened."));
const mib = (n: number) => `${Math.round((n / MiB) * 10) / 10} MiB`;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

/** The entries of a zip's central directory, bounds-checked; zip64 and multi-disk archives are refused. */
function readZipDirectory(data: Buffer): ZipEntry[] {
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notWord();
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) throw notWord();
    const nameLength = data.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    if (next > data.length) throw notWord();
    const entry = {
      name: data.toString("utf8", at + 46, at + 46 + nameLength),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      declaredSize: data.readUInt32LE(at + 24),
      localOffset: data.readUInt32LE(at + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff || entry.localOffset === 0xffffffff) throw notWord();
    entries.push(entry);
    at = next;
  }
  return entries;
}

class TooLarge extends Error {}

/** Inflates one entry, stopping as soon as its output would pass `budget` bytes. */
function inflateEntry(data: Buffer, entry: ZipEntry, budget: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50) throw notWord();
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  if (start + entry.compressedSize > data.length) throw notWord();
  const raw = data.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (raw.length > budget) throw new TooLarge();
    return raw;
  }
  if (entry.method !== 8) throw notWord();
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new TooLarge();
    throw notWord();
  }
}

/**
 * How deeply the elements of an XML document nest, in one pass over its bytes
 * (UTF-8 never puts an ASCII byte inside a multi-byte character). Stops early
 * once past `stopAbove`. A DOCTYPE (never written by Word, and the way in for
 * entity expansion) counts as too deep.
 */
export function xmlDepth(xml: Uint8Array, stopAbove = Number.POSITIVE_INFINITY): number {
  const LT = 0x3c;
  const GT = 0x3e;
  let depth = 0;
  let max = 0;
  let i = xml.indexOf(LT);
  const skipTo = (from: number, marker: string) => {
    const found = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).indexOf(marker, from, "latin1");
    return found < 0 ? xml.length : found + marker.length;
  };
  while (i >= 0 && i < xml.length) {
    const next = xml[i + 1];
    if (next === 0x2f /* / */) {
      depth -= 1;
      i = skipTo(i, ">");
    } else if (next === 0x3f /* ? */) {
      i = skipTo(i, "?>");
    } else if (next === 0x21 /* ! */) {
      if (xml[i + 2] === 0x2d) i = skipTo(i, "-->");
      else if (xml[i + 2] === 0x5b) i = skipTo(i, "]]>");
      else return Number.POSITIVE_INFINITY;
    } else {
      let j = i + 1;
      let quote = 0;
      while (j < xml.length && (quote !== 0 || xml[j] !== GT)) {
        const c = xml[j]!;
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) {
          quote = c;
        }
        j += 1;
      }
      if (xml[j - 1] !== 0x2f) {
        depth += 1;
        if (depth > max) {
          max = depth;
          if (max > stopAbove) return max;
        }
      }
      i = j + 1;
    }
    i = xml.indexOf(LT, i);
  }
  return max;
}

/**
 * Checks what a Word file really unpacks to: every entry is inflated with a
 * running count that stops at the limits (the sizes the zip declares are only
 * compared, never trusted), and every XML part's nesting is measured.
 */
export function checkDocxContainer(data: Buffer, limits: DocxLimits): void {
  const entries = readZipDirectory(data);
  if (!entries.some((e) => e.name === "word/document.xml")) {
    throw new AppError("invalid_input", "That file has no Word document inside (is it a .docx?).", file("That file has no Word document inside (is it a .docx?)."));
  }
  let total = 0;
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const isDocument = entry.name === "word/document.xml";
    const left = limits.maxUnpackedBytes - total;
    let bytes: Buffer;
    try {
      bytes = inflateEntry(data, entry, isDocument ? Math.min(left, limits.maxXmlBytes) : left);
    } catch (e) {
      if (!(e instanceof TooLarge)) throw e;
      const message =
        isDocument && limits.maxXmlBytes < left
          ? `That Word document is too large once unpacked: its text part is over ${mib(limits.maxXmlBytes)}. Split it into smaller documents.`
          : `That Word document is too large once unpacked (over ${mib(limits.maxUnpackedBytes)}). Remove large images or split it.`;
      throw new AppError("payload_too_large", message, file(message));
    }
    total += bytes.length;
    if (bytes.length !== entry.declaredSize) {
      const message = "That Word document is damaged: its parts are not the size the file says. Open it in Word, save it again and import the new copy.";
      throw new AppError("invalid_input", message, file(message));
    }
    if (/\.(xml|rels)$/i.test(entry.name) && xmlDepth(bytes, limits.maxXmlDepth) > limits.maxXmlDepth) {
      const message = `That Word document nests its content more than ${limits.maxXmlDepth} levels deep; it cannot be imported.`;
      throw new AppError("unprocessable", message, file(message));
    }
  }
}

/**
 * Turns a Word (.docx) document into HTML for the importer (mammoth's
 * vocabulary: headings by their Word styles, paragraphs, lists, tables, block
 * quotes, emphasis, links, footnote references and the notes listed at the
 * end; images as <img> with their description only). Slow on large files: run
 * it where a timeout can stop it (the import worker).
 */
export async function docxToHtml(data: Uint8Array, limits: DocxLimits = DEFAULT_DOCX_LIMITS): Promise<string> {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  checkDocxContainer(buffer, limits);
  let result: { value: string };
  try {
    result = await mammoth.convertToHtml({ buffer }, { styleMap: DOCX_STYLE_MAP, convertImage: NO_IMAGE_DATA });
  } catch {
    throw notWord();
  }
  const html = result.value.trim();
  if (!html.replace(/<[^>]*>/g, "").trim() && !/<img/.test(html)) throw new AppError("invalid_input", "That Word document has no text to import.", file("That Word document has no text to import."));
  return html;
}
