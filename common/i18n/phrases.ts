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

/** How much fixed text a pattern has: the most specific patterns are tried first, so "{label} {problem}." never takes a longer one's phrase. */
const literalLength = (english: string) => english.replace(/\{[a-z]+\}/gi, "").length;

function compile(patterns: Record<string, string>): Pattern[] {
  const specificFirst = Object.entries(patterns).sort(([a], [b]) => literalLength(b) - literalLength(a));
  return specificFirst.map(([english, template]) => {
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

/** `english` in `locale`: its translation, else the English as it was (never an empty string). */
export function phraseIn(locale: Locale, english: string): string {
  if (locale === "en") return english;
  const exact = PHRASES_JA[english];
  if (exact !== undefined) return exact;
  compiledJa ??= compile(PATTERNS_JA);
  for (const p of compiledJa) {
    const m = p.re.exec(english);
    if (!m) continue;
    return p.template.replace(/\{([a-z]+)\}/gi, (_, name: string) => {
      const value = m[p.names.indexOf(name) + 1] ?? "";
      return PHRASES_JA[value] ?? value;
    });
  }
  return english;
}

/** Whether `english` has a Japanese entry (exact or by pattern): what phrases.test.ts asks of each server message. */
export function hasPhrase(english: string): boolean {
  return phraseIn("ja", english) !== english;
}
