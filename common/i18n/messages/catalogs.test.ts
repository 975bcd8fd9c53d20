import { createIntl } from "@formatjs/intl";
import { describe, expect, it } from "vitest";
import { EN, JA, type MessageId } from "./index.js";

/** Every message of every area. */
const IDS = Object.keys(EN) as MessageId[];

interface Element {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

const parser = createIntl({ locale: "en", onError: () => undefined });

/** The arguments and tags a message uses (from its ICU syntax tree), so the two languages can be compared. */
function parts(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const el of elements) {
      // 0 is literal text and 7 the plural's #; everything else names an argument or a tag.
      if (el.type !== 0 && el.type !== 7 && typeof el.value === "string") found.add(el.children ? `<${el.value}>` : `{${el.value}}`);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      walk(el.children ?? []);
    }
  };
  walk(parser.formatters.getMessageFormat(message, "en").getAst() as Element[]);
  return [...found].sort();
}

describe("the catalogs", () => {
  it.each(["en", "ja"] as const)("every %s message formats without an ICU error", (locale) => {
    const errors: string[] = [];
    const intl = createIntl({ locale, messages: locale === "en" ? EN : JA, onError: (e) => errors.push(String(e)) });
    for (const id of IDS) {
      const values = Object.fromEntries(parts(EN[id]).map((p) => [p.slice(1, -1), p.startsWith("<") ? (chunks: string[]) => chunks.join("") : 1]));
      intl.formatMessage({ id }, values);
    }
    expect(errors).toEqual([]);
  });

  it("uses the same tags in Japanese as in English, and no argument English does not give", () => {
    // Japanese may leave out an argument English needs only to choose a plural form ({count, plural, …}).
    const differ = IDS.filter((id) => {
      const en = parts(EN[id]);
      const ja = parts(JA[id]);
      const tags = (p: string[]) => p.filter((x) => x.startsWith("<")).join();
      return tags(en) !== tags(ja) || ja.some((x) => !en.includes(x));
    });
    expect(differ).toEqual([]);
  });
});
