/**
 * The interface languages and how one is chosen for a request (ADR 020):
 * the account's setting, else the cookie the switcher sets, else the
 * browser's Accept-Language, else English.
 */
export const LOCALES = ["en", "ja"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** What each language is called in itself, for the switcher and the content-language field. */
export const LOCALE_NAME: Record<Locale, string> = { en: "English", ja: "日本語" };

/** The cookie the language switcher sets; a year, like the choice it remembers. */
export const LOCALE_COOKIE = "margin_lang";
const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** The Set-Cookie value that remembers `locale` in this browser, or forgets the choice (null) so Accept-Language decides again. */
export function localeCookie(locale: Locale | null): string {
  return locale ? `${LOCALE_COOKIE}=${locale}; Path=/; SameSite=Lax; Max-Age=${LOCALE_COOKIE_MAX_AGE_SECONDS}` : `${LOCALE_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0`;
}

/** A consultation's time zone when none is chosen: its content language's usual one. */
export const DEFAULT_TIME_ZONE: Record<Locale, string> = { en: "UTC", ja: "Asia/Tokyo" };

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** Whether `tz` is an IANA time zone this runtime knows (Intl is the only judge). */
export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || tz.length === 0 || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The best supported language in an Accept-Language header (quality order, then position). */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 1000)
    .split(",")
    .slice(0, 30)
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, i };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.i - b.i);
  return ranked.map((r) => r.base).find(isLocale) ?? null;
}

/** The language a request is served in. */
export function chooseLocale(input: { account?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.account)) return input.account;
  if (isLocale(input.cookie)) return input.cookie;
  return fromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LOCALE;
}

/**
 * A guess at the language of imported or typed text: Japanese when kana or
 * kanji make up a noticeable share of its letters.
 */
export function detectContentLanguage(text: string): Locale {
  const sample = text.slice(0, 20_000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return DEFAULT_LOCALE;
  const japanese = sample.match(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/gu)?.length ?? 0;
  return japanese / letters >= 0.2 ? "ja" : "en";
}
