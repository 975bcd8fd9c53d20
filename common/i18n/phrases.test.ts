/**
 * Every English message the server writes for people must have Japanese
 * (ADR 020): this reads the source of server/ and app/ for the places such
 * messages are written as literals — AppErrors, forbidden()/notFound(),
 * field errors, zod messages and the labels given to text()/verbatim(),
 * flashes and thrown `data({ message })` — and asks the phrase table for each.
 * A template literal's `${…}` parts stand for any value, as a pattern's
 * `{name}` does.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { hasPhrase, phraseIn } from "./phrases.js";

const ROOT = join(import.meta.dirname, "../..");

// The environment's checks speak to whoever configures the server, before any
// request or language exists; like logs, they stay in English.
const NOT_FOR_PAGES = new Set(["server/env.ts"]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") out.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && entry.name !== "test-support.ts") {
      out.push(path);
    }
  }
  return out;
}

// A string literal: "…", '…' or `…` (with ${…} parts, not nested templates).
const LIT = String.raw`("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\x60(?:[^\x60\\$]|\\.|\$\{[^}]*\}|\$(?!\{))*\x60)`;
const REGEX_LIT = String.raw`\/(?:[^\/\\\n]|\\.)+\/[a-z]*`;

/** Where a people-facing message is written; the literal is the last group. */
const SITES: { name: string; re: RegExp }[] = [
  { name: "AppError", re: new RegExp(String.raw`new AppError\(\s*"[a-z_]+"\s*,\s*${LIT}`, "g") },
  { name: "forbidden/notFound", re: new RegExp(String.raw`\b(?:forbidden|notFound)\(\s*${LIT}`, "g") },
  { name: "fieldError", re: new RegExp(String.raw`\bfieldError\(\s*[^,()]+,\s*${LIT}`, "g") },
  { name: "formError", re: new RegExp(String.raw`\bformError\(\s*${LIT}`, "g") },
  { name: "zod error/message", re: new RegExp(String.raw`\b(?:error|message):\s*${LIT}`, "g") },
  { name: "zod min/max", re: new RegExp(String.raw`\.(?:min|max|length)\(\s*[\w.]+\s*,\s*${LIT}`, "g") },
  { name: "zod regex", re: new RegExp(String.raw`\.regex\(\s*(?:${REGEX_LIT}|[\w.]+)\s*,\s*${LIT}`, "g") },
  { name: "zod email", re: new RegExp(String.raw`\bz\.email\(\s*${LIT}`, "g") },
  { name: "field label", re: new RegExp(String.raw`\b(?:text|verbatim|OptionalDateTime)\(\s*${LIT}(?=\s*[,)])`, "g") },
  { name: "import refusal", re: new RegExp(String.raw`\brefusal\(\s*"[a-z_]+"\s*,\s*${LIT}`, "g") },
  { name: "flash", re: new RegExp(String.raw`redirectWithFlash\(\s*(?:${LIT}|[^,()]+)\s*,\s*${LIT}`, "g") },
];

/**
 * Messages kept in a variable first: every literal in `const message = …;`
 * (a ternary may choose between two), and sentences held in constants
 * (`const SIGN_IN_FAILED = "…";`).
 */
const STATEMENTS: { name: string; re: RegExp; sentence: boolean }[] = [
  { name: "message variable", re: /\bconst message\s*=([^;]+);/g, sentence: false },
  { name: "message constant", re: /\bconst [A-Z][A-Z_]*(?:FAILED|PASSWORD|REQUIRED|MESSAGE|ERROR)\s*=([^;]+);/g, sentence: true },
];

/** The literal as the phrase table sees it: quotes off, escapes read, each `${…}` a placeholder. */
function englishOf(literal: string): string {
  const body = literal.slice(1, -1);
  let n = 0;
  const withHoles = literal.startsWith("`") ? body.replace(/\$\{[^}]*\}/g, () => `{${n++}}`) : body;
  return withHoles.replace(/\\(.)/g, "$1");
}

/** Whether a literal is words for people (a sentence or a label), not a code like "not_found". */
function isWords(english: string, site: string): boolean {
  if (site === "field label") return /[A-Za-z]/.test(english);
  return /[A-Za-z]{2,}/.test(english) && / /.test(english.replace(/\{\d+\}/g, ""));
}

interface Found {
  file: string;
  line: number;
  site: string;
  english: string;
}

