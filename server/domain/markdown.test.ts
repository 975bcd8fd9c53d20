import { describe, expect, it } from "vitest";
import { htmlToText, renderMarkdown, slugify, splitMarkdown } from "./markdown.js";

describe("splitMarkdown", () => {
  it("uses a lone leading H1 as the title and H2s as sections", () => {
    const doc = splitMarkdown("# Guide\n\nIntro text.\n\n## One\n\nFirst *body*.\n\n## Two\n\nSecond.\n\n### Detail\n\nMore.");
    expect(doc.title).toBe("Guide");
    expect(doc.summary).toBe("Intro text.");
    expect(doc.sections.map((s) => s.title)).toEqual(["One", "Two"]);
    expect(doc.sections[0]!.html).toContain("<em>body</em>");
    expect(doc.sections[1]!.html).toContain("<h3>Detail</h3>");
  });

  it("makes every top-level heading a section when there are several", () => {
    const doc = splitMarkdown("Preface.\n\n# A\n\na\n\n# B\n\nb");
    expect(doc.title).toBeNull();
    expect(doc.summary).toBe("Preface.");
    expect(doc.sections.map((s) => [s.title, s.text])).toEqual([
      ["A", "a"],
      ["B", "b"],
    ]);
  });

  it("escapes raw HTML and drops unsafe links", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](https://example.org "t")');
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<a href="https://example.org"');
  });
});

describe("helpers", () => {
  it("turns HTML into text and titles into slugs", () => {
    expect(htmlToText("<p>a &amp; b</p><p>c</p>")).toBe("a & b\nc");
    expect(slugify("Draft Guideline on AI — Governance, 2026!")).toBe("draft-guideline-on-ai-governance-2026");
    expect(slugify("Ø")).toMatch(/^consultation-/);
  });
});
