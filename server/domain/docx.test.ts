import { describe, expect, it } from "vitest";
import { buildDocx, buildDocxBomb, editDocumentXml } from "../../tests/helpers/docx.js";
import { isAppError } from "../errors.js";
import { DEFAULT_DOCX_LIMITS, checkDocxContainer, docxToHtml, xmlDepth } from "./docx.js";

const MiB = 1024 * 1024;
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  return null;
};

describe("xmlDepth", () => {
  it("measures element nesting, skipping declarations, comments, CDATA and self-closing tags", () => {
    const xml = (s: string) => Buffer.from(s);
    expect(xmlDepth(xml('<?xml version="1.0"?><a><b/><c x="1>2"><d></d></c><!-- <e><f> --><![CDATA[<g><h>]]></a>'))).toBe(3);
    expect(xmlDepth(xml(`${"<w:p>".repeat(5000)}${"</w:p>".repeat(5000)}`), 100)).toBeGreaterThan(100);
    expect(xmlDepth(xml('<!DOCTYPE lol [<!ENTITY a "aaaa">]><a>&a;</a>'))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("checkDocxContainer", () => {
  it("counts the bytes it inflates, not the sizes the zip declares, and stops at the cap", async () => {
    const bomb = await buildDocxBomb(45 * MiB);
    expect(bomb.length).toBeLessThan(MiB);
    const r = refusal(() => checkDocxContainer(bomb, DEFAULT_DOCX_LIMITS));
    expect(r?.code).toBe("payload_too_large");
    expect(r?.message).toContain("too large once unpacked");
    // The same file with honest sizes is refused the same way, and so is everything past the total cap.
    const small = await buildDocxBomb(2 * MiB, 2 * MiB);
    expect(refusal(() => checkDocxContainer(small, { ...DEFAULT_DOCX_LIMITS, maxUnpackedBytes: MiB }))?.code).toBe("payload_too_large");
  });

  it("refuses sizes that do not match what the parts inflate to, and XML nested too deeply", async () => {
    const liar = await buildDocxBomb(64 * 1024, 1000);
    expect(refusal(() => checkDocxContainer(liar, DEFAULT_DOCX_LIMITS))?.message).toContain("damaged");
    const deep = await editDocumentXml(await buildDocx([{ runs: [{ text: "DEEP" }] }]), (xml) => xml.replace("DEEP", `${"<w:sdt>".repeat(500)}${"</w:sdt>".repeat(500)}`));
    const r = refusal(() => checkDocxContainer(deep, DEFAULT_DOCX_LIMITS));
    expect(r?.code).toBe("unprocessable");
    expect(r?.message).toContain(`more than ${DEFAULT_DOCX_LIMITS.maxXmlDepth} levels deep`);
  });

  it("lets an ordinary Word document through to mammoth", async () => {
    const docx = await buildDocx([{ style: "Title", runs: [{ text: "Guide" }] }, { style: "Heading1", runs: [{ text: "One" }] }, { runs: [{ text: "Body", bold: true }] }]);
    expect(await docxToHtml(docx)).toBe("<h1>Guide</h1><h2>One</h2><p><strong>Body</strong></p>");
  });
});
