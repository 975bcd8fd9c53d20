import { describe, expect, it } from "vitest";
import { parseImport } from "./import-parse.js";

describe("parseImport's reading of a Markdown file's bytes", () => {
  it("drops a UTF-8 byte-order mark, so the first line's # title stays the title", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("# 題名\n\n要約。\n\n## 一\n\n本文。\n")]);
    const parsed = await parseImport(bytes, "markdown");
    expect(parsed.title).toBe("題名");
    expect(parsed.summary).toBe("要約。");
    expect(parsed.sections.map((s) => s.title)).toEqual(["一"]);
  });

  it("refuses Shift_JIS and UTF-16 with what to do instead of reading mojibake", async () => {
    await expect(parseImport(new Uint8Array([0x23, 0x20, 0x93, 0xfa, 0x96, 0x7b, 0x0a]), "markdown")).rejects.toThrow("not UTF-8 text (Shift_JIS or another encoding)");
    await expect(parseImport(new Uint8Array([0xff, 0xfe, 0x23, 0x00]), "markdown")).rejects.toThrow("UTF-16 text, not UTF-8 text");
    await expect(parseImport(new Uint8Array([0xfe, 0xff, 0x00, 0x23]), "markdown")).rejects.toThrow("UTF-16 text, not UTF-8 text");
  });
});
