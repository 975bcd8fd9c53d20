/**
 * Messages the server writes in English (errors, form checks, one-time notes)
 * reach the page as English phrases, the way gettext uses the source text as
 * the key (ADR 020). This is where they are looked up in another language:
 * exactly, or through a pattern for phrases with a part that varies
 * ("{label} is required."), whose parts are looked up in turn.
 * phrases.test.ts checks that every literal message in the server has an entry.
 */
import type { Locale } from "./locales.js";
import { PHRASES_JA, PATTERNS_JA } from "./phrases/ja.js";

interface Pattern {
  re: RegExp;
  names: string[];
  template: string;
}

/**
 * The patterns, most literal text first: a message is read by the pattern that
 * says most about it, so "{what} contains {problem}. Correct it…" wins over
 * "The title of section {n}", whose open end would swallow the whole sentence.
 */
function compile(patterns: Record<string, string>): Pattern[] {
  const literalLength = (english: string) => english.replace(/\{[a-z]+\}/gi, "").length;
  const bySpecificity = Object.entries(patterns).sort(([a], [b]) => literalLength(b) - literalLength(a));
  return bySpecificity.map(([english, template]) => {
    const names: string[] = [];
    const source = english
      .split(/(\{[a-z]+\})/i)
      .map((part) => {
        const m = /^\{([a-z]+)\}$/i.exec(part);
        if (m) {
          names.push(m[1]!);
          return "(.+?)";
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    return { re: new RegExp(`^${source}$`, "s"), names, template };
  });
}

let compiledJa: Pattern[] | null = null;

/**
 * `english` in `locale`: its translation, else the English as it was (never an empty string).
 * A pattern's parts are phrases in their turn ("Too many {what}. Please try again in {wait}."
 * with "5 minutes" for {wait}), one level down: deep enough for every message, and it never loops.
 */
export function phraseIn(locale: Locale, english: string, depth = 0): string {
  if (locale === "en") return english;
  const exact = PHRASES_JA[english];
  if (exact !== undefined) return exact;
  if (depth > 1) return english;
  compiledJa ??= compile(PATTERNS_JA);
  for (const p of compiledJa) {
    const m = p.re.exec(english);
    if (!m) continue;
    return p.template.replace(/\{([a-z]+)\}/gi, (_, name: string) => phraseIn(locale, m[p.names.indexOf(name) + 1] ?? "", depth + 1));
  }
  return english;
}

/** Whether `english` has a Japanese entry (exact or by pattern): what phrases.test.ts asks of each server message. */
export function hasPhrase(english: string): boolean {
  return phraseIn("ja", english) !== english;
}