function scan(): Found[] {
  const found: Found[] = [];
  for (const dir of ["server", "app"]) {
    for (const path of sourceFiles(join(ROOT, dir))) {
      if (NOT_FOR_PAGES.has(relative(ROOT, path))) continue;
      const source = readFileSync(path, "utf8");
      for (const { name, re } of SITES) {
        for (const m of source.matchAll(re)) {
          const literal = m[m.length - 1];
          if (!literal) continue;
          const english = englishOf(literal);
          if (!isWords(english, name)) continue;
          const line = source.slice(0, m.index).split("\n").length;
          found.push({ file: relative(ROOT, path), line, site: name, english });
        }
      }
      for (const { name, re, sentence } of STATEMENTS) {
        for (const m of source.matchAll(re)) {
          for (const lit of m[1]!.matchAll(new RegExp(LIT, "g"))) {
            const english = englishOf(lit[1]!);
            if (!isWords(english, name) || (sentence && !/\.\)?$/.test(english))) continue;
            const line = source.slice(0, m.index + m[0].indexOf(lit[1]!)).split("\n").length;
            found.push({ file: relative(ROOT, path), line, site: name, english });
          }
        }
      }
    }
  }
  return found;
}

/**
 * English words run together with Japanese ("Deadlineを入力してください。"): a
 * label or a part of a pattern that has no entry of its own. English a
 * translator keeps on purpose (Markdown, UTF-8, an example address) stands
 * apart, with a space or punctuation.
 */
function leftInEnglish(english: string): string[] {
  const ja = phraseIn("ja", english).replace(/\{\d+\}/g, "");
  return ja.match(/(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[A-Za-z]{2,}|[A-Za-z]{2,}(?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])/gu) ?? [];
}

describe("server messages in Japanese", () => {
  const found = scan();

  it("finds the messages it looks for (the scanner itself works)", () => {
    expect(found.length).toBeGreaterThan(100);
    expect(found.some((f) => f.english === "Please sign in first.")).toBe(true);
    expect(found.some((f) => f.english === "{0} is required.")).toBe(true);
    expect(found.some((f) => f.site === "field label" && f.english === "Title")).toBe(true);
  });

  it("has a Japanese phrase for every literal message", () => {
    const missing = found.filter((f) => !hasPhrase(f.english));
    const list = missing.map((f) => `${f.file}:${f.line} (${f.site}) ${JSON.stringify(f.english)}`);
    expect(list, `${missing.length} messages have no Japanese in common/i18n/phrases/ja-*.ts:\n${list.join("\n")}`).toEqual([]);
  });

  it("leaves no English words in the Japanese (labels inside patterns are translated too)", () => {
    const partial = found.filter((f) => hasPhrase(f.english)).flatMap((f) => {
      const words = leftInEnglish(f.english);
      return words.length ? [`${f.file}:${f.line} ${JSON.stringify(f.english)} → ${JSON.stringify(phraseIn("ja", f.english))}`] : [];
    });
    expect(partial, `${partial.length} translations still read partly in English:\n${partial.join("\n")}`).toEqual([]);
  });
});

describe("phraseIn", () => {
  it("looks up exact phrases and leaves English (and unknown text) as it is", () => {
    expect(phraseIn("ja", "Please sign in first.")).toBe("先にログインしてください。");
    expect(phraseIn("en", "Please sign in first.")).toBe("Please sign in first.");
    expect(phraseIn("ja", "A sentence nobody translated.")).toBe("A sentence nobody translated.");
    expect(hasPhrase("A sentence nobody translated.")).toBe(false);
  });

  it("fills a pattern's parts, translating each part that is a phrase itself", () => {
    expect(phraseIn("ja", "Title is required.")).toBe("件名を入力してください。");
    expect(phraseIn("ja", "Display name can be at most 80 characters.")).toBe("表示名は80文字以内で入力してください。");
    expect(phraseIn("ja", "That section does not exist or is not visible to you.")).toBe("その節は存在しないか、閲覧できません。");
    // A part that is not a phrase (a number, a name someone typed) is kept as it is.
    expect(phraseIn("ja", "No account with email rita@example.org.")).toBe("rita@example.org のアカウントはありません。");
  });

  it("translates a part through another pattern, one level down", () => {
    expect(phraseIn("ja", "Too many sign-in attempts for this account. Please try again in 15 minutes.")).toBe(
      "このアカウントへのログインの試行が多すぎます。15分後にもう一度お試しください。",
    );
    expect(phraseIn("ja", "The title of section 3 contains control characters. Correct it in the file and import it again.")).toBe(
      "第3節の見出しに制御文字が含まれています。ファイルを修正して、もう一度取り込んでください。",
    );
  });

  it("treats the English's regular-expression characters as text", () => {
    // "." in a pattern is a full stop, not any character.
    expect(phraseIn("ja", "Title is requiredX")).toBe("Title is requiredX");
    expect(phraseIn("ja", "(Title) is required.")).toBe("(Title)を入力してください。");
  });
});
