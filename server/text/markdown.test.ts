import { describe, expect, it } from "vitest";
import { MARKDOWN_MAX_NESTING, htmlToText, nestingDepth, renderCommentMarkdown, renderMarkdown, slugify, splitMarkdown } from "./markdown.js";

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
    expect(slugify("Ø")).toMatch(/^c-[a-z2-7]{6}$/);
  });

  it("never makes an empty slug of a Japanese title, and keeps its Latin words", () => {
    const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    for (const title of ["事業者ガイドライン（案）", "人工知能に関する意見募集", "「。」", "　", ""]) {
      const s = slugify(title);
      expect(s, title).toMatch(/^c-[a-z2-7]{6}$/);
      expect(s).toMatch(slug);
    }
    // Two Japanese titles are not given one address by accident.
    expect(slugify("意見募集")).not.toBe(slugify("意見募集"));
    expect(slugify("生成AIガイドライン 2026年版")).toBe("ai-2026");
    // Full-width Latin letters and digits are read as Latin (NFKD).
    expect(slugify("ＡＩガバナンス・ガイドライン Ｖｅｒ２")).toBe("ai-ver2");
    // Too little to be the whole address: kept, with a tail.
    expect(slugify("AI戦略")).toMatch(/^ai-[a-z2-7]{6}$/);
    expect(slugify("第2026号")).toMatch(/^2026-[a-z2-7]{6}$/);
    expect(slugify("情報提供の依頼", "request")).toMatch(/^request-[a-z2-7]{6}$/);
    expect(slugify("x".repeat(100), "c", 60)).toHaveLength(60);
  });
});

describe("nestingDepth", () => {
  it("counts quote and list markers at line starts, and the indentation in front of them", () => {
    expect(nestingDepth("plain text\n\nmore")).toBe(0);
    expect(nestingDepth("> quoted\n> > twice")).toBe(2);
    expect(nestingDepth("- a\n  - b\n    - c")).toBe(3);
    expect(nestingDepth("1. one\n   > quote in an item")).toBe(2);
    expect(nestingDepth("- - - - nested on one line")).toBe(4);
    expect(nestingDepth("*emphasis* and -5 and 3.14 are not markers")).toBe(0);
    expect(nestingDepth(">".repeat(2000))).toBe(2000);
    expect(nestingDepth("> ".repeat(2000) + "deep")).toBe(2000);
  });

  it("is an upper bound on how deeply marked nests blocks", () => {
    const depthOf = (tokens: { type: string; tokens?: unknown[]; items?: { tokens: unknown[] }[] }[]): number =>
      Math.max(0, ...tokens.map((t) => (t.type === "blockquote" ? 1 + depthOf(t.tokens as never) : t.type === "list" ? 1 + Math.max(0, ...t.items!.map((i) => depthOf(i.tokens as never))) : 0)));
    for (const source of ["> a\n>\n> > b\n\n- x\n  - y\n    > z", "1. a\n   1. b\n      - c\n        > d", "- > - > - e"]) {
      expect(nestingDepth(source)).toBeGreaterThanOrEqual(depthOf(splitMarkdown(source).sections[0]!.tokens as never));
    }
  });
});

describe("renderCommentMarkdown", () => {
  it("shows a body nested past the bound as escaped plain text instead of recursing (2,000 quotes used to overflow the stack)", () => {
    const body = `${">".repeat(2000)} <b>deep</b>`;
    const html = renderCommentMarkdown(body);
    expect(html).toBe(`<p>${"&gt;".repeat(2000)} &lt;b&gt;deep&lt;/b&gt;</p>\n`);
    expect(renderCommentMarkdown("> ".repeat(MARKDOWN_MAX_NESTING + 1) + "x")).not.toContain("<blockquote>");
  });

  it("renders Markdown up to the bound, and keeps line breaks in the plain-text fallback", () => {
    expect(renderCommentMarkdown("> ".repeat(3) + "*three*")).toBe("<blockquote>\n<blockquote>\n<blockquote>\n<p><em>three</em></p>\n</blockquote>\n</blockquote>\n</blockquote>\n");
    expect(renderCommentMarkdown("> > x\nline two\n\nnext", { maxNesting: 1 })).toBe("<p>&gt; &gt; x<br>\nline two</p>\n<p>next</p>\n");
  });

  it("never throws: when marked itself fails, the body is shown as text and the failure reported", () => {
    const failures: unknown[] = [];
    // With the bound lifted, 2,000 quotes reach marked, which runs out of stack.
    const html = renderCommentMarkdown(`${">".repeat(2000)} x`, { maxNesting: 100_000, onFailure: (_reason, e) => failures.push(e) });
    expect(html).toBe(`<p>${"&gt;".repeat(2000)} x</p>\n`);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(RangeError);
  });
});
