import { describe, expect, it } from "vitest";
import { ftsPhrase, likePattern } from "../../../db/queries/search.js";
import { snippetHtml, snippetOf } from "./snippet.js";
import { isShortWord, SEARCH_WORDS_MAX, searchWords } from "./terms.js";

describe("searchWords", () => {
  it("splits at spaces, the ideographic space included, and keeps Japanese runs whole", () => {
    expect(searchWords("生成AI　利用者 transparency").words).toEqual(["生成AI", "利用者", "transparency"]);
  });

  it("keeps a quoted phrase as one word, without its quotes", () => {
    expect(searchWords('"value chain" risk').words).toEqual(["value chain", "risk"]);
    expect(searchWords("「生成 AI」").words).toEqual(["生成 AI"]);
    expect(searchWords("“human review”").words).toEqual(["human review"]);
  });

  it("treats operators and a stray quote as text", () => {
    expect(searchWords('AI AND NOT risk* -law "open').words).toEqual(["AI", "AND", "NOT", "risk*", "-law", '"open']);
    expect(searchWords("NEAR(a b)").words).toEqual(["NEAR(a", "b)"]);
  });

  it("drops duplicates ignoring case, and words past the limit", () => {
    expect(searchWords("Risk risk RISK").words).toEqual(["Risk"]);
    const many = Array.from({ length: SEARCH_WORDS_MAX + 3 }, (_, i) => `w${i}`).join(" ");
    expect(searchWords(many)).toEqual({ words: Array.from({ length: SEARCH_WORDS_MAX }, (_, i) => `w${i}`), dropped: 3 });
  });

  it("finds no words in blank input", () => {
    expect(searchWords("  \u3000 ").words).toEqual([]);
    expect(searchWords('""').words).toEqual(['""']);
  });

  it("counts characters, not UTF-16 units, for the trigram limit", () => {
    expect(isShortWord("AI")).toBe(true);
    expect(isShortWord("生成")).toBe(true);
    expect(isShortWord("生成A")).toBe(false);
    expect(isShortWord("😀😀")).toBe(true);
  });
});

describe("the query as the database reads it", () => {
  it("quotes an FTS5 phrase by doubling its quotes, so no FTS5 syntax survives", () => {
    expect(ftsPhrase("生成AI")).toBe('"生成AI"');
    expect(ftsPhrase('a" OR "b')).toBe('"a"" OR ""b"');
    expect(ftsPhrase("NEAR(x y)*")).toBe('"NEAR(x y)*"');
  });

  it("escapes LIKE's wildcards and its escape character", () => {
    expect(likePattern("50%")).toBe("%50\\%%");
    expect(likePattern("a_b")).toBe("%a\\_b%");
    expect(likePattern("c:\\x")).toBe("%c:\\\\x%");
    expect(likePattern("生成")).toBe("%生成%");
  });
});

describe("snippets", () => {
  it("marks every match, ignoring case, and escapes HTML for the API", () => {
    const parts = snippetOf("<b>Risk</b> and more risk", ["risk"]);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(["Risk", "risk"]);
    expect(snippetHtml(parts)).toBe("&lt;b&gt;<mark>Risk</mark>&lt;/b&gt; and more <mark>risk</mark>");
  });

  it("cuts around the first match with ellipses, never inside a character", () => {
    const text = `${"前置き".repeat(40)}生成AIの利用者は${"後書き😀".repeat(80)}`;
    const parts = snippetOf(text, ["生成AI"]);
    const joined = parts.map((p) => p.text).join("");
    expect(joined.startsWith("…")).toBe(true);
    expect(joined.endsWith("…")).toBe(true);
    expect(parts.some((p) => p.match && p.text === "生成AI")).toBe(true);
    expect(joined).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(joined.length).toBeLessThanOrEqual(202);
  });

  it("marks the longer of two overlapping words whole", () => {
    expect(snippetOf("生成AIの利用", ["生成", "生成AI"]).filter((p) => p.match).map((p) => p.text)).toEqual(["生成AI"]);
  });
});
