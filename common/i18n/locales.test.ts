import { describe, expect, it } from "vitest";
import { chooseLocale, detectContentLanguage, fromAcceptLanguage, isTimeZone } from "./locales.js";

describe("fromAcceptLanguage", () => {
  it("takes the first supported language by quality, then by position", () => {
    expect(fromAcceptLanguage("ja")).toBe("ja");
    expect(fromAcceptLanguage("ja-JP,ja;q=0.9,en;q=0.8")).toBe("ja");
    expect(fromAcceptLanguage("en-GB,en;q=0.9,ja;q=0.8")).toBe("en");
    expect(fromAcceptLanguage("en;q=0.5, ja;q=0.9")).toBe("ja");
    expect(fromAcceptLanguage("ja;q=0.8, en;q=0.8")).toBe("ja");
  });

  it("skips languages it does not have and those refused with q=0", () => {
    expect(fromAcceptLanguage("fr-FR,fr;q=0.9,ja;q=0.3")).toBe("ja");
    expect(fromAcceptLanguage("ja;q=0, en;q=0.1")).toBe("en");
    expect(fromAcceptLanguage("fr, de")).toBeNull();
    expect(fromAcceptLanguage("*")).toBeNull();
  });

  it("reads tags case-insensitively and survives junk", () => {
    expect(fromAcceptLanguage("JA-jp")).toBe("ja");
    expect(fromAcceptLanguage(" ; ,, ;q=x, ja;q=abc, en")).toBe("en");
    expect(fromAcceptLanguage("")).toBeNull();
    expect(fromAcceptLanguage(null)).toBeNull();
    expect(fromAcceptLanguage(undefined)).toBeNull();
    // A very long header is read only in part, and quickly.
    expect(fromAcceptLanguage(`${"xx;q=0.1,".repeat(10_000)}ja`)).toBeNull();
  });
});

describe("chooseLocale", () => {
  it("prefers the account, then the cookie, then Accept-Language, then English", () => {
    expect(chooseLocale({ account: "en", cookie: "ja", acceptLanguage: "ja" })).toBe("en");
    expect(chooseLocale({ account: null, cookie: "ja", acceptLanguage: "en" })).toBe("ja");
    expect(chooseLocale({ account: null, cookie: null, acceptLanguage: "ja,en;q=0.5" })).toBe("ja");
    expect(chooseLocale({})).toBe("en");
  });

  it("ignores values that are not interface languages", () => {
    expect(chooseLocale({ account: "fr", cookie: "ja" })).toBe("ja");
    expect(chooseLocale({ account: "", cookie: "<script>", acceptLanguage: "ja" })).toBe("ja");
    expect(chooseLocale({ cookie: "JA" })).toBe("en");
  });
});

describe("detectContentLanguage", () => {
  it("finds Japanese by its kana and kanji", () => {
    expect(detectContentLanguage("# AI事業者ガイドライン案\n\n本ガイドラインは、AIの開発・提供・利用に関わる事業者を対象とする。")).toBe("ja");
    expect(detectContentLanguage("ひらがなだけ")).toBe("ja");
    expect(detectContentLanguage("カタカナ")).toBe("ja");
  });

  it("reads English (and text without letters) as English", () => {
    expect(detectContentLanguage("# Draft guideline\n\nThis guideline applies to AI business operators.")).toBe("en");
    expect(detectContentLanguage("")).toBe("en");
    expect(detectContentLanguage("1234 — 5678")).toBe("en");
  });

  it("does not call an English text Japanese for a few Japanese words in it", () => {
    expect(detectContentLanguage(`The Japanese term 意見募集 means public consultation. ${"More English text follows here. ".repeat(5)}`)).toBe("en");
    // …but a Japanese text quoting English stays Japanese.
    expect(detectContentLanguage("本指針は「AI Act」および「NIST AI RMF」を参考にした。事業者は適切な措置を講じる。")).toBe("ja");
  });
});

describe("isTimeZone", () => {
  it("accepts IANA zones the runtime knows and refuses the rest", () => {
    expect(isTimeZone("Asia/Tokyo")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone(42)).toBe(false);
  });
});
