import { describe, expect, it } from "vitest";
import { messagesLocaleOf } from "../env.js";
import { cliLocale } from "./io.js";

describe("the CLI's language", () => {
  it("is Japanese for ja locales and English for everything else", () => {
    expect(cliLocale("ja_JP.UTF-8")).toBe("ja");
    expect(cliLocale("ja_JP.eucJP")).toBe("ja");
    expect(cliLocale("ja")).toBe("ja");
    expect(cliLocale("ja_JP@calendar=japanese")).toBe("ja");
    expect(cliLocale("en_GB.UTF-8")).toBe("en");
    expect(cliLocale("C")).toBe("en");
    expect(cliLocale("C.UTF-8")).toBe("en");
    expect(cliLocale("jam_JM")).toBe("en");
    expect(cliLocale(null)).toBe("en");
  });

  it("reads LC_ALL, then LC_MESSAGES, then LANG, skipping empty ones", () => {
    expect(messagesLocaleOf({ LC_ALL: "C", LC_MESSAGES: "ja_JP.UTF-8", LANG: "ja_JP.UTF-8" })).toBe("C");
    expect(messagesLocaleOf({ LC_ALL: "", LC_MESSAGES: "ja_JP.UTF-8", LANG: "en_US.UTF-8" })).toBe("ja_JP.UTF-8");
    expect(messagesLocaleOf({ LANG: "ja_JP.UTF-8" })).toBe("ja_JP.UTF-8");
    expect(messagesLocaleOf({})).toBeNull();
  });
});
