import JSZip from "jszip";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL = "http://schemas.openxmlformats.org/package/2006/relationships";

export type DocxParagraph = { style?: "Title" | "Heading1" | "Heading2"; runs: { text: string; bold?: boolean }[] };

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A minimal but genuine Word document (what Word itself would need to open it), built for tests. */
export async function buildDocx(paragraphs: DocxParagraph[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${REL}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${REL}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`);
  zip.file(
    "word/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`,
  );
  const body = paragraphs
    .map(
      (p) =>
        `<w:p>${p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>` : ""}${p.runs
          .map((r) => `<w:r>${r.bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${escapeXml(r.text)}</w:t></w:r>`)
          .join("")}</w:p>`,
    )
    .join("");
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer" });
}

/**
 * A Word document whose word/document.xml unpacks to about `xmlBytes` bytes of
 * ordinary paragraphs, while the zip's headers declare `declaredSize` bytes for
 * it: a few hundred KB on the wire that a reader trusting the zip's own sizes
 * takes for a small file.
 */
export async function buildDocxBomb(xmlBytes: number, declaredSize = 4096): Promise<Buffer> {
  const paragraph = `<w:p><w:r><w:t xml:space="preserve">${"All work and no play. ".repeat(40)}</w:t></w:r></w:p>`;
  const honest = await buildDocx([{ style: "Title", runs: [{ text: "Bomb" }] }]);
  const zip = await JSZip.loadAsync(honest);
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>`;
  const xml = head + paragraph.repeat(Math.ceil(xmlBytes / paragraph.length)) + "</w:body></w:document>";
  zip.file("word/document.xml", xml);
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
  return lieAboutSize(bytes, "word/document.xml", declaredSize);
}

/** Rewrites the uncompressed size that a zip's local header and central directory declare for one entry. */
function lieAboutSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50) {
      const n = out.readUInt16LE(i + 26);
      if (out.toString("utf8", i + 30, i + 30 + n) === name) out.writeUInt32LE(size, i + 22);
    } else if (sig === 0x02014b50) {
      const n = out.readUInt16LE(i + 28);
      if (out.toString("utf8", i + 46, i + 46 + n) === name) out.writeUInt32LE(size, i + 24);
    }
  }
  return out;
}

/** The same Word document with its word/document.xml rewritten (for character references no text run can hold). */
export async function editDocumentXml(docx: Buffer, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  zip.file("word/document.xml", edit(await zip.file("word/document.xml")!.async("string")));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
