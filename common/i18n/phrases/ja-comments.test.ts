import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasPhrase, phraseIn } from "../phrases.js";

/** Every English literal these files hand to people: errors, field errors and one-time messages. */
const SOURCES = [
  "server/domain/comments/deps.ts",
  "server/domain/comments/write.ts",
  "server/domain/comments/suggestions.ts",
  "server/domain/comments/positions.ts",
  "app/routes/c.$slug.s.$sectionId/intents.server.ts",
];

/** A sample value for a template's varying part: a number, unless the part is a known word. */
const SAMPLE: Record<string, string> = { "c.suggestion_status": "accepted" };

function literals(file: string): string[] {
  const text = readFileSync(new URL(`../../../${file}`, import.meta.url), "utf8");
  const found = new Set<string>();
  // "Sentence." and `Sentence with ${parts}.`: a capital letter to a full stop, as messages are written here.
  for (const m of text.matchAll(/"([A-Z][^"\n]*[.!?])"|`([A-Z][^`\n]*[.!?])`/g)) {
    found.add((m[1] ?? m[2]!).replace(/\$\{([^}]*)\}/g, (_, expr: string) => SAMPLE[expr] ?? "7"));
  }
  return [...found];
}

describe("Japanese for the comment flows' server messages", () => {
  it.each(SOURCES)("has an entry for every message in %s", (file) => {
    // Translated, and not by a catch-all pattern that leaves English words in the Japanese.
    const missing = literals(file).filter((english) => !hasPhrase(english) || /[A-Za-z]+ [A-Za-z]+/.test(phraseIn("ja", english)));
    expect(missing).toEqual([]);
  });

  it("translates the report and review refusals and the varying parts", () => {
    expect(phraseIn("ja", "You have reported this comment already; the moderators will look at it.")).toBe("この意見はすでに通報済みです。モデレーターが確認します。");
    expect(phraseIn("ja", "Comments can be edited for 15 minutes after posting.")).toBe("意見は投稿後15分以内に限り編集できます。");
    expect(phraseIn("ja", "Comment is required.")).toBe("意見を入力してください。");
    expect(phraseIn("ja", "That comment does not exist or is not visible to you.")).toBe("その意見は存在しないか、閲覧できません。");
    expect(phraseIn("ja", "Too many posts from your account. Please try again in 30 seconds.")).toBe("このアカウントからの投稿が多すぎます。30秒後にもう一度お試しください。");
    expect(phraseIn("ja", "Published by Olivia Owner, Ministry of Digital Affairs")).toBe("公表者：Olivia Owner, Ministry of Digital Affairs");
    expect(phraseIn("en", "Your comment is posted.")).toBe("Your comment is posted.");
  });
});
